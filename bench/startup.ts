// Section 4: Action start-up. Wall time from spawning `node action/dist/index.js` to its exit, for pickup and
// return, against the local stand-in; the floor is a plain script that makes the same requests with
// @octokit/rest and nothing else, generated from the request log and run as a child process too.
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { BUNDLE, readyEvent, runAction, seedHandoffIssue, tempDir, TOKEN } from "../test/action-harness.js";
import { startFakeGitHub, type FakeGitHub } from "../test/support/fake-github/index.js";
import { countRequests } from "./counter.js";
import type { ReplayCall } from "./ipc.js";
import type { Section, Table, Target } from "./report.js";
import { APP_BOT, defaultFakeOptions } from "./stand-in.js";
import { bytes, median, ms, ratio, times } from "./stats.js";

const TARGET_RATIO = 1.5;
/** Issue #15's target (CI's guard in scripts/bundle.mjs is 0.95 MiB: what is reached today, with little slack). */
const MAX_BUNDLE_BYTES = 0.8 * 1024 * 1024;
const OCTOKIT_REST = import.meta.resolve("@octokit/rest");
/** Why the size target is missed today, measured with an esbuild metafile (minified bytes). */
const BUNDLE_MISS =
  ": parse5 (174 KB, the structural sanitiser), yaml (117 KB) and Octokit's route table (82 KB, `octokit.rest.*`)" +
  " are most of it; `octokit.request` in place of `octokit.rest.*` is the next lever";

/** The floor: import Octokit, make the recorded requests in order, exit. Errors are answers too. */
function floorScript(calls: readonly ReplayCall[]): string {
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

function spawnTimed(args: readonly string[], env: Record<string, string>): Promise<{ ms: number; code: number }> {
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
  issueNumber: number;
}

/** A fresh stand-in with one handoff issue; for `return`, already picked up and with the agent's return written. */
async function stage(mode: "pickup" | "return"): Promise<Stage> {
  const github = await startFakeGitHub(defaultFakeOptions());
  const runnerTemp = tempDir("handoff-bench-startup-");
  const issue = seedHandoffIssue(github, { user: APP_BOT });
  if (mode === "return") {
    const pickup = await runAction({
      github,
      inputs: { mode: "pickup", "trusted-bots": APP_BOT },
      event: readyEvent(issue),
      runnerTemp,
      via: "bundle",
    });
    const returnFile = pickup.outputs["return-file"];
    if (!returnFile) throw new Error(`pickup failed while staging a return: ${pickup.stderr.slice(-500)}`);
    mkdirSync(dirname(returnFile), { recursive: true });
    copyFileSync(new URL("../test/fixtures/action/return-done.md", import.meta.url), returnFile);
  }
  return { github, runnerTemp, issueNumber: issue.number };
}

const inputsFor = (mode: "pickup" | "return", issueNumber: number): Record<string, string> =>
  mode === "pickup"
    ? { mode: "pickup", "trusted-bots": APP_BOT }
    : { mode: "return", issue: String(issueNumber), "trusted-bots": APP_BOT, "agent-conclusion": "success" };

/** One timed run of the bundle; the harness builds the runner's environment, we time spawn to exit. */
async function timeAction(mode: "pickup" | "return"): Promise<{ ms: number; calls: ReplayCall[]; requests: number }> {
  const s = await stage(mode);
  try {
    const start = s.github.requests.length;
    const began = performance.now();
    const run = await runAction({
      github: s.github,
      inputs: inputsFor(mode, s.issueNumber),
      event: mode === "pickup" ? readyEvent(s.github.state.issues.find((i) => i.number === s.issueNumber)!) : undefined,
      runnerTemp: s.runnerTemp,
      via: "bundle",
    });
    const elapsed = performance.now() - began;
    if (run.code !== 0) throw new Error(`${mode} exited ${run.code}: ${run.stderr.slice(-500)}`);
    const calls = s.github.requests.slice(start).map((r) => ({
      method: r.method,
      url: `${r.path}${Object.keys(r.query).length ? `?${new URLSearchParams(r.query)}` : ""}`,
      body: r.body,
    }));
    return { ms: elapsed, calls, requests: countRequests(s.github.requests.slice(start)).total };
  } finally {
    await s.github.close();
  }
}

async function timeFloor(mode: "pickup" | "return", script: string): Promise<number> {
  const s = await stage(mode);
  try {
    const result = await spawnTimed([script], { PATH: process.env["PATH"] ?? "", GITHUB_API_URL: s.github.url, TOKEN });
    if (result.code !== 0) throw new Error(`the floor script for ${mode} exited ${result.code}`);
    return result.ms;
  } finally {
    await s.github.close();
  }
}

export async function startup(options: { runs: number }): Promise<Section> {
  const dir = tempDir("handoff-bench-floor-");
  const rows: string[][] = [];
  const targets: Target[] = [];
  const nodeOnly: number[] = [];
  for (let i = 0; i < options.runs; i++)
    nodeOnly.push((await spawnTimed(["-e", ""], { PATH: process.env["PATH"] ?? "" })).ms);
  const node = median(nodeOnly);

  for (const mode of ["pickup", "return"] as const) {
    // The first run records the sequence the floor replays (and warms the file cache for both).
    const first = await timeAction(mode);
    const script = join(dir, `floor-${mode}.mjs`);
    writeFileSync(script, floorScript(first.calls));
    await timeFloor(mode, script);
    const action: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      action.push((await timeAction(mode)).ms);
      floor.push(await timeFloor(mode, script));
    }
    const r = ratio(median(action), median(floor));
    rows.push([
      mode,
      String(first.requests),
      ms(median(action)),
      ms(median(floor)),
      times(r),
      `${ms(median(action) - median(floor))} above the floor; Node alone starts in ${ms(node)}`,
    ]);
    targets.push({
      name: `Action ${mode} wall time at most ${TARGET_RATIO}× the plain-Octokit floor`,
      pass: r <= TARGET_RATIO,
      detail: `${times(r)} (${ms(median(action))} vs ${ms(median(floor))})${r > TARGET_RATIO ? `: ${ms(median(action) - median(floor))} of our own start-up and work per run` : ""}`,
    });
  }
  const size = statSync(BUNDLE).size;
  const over = size >= MAX_BUNDLE_BYTES;
  targets.push({
    name: `The bundle under ${bytes(MAX_BUNDLE_BYTES)}`,
    pass: !over,
    detail: `action/dist/index.js is ${bytes(size)} (${size} bytes)${over ? BUNDLE_MISS : ""}`,
  });

  const table: Table = {
    caption: `Spawn to exit, median of ${options.runs} interleaved runs; each run on a freshly seeded stand-in`,
    headers: ["Mode", "Requests", "Action bundle", "Plain @octokit/rest floor", "Ratio", "Reading"],
    rows,
  };
  return {
    id: "startup",
    title: "4. Action start-up",
    method: [
      "`node action/dist/index.js` spawned the way a runner does (test/action-harness.ts: INPUT_* variables, event file, GITHUB_OUTPUT),",
      "against the fake GitHub in this process, timed from spawn to exit. The floor is a script generated from the run's request log that",
      "imports @octokit/rest (unbundled, from node_modules), makes the same method/path/body requests in order and exits; it runs as a",
      "child process against an identically seeded stand-in. `return` is staged by a real pickup on the same runner temp folder first.",
    ],
    tables: [table],
    targets,
    findings: [],
  };
}
