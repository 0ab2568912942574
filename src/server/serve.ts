// The App's one production entry point: `handoff serve` (the CLI) and `node lib/src/server/main.js` both call
// serve(). It reads the same configuration as Probot's setup page writes: the environment first, then a `.env`
// file in the working directory for anything the environment does not set (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET,
// GHE_HOST, ...). Why this server and not `probot run`: docs/deploy.md.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseEnv } from "node:util";
import handoffApp from "../app/index.js";
import { readServerConfig, ServerConfigError } from "./config.js";
import { startServer, type RunningServer } from "./start.js";

/**
 * Loads `file` into `env` without overriding what is already set, as Probot does: a deployment's real
 * environment wins over a leftover development `.env`. Node's own parser (the one Probot uses) reads the
 * `KEY="-----BEGIN ...\n..."` lines the setup page writes.
 */
export function loadDotEnv(file: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (!existsSync(file)) return false;
  for (const [key, value] of Object.entries(parseEnv(readFileSync(file, "utf8")))) {
    if (env[key] === undefined) env[key] = value;
  }
  return true;
}

/** What to do when nothing configures the App yet: the setup page registers one and writes `.env`. */
const NO_APP_YET =
  "No GitHub App is configured (APP_ID is not set, and no .env sets it). To register one, run `npm run setup` " +
  "in a clone (Probot's setup page writes .env), or set APP_ID, PRIVATE_KEY and WEBHOOK_SECRET: see docs/deploy.md.";

/** Starts the webhook server and stops it gracefully on SIGTERM/SIGINT. Throws ServerConfigError for bad config. */
export async function serve(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Promise<RunningServer> {
  loadDotEnv(path.join(cwd, ".env"), env);
  if (!env.APP_ID) throw new ServerConfigError(NO_APP_YET);
  const config = readServerConfig(env);
  const running = await startServer({ config, app: handoffApp });
  running.probot.log.info(
    `handoff listening on ${running.url}${config.webhookPath} (${config.secrets.length} webhook secret(s) accepted)`,
  );
  if (env.WEBHOOK_PROXY_URL) {
    // The setup page's smee.io channel: this server does not open it itself (a production server must not depend
    // on a third-party relay), so say how to forward it.
    running.probot.log.info(
      `WEBHOOK_PROXY_URL is set; to forward its deliveries here, run: npx smee-client --url ${env.WEBHOOK_PROXY_URL} ` +
        `--target ${running.url.replace("0.0.0.0", "localhost")}${config.webhookPath}`,
    );
  }
  const stop = (signal: string): void => {
    running.probot.log.info(`${signal}: finishing running deliveries`);
    void running.close().then(() => process.exit(0));
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
  return running;
}
