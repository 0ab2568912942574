// The server's configuration from the environment, checked at start: a server that cannot verify signatures
// must not start at all (never accept an unsigned webhook), and every error names the variable to fix.
import { readFileSync } from "node:fs";
import * as z from "../core/zod.js";
import { DEFAULT_WEBHOOK_PATH } from "./middleware.js";

export interface ServerConfig {
  appId: number;
  privateKey: string;
  /** Accepted webhook secrets, newest first: `WEBHOOK_SECRETS`, or `WEBHOOK_SECRET` then `WEBHOOK_SECRET_PREVIOUS`. */
  secrets: string[];
  port: number;
  host: string;
  /** GitHub's REST API root for GitHub Enterprise Server; undefined for github.com. */
  baseUrl?: string;
  webhookPath: string;
  logLevel: "trace" | "debug" | "info" | "warn" | "error" | "fatal";
  /** `REDIS_URL`: with it, replicas share delivery dedupe, source locks and each installation's write limiter. */
  redisUrl?: string;
  /** `HANDOFF_QUEUE=true` (needs REDIS_URL): the web process enqueues and answers 202; `handoff worker` runs. */
  queue: boolean;
  /** `WORKER_CONCURRENCY`: deliveries one worker runs at once. */
  workerConcurrency: number;
}

export class ServerConfigError extends Error {
  override readonly name = "ServerConfigError";
}

const EnvSchema = z.object({
  APP_ID: z.string().check(z.regex(/^\d+$/, "APP_ID must be the App's numeric id")),
  PRIVATE_KEY: z.optional(z.string()),
  PRIVATE_KEY_PATH: z.optional(z.string()),
  WEBHOOK_SECRET: z.optional(z.string()),
  WEBHOOK_SECRET_PREVIOUS: z.optional(z.string()),
  WEBHOOK_SECRETS: z.optional(z.string()),
  WEBHOOK_PATH: z.optional(z.string().check(z.startsWith("/"))),
  PORT: z.optional(z.string().check(z.regex(/^\d{1,5}$/, "PORT must be a port number"))),
  HOST: z.optional(z.string()),
  GHE_HOST: z.optional(z.string()),
  GHE_PROTOCOL: z.optional(z.enum(["http", "https"])),
  GITHUB_API_URL: z.optional(z.string().check(z.url())),
  LOG_LEVEL: z.optional(z.enum(["trace", "debug", "info", "warn", "error", "fatal"])),
  REDIS_URL: z.optional(
    z.union([
      z.literal(""),
      z
        .string()
        .check(z.regex(/^(rediss?:\/\/|\/)/, "REDIS_URL must be a redis:// or rediss:// URL, or a Unix socket path")),
    ]),
  ),
  HANDOFF_QUEUE: z.optional(z.enum(["true", "false", "1", "0", ""])),
  WORKER_CONCURRENCY: z.optional(
    z.string().check(z.regex(/^[1-9]\d{0,3}$/, "WORKER_CONCURRENCY must be a whole number from 1")),
  ),
});

/** A PEM as people store it: with real newlines, with `\n` escapes (one-line env files), or base64-encoded. */
function normalisePrivateKey(raw: string): string {
  const escaped = raw.replace(/\\n/g, "\n").trim();
  if (escaped.includes("-----BEGIN")) return `${escaped}\n`;
  const decoded = Buffer.from(raw.trim(), "base64").toString("utf8");
  if (decoded.includes("-----BEGIN")) return decoded;
  throw new ServerConfigError("PRIVATE_KEY is not a PEM private key (nor a base64-encoded one).");
}

function webhookSecrets(env: z.infer<typeof EnvSchema>): string[] {
  const listed =
    env.WEBHOOK_SECRETS !== undefined
      ? env.WEBHOOK_SECRETS.split(",")
      : [env.WEBHOOK_SECRET ?? "", env.WEBHOOK_SECRET_PREVIOUS ?? ""];
  const secrets = [...new Set(listed.map((s) => s.trim()).filter((s) => s !== ""))];
  if (secrets.length === 0) {
    throw new ServerConfigError(
      "Set WEBHOOK_SECRET (and WEBHOOK_SECRET_PREVIOUS while rotating), or WEBHOOK_SECRETS: unsigned webhooks are never accepted.",
    );
  }
  return secrets;
}

export function readServerConfig(
  environment: NodeJS.ProcessEnv,
  readFile: (path: string) => string = (p) => readFileSync(p, "utf8"),
): ServerConfig {
  const parsed = EnvSchema.safeParse(environment);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ServerConfigError(`${issue?.path.join(".") ?? "environment"}: ${issue?.message ?? "invalid"}`);
  }
  const env = parsed.data;
  let rawKey = env.PRIVATE_KEY;
  if (rawKey === undefined && env.PRIVATE_KEY_PATH !== undefined) {
    try {
      rawKey = readFile(env.PRIVATE_KEY_PATH);
    } catch (error) {
      throw new ServerConfigError(
        `PRIVATE_KEY_PATH ${env.PRIVATE_KEY_PATH} could not be read: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  if (rawKey === undefined)
    throw new ServerConfigError("Set PRIVATE_KEY or PRIVATE_KEY_PATH to the App's private key.");
  const queue = env.HANDOFF_QUEUE === "true" || env.HANDOFF_QUEUE === "1";
  const redisUrl = env.REDIS_URL === "" ? undefined : env.REDIS_URL;
  if (queue && !redisUrl) throw new ServerConfigError("HANDOFF_QUEUE=true needs REDIS_URL: the queue lives in Redis.");
  const baseUrl =
    env.GITHUB_API_URL ?? (env.GHE_HOST ? `${env.GHE_PROTOCOL ?? "https"}://${env.GHE_HOST}/api/v3` : undefined);
  return {
    appId: Number(env.APP_ID),
    privateKey: normalisePrivateKey(rawKey),
    secrets: webhookSecrets(env),
    port: Number(env.PORT ?? "3000"),
    host: env.HOST ?? "0.0.0.0",
    ...(baseUrl && baseUrl !== "https://api.github.com" ? { baseUrl: baseUrl.replace(/\/+$/, "") } : {}),
    webhookPath: env.WEBHOOK_PATH ?? DEFAULT_WEBHOOK_PATH,
    logLevel: env.LOG_LEVEL ?? "info",
    ...(redisUrl ? { redisUrl } : {}),
    queue,
    workerConcurrency: Number(env.WORKER_CONCURRENCY ?? "8"),
  };
}
