// The App's one production entry point: `handoff serve` (the CLI) and `node lib/src/server/main.js` both call
// serve(); `handoff worker` (work()) is the same image as a queue worker, and `handoff queue` reports on the
// queue (docs/scaling.md). Each reads the same configuration as Probot's setup page writes: the environment first, then a `.env`
// file in the working directory for anything the environment does not set (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET,
// GHE_HOST, ...). Why this server and not `probot run`: docs/deploy.md.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseEnv } from "node:util";
import { printQueueReport } from "../queue/report.js";
import { startWorker, type RunningWorker } from "../queue/start-worker.js";
import { readServerConfig, ServerConfigError, type ServerConfig } from "./config.js";
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

/** The configuration from the environment and `./.env`; ServerConfigError when it is missing or wrong. */
function configure(env: NodeJS.ProcessEnv, cwd: string): ServerConfig {
  loadDotEnv(path.join(cwd, ".env"), env);
  if (!env.APP_ID) throw new ServerConfigError(NO_APP_YET);
  return readServerConfig(env);
}

/** On SIGTERM or SIGINT: stop taking deliveries (or jobs), let running ones finish, exit. */
function stopOnSignal(running: RunningServer | RunningWorker): void {
  const stop = (signal: string): void => {
    running.probot.log.info(`${signal}: finishing running deliveries`);
    void running.close().then(() => process.exit(0));
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
}

/** Starts the webhook server and stops it gracefully on SIGTERM/SIGINT. Throws ServerConfigError for bad config. */
export async function serve(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Promise<RunningServer> {
  const config = configure(env, cwd);
  const running = await startServer({ config });
  const mode = config.queue ? "enqueueing for workers" : config.redisUrl ? "shared state in Redis" : "single process";
  running.probot.log.info(
    `handoff listening on ${running.url}${config.webhookPath} (${config.secrets.length} webhook secret(s) accepted; ${mode})`,
  );
  if (env.WEBHOOK_PROXY_URL) {
    // The setup page's smee.io channel: this server does not open it itself (a production server must not depend
    // on a third-party relay), so say how to forward it.
    running.probot.log.info(
      `WEBHOOK_PROXY_URL is set; to forward its deliveries here, run: npx smee-client --url ${env.WEBHOOK_PROXY_URL} ` +
        `--target ${running.url.replace("0.0.0.0", "localhost")}${config.webhookPath}`,
    );
  }
  stopOnSignal(running);
  return running;
}

/** Starts a queue worker (needs REDIS_URL) with its health and metrics endpoints on PORT. */
export async function work(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Promise<RunningWorker> {
  const config = configure(env, cwd);
  const running = await startWorker({ config });
  running.probot.log.info(
    `handoff worker taking deliveries from Redis (${config.workerConcurrency} at once); health on ${running.url}`,
  );
  stopOnSignal(running);
  return running;
}

/** Prints the queue's counts, dead-letter list and stuck jobs. */
export async function reportQueue(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Promise<void> {
  await printQueueReport(configure(env, cwd));
}
