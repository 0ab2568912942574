// A real Probot, as in production, minus waiting: throttling and retries off with a function default
// (FACTS.md: an object default is overridden by Probot's own options, and every write then waits 1–3 s).
import { generateKeyPairSync } from "node:crypto";
import { Probot, ProbotOctokit, type ApplicationFunction } from "probot";

let key: string | undefined;

/** One RSA key per process: generating it takes longer than a delivery. */
export function privateKey(): string {
  key ??= generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  }).privateKey;
  return key;
}

export const WEBHOOK_SECRET = "bench-webhook-secret";

export function createProbot(baseUrl: string, logLevel: "fatal" | "info" = "fatal"): Probot {
  return new Probot({
    appId: 1,
    privateKey: privateKey(),
    secret: WEBHOOK_SECRET,
    baseUrl,
    logLevel,
    Octokit: ProbotOctokit.defaults((options: object) => ({
      ...options,
      throttle: { enabled: false },
      retry: { enabled: false },
    })),
  });
}

export async function loadedProbot(
  baseUrl: string,
  app: ApplicationFunction,
  logLevel: "fatal" | "info" = "fatal",
): Promise<Probot> {
  const probot = createProbot(baseUrl, logLevel);
  await probot.load(app);
  return probot;
}
