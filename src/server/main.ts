// `node lib/src/server/main.js [serve|worker|queue]`: the same as `handoff serve` (the default), `handoff worker`
// and `handoff queue`. Configuration comes from the environment and `.env` (see serve.ts and config.ts).
import { reportQueue, serve, work } from "./serve.js";

const roles = { serve, worker: work, queue: reportQueue } as const;
const role = process.argv[2] ?? "serve";

(role in roles
  ? roles[role as keyof typeof roles]()
  : Promise.reject(
      Object.assign(new Error(`Unknown role "${role}": use serve, worker or queue.`), { name: "ServerConfigError" }),
    )
).catch((error: unknown) => {
  // Configuration errors are for people: the message, not a stack.
  console.error(error instanceof Error && error.name === "ServerConfigError" ? error.message : error);
  process.exit(1);
});
