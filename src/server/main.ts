// `node lib/src/server/main.js`: the App's webhook server. Reads its configuration from the environment
// (see config.ts), and on SIGTERM or SIGINT stops taking deliveries and lets running handlers finish.
import handoffApp from "../app/index.js";
import { readServerConfig } from "./config.js";
import { startServer } from "./start.js";

async function main(): Promise<void> {
  const config = readServerConfig(process.env);
  const running = await startServer({ config, app: handoffApp });
  running.probot.log.info(`handoff listening on ${running.url}${config.webhookPath} (${config.secrets.length} webhook secret(s) accepted)`);
  const stop = (signal: string): void => {
    running.probot.log.info(`${signal}: finishing running deliveries`);
    void running.close().then(() => process.exit(0));
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
}

main().catch((error: unknown) => {
  // Configuration errors are for people: the message, not a stack.
  console.error(error instanceof Error && error.name === "ServerConfigError" ? error.message : error);
  process.exit(1);
});
