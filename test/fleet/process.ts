/**
 * One process of the fleet load run (test/fleet/harness.ts), started as `node --import tsx test/fleet/process.ts`
 * with FLEET_ROLE=web|worker. It runs exactly what `handoff serve` and `handoff worker` run (startServer /
 * startWorker, REDIS_URL and HANDOFF_QUEUE=true), with three test-only parts:
 * - the fake GitHub as the API (GITHUB_API_URL), with `GET /app` answered here (the fake has no such route);
 * - the fleet's clustered write groups (src/server/octokit.ts) with GitHub's spacing scaled by FLEET_SPACING_SCALE
 *   (1 s between writes and 3 s between content-creating writes become 50 ms and 150 ms at 1/20), still keyed
 *   per installation in Redis and shared by every process;
 * - short leases, so that a killed worker's jobs and locks are taken over within seconds.
 * Prints `READY <url>` once listening; SIGTERM closes it gracefully.
 */
import { ProbotOctokit } from "probot";
import { startWorker } from "../../src/queue/start-worker.js";
import { readServerConfig } from "../../src/server/config.js";
import { startServer } from "../../src/server/start.js";
import { GITHUB_WRITE_SPACING } from "../../src/server/octokit.js";

const scale = Number(process.env["FLEET_SPACING_SCALE"] ?? "0.05");
const role = process.env["FLEET_ROLE"];
/** Probot's Octokit with short retry waits; the fleet's write groups come from production code, scaled. */
const FastOctokit = ProbotOctokit.defaults((options: ConstructorParameters<typeof ProbotOctokit>[0]) => ({
  ...options,
  retry: { retryAfterBaseValue: 1 },
  throttle: { ...options?.throttle, retryAfterBaseValue: 1, fallbackSecondaryRateRetryAfter: 0 },
}));
const spacing = { writeMs: GITHUB_WRITE_SPACING.writeMs * scale, contentMs: GITHUB_WRITE_SPACING.contentMs * scale };

const appFetch: typeof fetch = async (input, init) => {
  const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
  if (url.pathname === "/app")
    return Response.json({ id: 1, slug: "handoff-app", name: "handoff-app", owner: { login: "octo-org" } });
  return fetch(input, init);
};

const config = readServerConfig({ ...process.env, PORT: "0", HOST: "127.0.0.1", HANDOFF_QUEUE: "true" });
const parts = { Octokit: FastOctokit, request: { fetch: appFetch }, spacing };
const lease = Number(process.env["FLEET_LEASE_MS"] ?? "3000");
const running =
  role === "worker"
    ? await startWorker({
        config,
        probotParts: parts,
        fleet: { lock: { ttlMs: lease, waitMs: 30_000 } },
        worker: { lockDurationMs: lease, stalledIntervalMs: lease / 3 },
      })
    : await startServer({ config, probotParts: parts, retry: { attempts: 5, backoffMs: 200 } });
process.stdout.write(`READY ${running.url}\n`);
// The harness holds our stdin open; when it dies (a killed test run), so do we, instead of lingering as a worker.
process.stdin.resume();
process.stdin.once("end", () => process.exit(1));
process.once("SIGTERM", () => void running.close().then(() => process.exit(0)));
