/**
 * The fleet load run: N web replicas and M workers (separate Node processes, test/fleet/process.ts) on one real
 * Redis, against the fake GitHub (checked against GitHub's REST description) in this process. Deliveries for two
 * installations, signed, POSTed as fast as the replicas answer; redeliveries go to the other replica; one worker
 * is killed (SIGKILL) mid-run. Then the ledger (load-scenario.ts), the answer times, and how each installation's
 * writes were spaced across the whole fleet. Used by test/fleet-load.test.ts (small) and `npm run load --
 * --replicas 2 --workers 2` (1,000 deliveries).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, generateKeyPairSync } from "node:crypto";
import path from "node:path";
import { createInterface } from "node:readline";
import { openQueue } from "../../src/queue/jobs.js";
import { connectRedis } from "../../src/redis/connection.js";
import { startFakeGitHub, type FakeGitHub, type RecordedCall } from "../support/fake-github/index.js";
import { WRITER } from "../faults-harness.js";
import { judge, LoadScenario, type Delivery, type Verdict } from "../load-scenario.js";
import { busiestWindow, isContentWrite, scaledLimits, spacingOf, type Limits, type Spacing } from "./spacing.js";

const SECRET = "fleet-load-secret";
const PATH = "/api/github/webhooks";
const INSTALLATIONS = [
  { repo: "octo-org/widgets", repoId: 186853002, installation: 42 },
  { repo: "octo-org/gadgets", repoId: 186853003, installation: 43 },
];

export interface FleetOptions {
  redisUrl: string;
  deliveries: number;
  replicas?: number;
  workers?: number;
  /** Requests in flight at once against the replicas. */
  concurrency?: number;
  /** GitHub's write spacing times this (1/20 by default: 50 ms between writes, 150 ms between content writes). */
  spacingScale?: number;
  /** Kill a worker once this share of the expected issues exist (0 = never). */
  killAt?: number;
  onProgress?: (line: string) => void;
}

export interface FleetReport extends Verdict {
  deliveries: number;
  redeliveries: number;
  answers: Record<string, number>;
  answerMs: { p50: number; p99: number; max: number };
  comments: number;
  files: number;
  returns: number;
  killedWorker: boolean;
  /** Deliveries left in the dead-letter list at the end. */
  dead: number;
  spacing: Record<string, Spacing>;
  /** The scaled rules the spacing is held to. */
  limits: Limits;
  /** The busiest window of both installations' writes together: above one installation's allowance = in parallel. */
  fleetBusiest: { writes: number; content: number };
  wallMs: number;
  drainMs: number;
}

const privateKey = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
}).privateKey;

interface Member {
  child: ChildProcess;
  url: string;
  log: string[];
}

function startMember(role: "web" | "worker", env: NodeJS.ProcessEnv): Promise<Member> {
  const entry = path.join(import.meta.dirname, "process.ts");
  const child = spawn(process.execPath, ["--import", "tsx", entry], {
    env: { ...env, FLEET_ROLE: role },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const log: string[] = [];
  child.stderr!.on("data", (chunk: Buffer) => {
    log.push(chunk.toString());
    if (process.env["FLEET_DEBUG"]) process.stderr.write(`[${role} ${child.pid}] ${chunk.toString()}`);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${role} did not start in 30 s:\n${log.join("")}`)), 30_000);
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (process.env["FLEET_DEBUG"]) process.stderr.write(`[${role} ${child.pid}] ${line}\n`);
      if (!line.startsWith("READY ")) return;
      clearTimeout(timer);
      resolve({ child, url: line.slice("READY ".length), log });
    });
    child.once("exit", (code) =>
      reject(new Error(`${role} exited with ${code} before it was ready:\n${log.join("")}`)),
    );
  });
}

async function stopMember(member: Member): Promise<void> {
  if (member.child.exitCode !== null || member.child.signalCode !== null) return;
  const exited = new Promise((resolve) => member.child.once("exit", resolve));
  member.child.kill("SIGTERM");
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  if (member.child.exitCode === null) member.child.kill("SIGKILL");
}

async function post(url: string, delivery: Delivery): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${url}${PATH}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": delivery.name,
      "x-github-delivery": delivery.id,
      "x-hub-signature-256": `sha256=${createHmac("sha256", SECRET).update(delivery.body).digest("hex")}`,
    },
    body: delivery.body,
  });
  await response.text();
  return { status: response.status, ms: performance.now() - started };
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

/** The installation a request to the fake was for, from its repository. */
function installationOf(call: RecordedCall): number | undefined {
  const repo = /^\/repos\/([^/]+\/[^/]+)\//.exec(call.path)?.[1];
  return INSTALLATIONS.find((i) => i.repo === repo)?.installation;
}

export async function runFleetLoad(options: FleetOptions): Promise<FleetReport> {
  const replicas = options.replicas ?? 2;
  const workers = options.workers ?? 2;
  const scale = options.spacingScale ?? 0.05;
  const say = options.onProgress ?? (() => undefined);
  const github: FakeGitHub = await startFakeGitHub({
    repos: INSTALLATIONS.map((i) => ({ owner: "octo-org", name: i.repo.split("/")[1]!, id: i.repoId })),
    permissions: Object.fromEntries(INSTALLATIONS.map((i) => [i.repo, { [WRITER]: "write" as const }])),
  });
  for (const i of INSTALLATIONS) github.repo(i.repo).installationId = i.installation;
  const redis = connectRedis(options.redisUrl, "worker", "load");
  await redis.flushdb();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    APP_ID: "1",
    PRIVATE_KEY: privateKey,
    WEBHOOK_SECRET: SECRET,
    GITHUB_API_URL: github.url,
    REDIS_URL: options.redisUrl,
    LOG_LEVEL: (process.env["FLEET_LOG_LEVEL"] ?? "error") as "error",
    FLEET_SPACING_SCALE: String(scale),
  };
  const members: Member[] = [];
  const queue = openQueue(redis);
  try {
    const webs = await Promise.all(Array.from({ length: replicas }, () => startMember("web", env)));
    const crew = await Promise.all(Array.from({ length: workers }, () => startMember("worker", env)));
    members.push(...webs, ...crew);
    say(`started ${replicas} web replica(s) and ${workers} worker(s)`);

    const scenarios = INSTALLATIONS.map((i) => new LoadScenario(github, i.repo, i.repoId, i.installation));
    const firstReplica = new Map<string, number>();
    const answers: Record<string, number> = {};
    const times: number[] = [];
    let redeliveries = 0;
    const send = async (delivery: Delivery, replica: number): Promise<void> => {
      // A redelivery goes to a replica other than the one the first copy reached.
      const first = firstReplica.get(delivery.id);
      const target = first === undefined ? replica : (first + 1) % webs.length;
      if (first === undefined) firstReplica.set(delivery.id, target);
      else redeliveries++;
      const { status, ms } = await post(webs[target]!.url, delivery);
      answers[status] = (answers[status] ?? 0) + 1;
      times.push(ms);
    };

    // Every comment, commit and issue is seeded first, as they exist on GitHub before its webhooks arrive; so the
    // burst's answer times measure the replicas, not this process preparing payloads.
    const planned: Array<{ delivery: Delivery; replica: number }> = [];
    const counts = scenarios.map(() => 0);
    while (planned.length < options.deliveries) {
      const which = planned.length % scenarios.length;
      const delivery = await scenarios[which]!.next(counts[which]!++);
      const replica = planned.length % webs.length;
      planned.push({ delivery, replica });
      if (planned.length % 20 === 1 && planned.length < options.deliveries) {
        planned.push({ delivery: scenarios[which]!.sameEventNewId(delivery), replica: replica + 1 });
      }
    }
    const total = planned.length;
    const botIssues = () => github.state.issues.filter((i) => i.user.login.endsWith("[bot]")).length;
    const seeded = botIssues();

    // The burst: deliveries alternate between the installations, `concurrency` in flight.
    const started = Date.now();
    const concurrency = options.concurrency ?? 16;
    const killAt = options.killAt ?? 0.3;
    const expectedIssues = options.deliveries * 0.5;
    let killed: Member | undefined;
    const maybeKill = (): void => {
      if (killed || killAt === 0 || crew.length < 2) return;
      if (botIssues() - seeded < expectedIssues * killAt) return;
      killed = crew[0]!;
      killed.child.kill("SIGKILL");
      say(`killed worker pid ${killed.child.pid} mid-run (SIGKILL)`);
    };
    const watcher = setInterval(maybeKill, 50);
    let next = 0;
    const runner = async (): Promise<void> => {
      while (next < planned.length) {
        const { delivery, replica } = planned[next++]!;
        await send(delivery, replica);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, runner));
    const burstMs = Date.now() - started;
    say(`burst of ${total} deliveries answered in ${(burstMs / 1000).toFixed(1)} s; waiting for the workers`);

    // Drained: nothing waiting, running or scheduled for a retry, twice in a row.
    let quiet = 0;
    let lastSaid = Date.now();
    while (quiet < 2) {
      maybeKill();
      const c = await queue.getJobCounts("waiting", "active", "delayed", "prioritized", "paused");
      if (Date.now() - lastSaid > 5_000) {
        lastSaid = Date.now();
        say(
          `queue: ${Object.entries(c)
            .map(([k, n]) => `${k} ${n}`)
            .join(", ")}; ${github.requests.length} requests to GitHub so far`,
        );
      }
      quiet = Object.values(c).every((n) => n === 0) ? quiet + 1 : 0;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    clearInterval(watcher);
    const wallMs = Date.now() - started;
    const dead = (await queue.getJobCounts("failed")).failed ?? 0;

    const verdict = judge(github, scenarios);
    const writes = github.requests.filter((r) => r.method !== "GET" && !r.path.startsWith("/app/"));
    const limits = scaledLimits(scale);
    const spacing: Record<string, Spacing> = {};
    for (const i of INSTALLATIONS)
      spacing[`installation ${i.installation}`] = spacingOf(
        writes.filter((w) => installationOf(w) === i.installation),
        limits,
      );
    const fleetBusiest = {
      writes: busiestWindow(writes, limits.windowMs),
      content: busiestWindow(writes.filter(isContentWrite), limits.windowMs),
    };
    const violations = github.violations;
    if (violations.length > 0)
      throw new Error(`requests GitHub would not accept: ${violations.slice(0, 5).join("; ")}`);
    const sorted = [...times].sort((a, b) => a - b);
    return {
      deliveries: total,
      redeliveries,
      answers,
      answerMs: { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? 0 },
      comments: scenarios.reduce((n, s) => n + s.comments.length, 0),
      files: scenarios.reduce((n, s) => n + s.files.length, 0),
      returns: scenarios.reduce((n, s) => n + s.returns.length, 0),
      ...verdict,
      killedWorker: killed !== undefined,
      dead,
      spacing,
      limits,
      fleetBusiest,
      wallMs,
      drainMs: wallMs - burstMs,
    };
  } finally {
    await Promise.all(members.map(stopMember));
    await queue.close().catch(() => undefined);
    redis.disconnect();
    await github.close();
  }
}
