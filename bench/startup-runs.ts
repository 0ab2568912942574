// One run of each program the Action section compares, each on a freshly seeded fake GitHub in this process:
// our committed bundle (pickup, return, file), the plain-Octokit floor replaying our requests, and the peer,
// peter-evans/create-issue-from-file's committed dist/index.js (its path from HANDOFF_BENCH_PEER_CIFF).
// Each gives its wall time from spawn to exit, its cold start (spawn to its first request arriving at the fake
// GitHub) and, in memory runs only, its peak RSS through bench/rss-probe.mjs. Memory runs reach the fake GitHub over
// TLS, as a runner reaches GitHub: node:https, tls and OpenSSL's certificate store are part of what a run holds (about
// 4 MiB of ours), and the peer pays them too. Timed runs stay on plain HTTP, where the floor's time is least diluted.
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { readyEvent, runAction, seedHandoffIssue, tempDir, TOKEN } from "../test/action-harness.js";
import { startFakeGitHub, type FakeGitHub } from "../test/support/fake-github/index.js";
import { certificate, startTlsFront, type Certificate } from "../test/support/tls-front.js";
import { commentPayload } from "../test/support/payloads.js";
import { countRequests } from "./counter.js";
import { handoffComment } from "./documents.js";
import type { ReplayCall } from "./ipc.js";
import { APP_BOT, defaultFakeOptions, REPO } from "./stand-in.js";

export type Mode = "pickup" | "return" | "file";

export interface Run {
  /** Spawn to exit. */
  ms: number;
  /** Spawn to the first request's arrival (ms resolution: the fake stamps requests with Date.now()). */
  coldMs: number;
  /** Peak RSS in bytes, in memory runs. */
  rss?: number;
}

const OCTOKIT_REST = import.meta.resolve("@octokit/rest");
const PROBE = new URL("./rss-probe.mjs", import.meta.url).href;
/** The 2 KB document the App section files, as a `/handoff` comment for us and as a file for the peer. */
const DOCUMENT = handoffComment(2 * 1024, 2 * 1024);
const TITLE = "Stop the sync worker retrying client errors";

/** The floor: import Octokit, make the recorded requests in order, exit. Errors are answers too. */
export function floorScript(calls: readonly ReplayCall[]): string {
  return [
    `import { Octokit } from ${JSON.stringify(OCTOKIT_REST)};`,
    "const octokit = new Octokit({ baseUrl: process.env.GITHUB_API_URL, auth: process.env.TOKEN });",
    `const calls = ${JSON.stringify(calls)};`,
    "for (const call of calls) {",
    "  await octokit.request({ method: call.method, url: call.url, ...(call.body === undefined ? {} : { data: call.body }) }).catch(() => undefined);",
    "}",
    "",
  ].join("\n");
}

export function spawnTimed(
  args: readonly string[],
  env: Record<string, string>,
): Promise<{ ms: number; code: number }> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: "ignore" });
    child.on("error", reject);
    child.on("close", (code) => resolve({ ms: performance.now() - start, code: code ?? -1 }));
  });
}

interface Stage {
  github: FakeGitHub;
  runnerTemp: string;
  inputs: Record<string, string>;
  event?: { name: string; payload: unknown };
}

/** A fresh fake GitHub with what the mode needs; for `return`, already picked up and with the return written. */
async function stage(mode: Mode): Promise<Stage> {
  const github = await startFakeGitHub(defaultFakeOptions());
  const runnerTemp = tempDir("handoff-bench-startup-");
  if (mode === "file") {
    const thread = github.seedIssue({ title: "Sync worker loops on 422", user: "alice" });
    const comment = github.seedComment({ issueNumber: thread.number, body: DOCUMENT, user: "alice" });
    const payload = commentPayload({
      body: DOCUMENT,
      issueNumber: thread.number,
      commentId: comment.id,
      user: { login: "alice" },
    });
    return { github, runnerTemp, inputs: { mode: "file" }, event: { name: "issue_comment", payload } };
  }
  const issue = seedHandoffIssue(github, { user: APP_BOT });
  const pickup = { mode: "pickup", "trusted-bots": APP_BOT };
  if (mode === "pickup") return { github, runnerTemp, inputs: pickup, event: readyEvent(issue) };
  const staged = await runAction({ github, inputs: pickup, event: readyEvent(issue), runnerTemp, via: "bundle" });
  const returnFile = staged.outputs["return-file"];
  if (!returnFile) throw new Error(`pickup failed while staging a return: ${staged.stderr.slice(-500)}`);
  mkdirSync(dirname(returnFile), { recursive: true });
  copyFileSync(new URL("../test/fixtures/action/return-done.md", import.meta.url), returnFile);
  const inputs = {
    mode: "return",
    issue: String(issue.number),
    "trusted-bots": APP_BOT,
    "agent-conclusion": "success",
  };
  return { github, runnerTemp, inputs };
}

let tls: Certificate | undefined;

interface Probe {
  /** Environment for the child: the probe, and in memory runs the API over TLS (`api` is the fake's URL). */
  env(api: string): Promise<Record<string, string>>;
  read(): number | undefined;
  close(): Promise<void>;
}

function probe(memory: boolean): Probe {
  if (!memory) return { env: async () => ({}), read: () => undefined, close: async () => undefined };
  const file = join(tempDir("handoff-bench-rss-"), "rss");
  let front: Awaited<ReturnType<typeof startTlsFront>> | undefined;
  return {
    async env(api) {
      tls ??= certificate();
      front = await startTlsFront(api, tls);
      return {
        NODE_OPTIONS: `--import=${PROBE}`,
        HANDOFF_BENCH_RSS_FILE: file,
        GITHUB_API_URL: front.url,
        NODE_EXTRA_CA_CERTS: tls.certFile,
      };
    },
    read: () => Number(readFileSync(file, "utf8")),
    close: async () => front?.close(),
  };
}

/** Peak RSS of `node -e ""` with the same probe: what any Action's process holds before its own code. */
export async function nodeAloneRss(): Promise<number> {
  const rss = probe(true);
  try {
    await spawnTimed(["-e", ""], { PATH: process.env["PATH"] ?? "", ...(await rss.env("http://127.0.0.1:9")) });
    return rss.read()!;
  } finally {
    await rss.close();
  }
}

/** One run of the committed bundle; with `record`, also the requests it made, for the floor to replay. */
export async function runOurs(
  mode: Mode,
  options: { memory?: boolean } = {},
): Promise<Run & { calls: ReplayCall[]; requests: number }> {
  const s = await stage(mode);
  const rss = probe(options.memory ?? false);
  try {
    const env = await rss.env(s.github.url);
    const start = s.github.requests.length;
    const spawnedAt = Date.now();
    const began = performance.now();
    const run = await runAction({
      github: s.github,
      inputs: s.inputs,
      event: s.event,
      runnerTemp: s.runnerTemp,
      env,
      via: "bundle",
    });
    const elapsed = performance.now() - began;
    if (run.code !== 0) throw new Error(`${mode} exited ${run.code}: ${run.stderr.slice(-500)}`);
    const requests = s.github.requests.slice(start);
    const calls = requests.map((r) => ({
      method: r.method,
      url: `${r.path}${Object.keys(r.query).length ? `?${new URLSearchParams(r.query)}` : ""}`,
      body: r.body,
    }));
    return {
      ms: elapsed,
      coldMs: (requests[0]?.at ?? Number.NaN) - spawnedAt,
      rss: rss.read(),
      calls,
      requests: countRequests(requests).total,
    };
  } finally {
    await rss.close();
    await s.github.close();
  }
}

export async function runFloor(mode: Mode, script: string): Promise<Run> {
  const s = await stage(mode);
  try {
    // Staging a return makes requests of its own (the pickup): the floor's are the ones after them.
    const start = s.github.requests.length;
    const spawnedAt = Date.now();
    const result = await spawnTimed([script], { PATH: process.env["PATH"] ?? "", GITHUB_API_URL: s.github.url, TOKEN });
    if (result.code !== 0) throw new Error(`the floor script for ${mode} exited ${result.code}`);
    return { ms: result.ms, coldMs: (s.github.requests[start]?.at ?? Number.NaN) - spawnedAt };
  } finally {
    await s.github.close();
  }
}

/** create-issue-from-file filing the same 2 KB document (as a file) as an issue, the way a runner starts it. */
export async function runPeer(peer: string, options: { memory?: boolean } = {}): Promise<Run & { requests: number }> {
  const github = await startFakeGitHub(defaultFakeOptions());
  const dir = tempDir("handoff-bench-peer-");
  const content = join(dir, "handoff.md");
  writeFileSync(content, DOCUMENT.slice(DOCUMENT.indexOf("\n") + 1));
  writeFileSync(join(dir, "output"), "");
  const rss = probe(options.memory ?? false);
  try {
    const env = await rss.env(github.url);
    const spawnedAt = Date.now();
    const result = await spawnTimed([peer], {
      PATH: process.env["PATH"] ?? "",
      HOME: dir,
      GITHUB_ACTIONS: "true",
      GITHUB_API_URL: github.url,
      GITHUB_REPOSITORY: REPO,
      GITHUB_OUTPUT: join(dir, "output"),
      RUNNER_TEMP: dir,
      INPUT_TOKEN: TOKEN,
      INPUT_REPOSITORY: REPO,
      INPUT_TITLE: TITLE,
      "INPUT_CONTENT-FILEPATH": content,
      "INPUT_ISSUE-NUMBER": "",
      INPUT_LABELS: "",
      INPUT_ASSIGNEES: "",
      ...env,
    });
    const filed = github.state.issues.some((issue) => issue.title === TITLE);
    if (result.code !== 0 || !filed) throw new Error(`create-issue-from-file exited ${result.code} without filing`);
    return {
      ms: result.ms,
      coldMs: (github.requests[0]?.at ?? Number.NaN) - spawnedAt,
      rss: rss.read(),
      requests: github.requests.length,
    };
  } finally {
    await rss.close();
    await github.close();
  }
}
