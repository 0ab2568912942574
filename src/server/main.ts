// `node lib/src/server/main.js`: the App's webhook server, the same as `handoff serve`. Configuration comes from
// the environment and `.env` (see serve.ts and config.ts).
import { serve } from "./serve.js";

serve().catch((error: unknown) => {
  // Configuration errors are for people: the message, not a stack.
  console.error(error instanceof Error && error.name === "ServerConfigError" ? error.message : error);
  process.exit(1);
});
