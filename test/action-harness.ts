/**
 * Runs the Action the way a runner does: inputs as INPUT_* variables (GitHub keeps hyphens:
 * INPUT_GITHUB-TOKEN), the event payload in a file, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, and
 * GITHUB_API_URL pointing at the fake GitHub server. Nothing is mocked: GitHub is faked only at the HTTP boundary.
 *
 * Two ways in. By default, in this process: the same `run()` the bundle's entry calls, with a fresh copy of our
 * modules, that environment only, and stdout captured (spawning Node and parsing 2 MB per test cost ~85 s of the
 * suite). With `via: "bundle"`: `node action/dist/index.js` in a child process, for the smoke tests of the
 * committed bundle and for runs that must race each other (in-process runs share process.env, so they cannot).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type * as RetryModule from "@octokit/plugin-retry";
import type * as ThrottlingModule from "@octokit/plugin-throttling";
import type { VitestUtils } from "vitest";
import type * as RunModule from "../src/action/run.js";
import { renderMarker } from "../src/core/marker.js";
import { startFakeGitHub, type CommentRecord, type FakeGitHub, type IssueRecord } from "./support/fake-github/index.js";
import { labeledPayload } from "./support/payloads.js";

export const BUNDLE = fileURLToPath(new URL("../action/dist/index.js", import.meta.url));

/**
 * A preload for a run of the bundle that writes what it sees, one line each, to a file of its own: `lines(seen)` is
 * its source, given that file's path as a string literal (CommonJS for `--require`, an ES module for `--import`).
 * Returns the NODE_OPTIONS that load it, and a reader of the lines it wrote.
 */
export function recordingPreload(
  flag: "--require" | "--import",
  lines: (seen: string) => string[],
): { nodeOptions: string; recorded: () => string[] } {
  const dir = tempDir("handoff-preload-");
  const seen = join(dir, "seen");
  const preload = join(dir, flag === "--require" ? "probe.cjs" : "probe.mjs");
  writeFileSync(seen, "");
  writeFileSync(preload, lines(JSON.stringify(seen)).join("\n"));
  return { nodeOptions: `${flag}=${preload}`, recorded: () => readFileSync(seen, "utf8").split("\n") };
}

/** The committed bundle's chunk files whose text holds `needle`: which file carries a dependency. */
export function chunksHolding(needle: string): string[] {
  const chunks = join(BUNDLE, "..", "chunks");
  return readdirSync(chunks).filter((name) => readFileSync(join(chunks, name), "utf8").includes(needle));
}
export const REPO = "octo-org/widgets";
/** The workflow's GITHUB_TOKEN; the fake maps it to github-actions[bot]. */
export const TOKEN = "ghs_workflow_token";
export const APP_BOT = "handoff-app[bot]";

export interface ActionRun {
  code: number;
  outputs: Record<string, string>;
  summary: string;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  github: FakeGitHub;
  inputs: Record<string, string>;
  /** The event: its name and payload. Default: `workflow_dispatch` with no inputs. */
  event?: { name: string; payload: unknown };
  env?: Record<string, string>;
  /** Share one between a pickup and a later return, as jobs on one runner image do. */
  runnerTemp?: string;
  /** "bundle": spawn the committed bundle. Default: run() in this process. */
  via?: "bundle" | "in-process";
}

export function tempDir(prefix = "handoff-action-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** GitHub's file-command format: `name<<DELIMITER`, the value's lines, `DELIMITER`. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? "");
    if (!match) continue;
    const [, name, delimiter] = match;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? "");
    outputs[name!] = value.join("\n");
  }
  return outputs;
}

export async function runAction(options: RunOptions): Promise<ActionRun> {
  const dir = tempDir("handoff-run-");
  const runnerTemp = options.runnerTemp ?? tempDir("handoff-runner-temp-");
  const eventPath = join(dir, "event.json");
  const outputPath = join(dir, "output");
  const summaryPath = join(dir, "summary.md");
  const event = options.event ?? { name: "workflow_dispatch", payload: { inputs: {} } };
  writeFileSync(eventPath, JSON.stringify(event.payload));
  writeFileSync(outputPath, "");
  writeFileSync(summaryPath, "");
  const inputs = Object.fromEntries(
    Object.entries(options.inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]),
  );
  // A clean environment: nothing from the machine running the tests (a real GITHUB_* there) leaks in.
  const env: Record<string, string> = {
    PATH: process.env["PATH"] ?? "",
    HOME: process.env["HOME"] ?? dir,
    GITHUB_ACTIONS: "true",
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_REPOSITORY: REPO,
    GITHUB_RUN_ID: "7001",
    GITHUB_RUN_ATTEMPT: "1",
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_API_URL: options.github.url,
    GITHUB_SHA: options.github.headSha(REPO),
    GITHUB_ACTOR: "alice",
    RUNNER_TEMP: runnerTemp,
    "INPUT_GITHUB-TOKEN": TOKEN,
    ...inputs,
    ...options.env,
  };
  const { code, stdout, stderr } = options.via === "bundle" ? await spawnBundle(env) : await runInProcess(env);
  return {
    code,
    outputs: parseOutputs(readFileSync(outputPath, "utf8")),
    summary: readFileSync(summaryPath, "utf8"),
    stdout,
    stderr,
  };
}

async function spawnBundle(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BUNDLE], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const code = await new Promise<number>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status) => resolve(status ?? -1));
  });
  return { code, stdout, stderr };
}

let inProcessBusy = false;

/**
 * run() with the retry and throttling plugins as in production, only their waits shortened from seconds to
 * milliseconds, as test/faults-harness.ts does for the App: a 5xx outlasting the retries no longer waits
 * 1 + 4 + 9 s. Which requests are retried, how often, and what is finally reported stay the plugins' own;
 * test/action-retry-schedule.test.ts holds the production waits to what they are. The bundle runs unchanged.
 */
async function importWithShortWaits(vi: VitestUtils): Promise<typeof RunModule> {
  vi.doMock("@octokit/plugin-retry", async (importOriginal) => {
    const actual = await importOriginal<typeof RetryModule>();
    type Args = Parameters<typeof actual.retry>;
    const retry = (octokit: Args[0], options: Args[1]) =>
      actual.retry(octokit, { ...options, retry: { ...options.retry, retryAfterBaseValue: 1 } });
    return { ...actual, retry: Object.assign(retry, { VERSION: actual.retry.VERSION }) };
  });
  vi.doMock("@octokit/plugin-throttling", async (importOriginal) => {
    const actual = await importOriginal<typeof ThrottlingModule>();
    type Args = Parameters<typeof actual.throttling>;
    const throttle = (options: Args[1]) =>
      ({ ...options.throttle, retryAfterBaseValue: 1, fallbackSecondaryRateRetryAfter: 0 }) as Args[1]["throttle"];
    const throttling = (octokit: Args[0], options: Args[1]) =>
      actual.throttling(octokit, { ...options, throttle: throttle(options) });
    return { ...actual, throttling: Object.assign(throttling, actual.throttling) };
  });
  try {
    return await import("../src/action/run.js");
  } finally {
    // Only this run's fresh module graph sees the short waits; a test's own imports stay untouched.
    vi.doUnmock("@octokit/plugin-retry");
    vi.doUnmock("@octokit/plugin-throttling");
  }
}

/**
 * run() with `env` as the whole of process.env, its own module state (vi.resetModules, then a fresh import)
 * and process.stdout/stderr captured; the exit code is what @actions/core left in process.exitCode, as Node
 * would exit with. Everything is put back afterwards, even when run() throws.
 */
async function runInProcess(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  if (inProcessBusy)
    throw new Error('in-process Action runs share process.env: run them one at a time, or pass via: "bundle"');
  inProcessBusy = true;
  const savedEnv = { ...process.env };
  const savedExitCode = process.exitCode;
  const writeOut = process.stdout.write;
  const writeErr = process.stderr.write;
  let stdout = "";
  let stderr = "";
  const capture = (append: (text: string) => void) =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      append(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      const callback = rest.find((arg) => typeof arg === "function") as (() => void) | undefined;
      callback?.();
      return true;
    }) as typeof process.stdout.write;
  try {
    for (const name of Object.keys(process.env)) delete process.env[name];
    Object.assign(process.env, env);
    process.exitCode = undefined;
    // Imported here, not at the top: the bench imports this harness outside vitest and only spawns the bundle.
    const { vi } = await import("vitest");
    vi.resetModules();
    const { run } = await importWithShortWaits(vi);
    process.stdout.write = capture((text) => (stdout += text));
    process.stderr.write = capture((text) => (stderr += text));
    let code: number;
    try {
      await run();
      code = Number(process.exitCode ?? 0);
    } catch (error) {
      // Node prints an uncaught error on stderr and exits 1.
      stderr += `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`;
      code = 1;
    }
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
    for (const name of Object.keys(process.env)) delete process.env[name];
    Object.assign(process.env, savedEnv);
    process.exitCode = savedExitCode;
    inProcessBusy = false;
  }
}

/** The fake GitHub with one repository, the workflow token, and people at the permission levels the tests use. */
export function startGitHub(): Promise<FakeGitHub> {
  return startFakeGitHub({
    repos: [{ owner: "octo-org", name: "widgets" }],
    permissions: { [REPO]: { alice: "write", maintainer: "maintain", mallory: "read", trina: "triage" } },
    tokens: { [TOKEN]: "github-actions[bot]" },
  });
}

export function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/action/${name}`, import.meta.url), "utf8");
}

/** A handoff issue as the App files it: our marker first, then the rendered document. */
export function seedHandoffIssue(
  github: FakeGitHub,
  options: { body?: string; user?: string; parent?: number; labels?: string[] } = {},
): IssueRecord {
  const parent = options.parent ?? github.seedIssue({ title: "The parent thread", user: "alice" }).number;
  const marker = renderMarker({
    v: 1,
    kind: "handoff",
    source: {
      type: "comment",
      repo: REPO,
      commentId: 90001,
      url: `https://github.com/${REPO}/issues/${parent}#issuecomment-90001`,
      thread: parent,
    },
    parent: `${REPO}#${parent}`,
    hash: "0".repeat(64),
  });
  return github.seedIssue({
    title: "Finish the retry logic in the sync worker",
    body: `${marker}\n${options.body ?? fixture("handoff-issue-body.md")}`,
    user: options.user ?? APP_BOT,
    labels: options.labels ?? ["handoff", "handoff:ready"],
  });
}

/** The `issues.labeled` event for `handoff:ready` on the issue, sent by `sender`. */
export function readyEvent(issue: IssueRecord, sender = "alice"): { name: string; payload: unknown } {
  return {
    name: "issues",
    payload: labeledPayload({
      label: "handoff:ready",
      labels: ["handoff", "handoff:ready"],
      issueNumber: issue.number,
      sender: { login: sender },
    }),
  };
}

export function labelsOf(issue: IssueRecord): string[] {
  return [...issue.labels].sort();
}

export function commentsOn(github: FakeGitHub, issueNumber: number): CommentRecord[] {
  return [...github.state.comments.values()]
    .filter((comment) => comment.issueNumber === issueNumber)
    .sort((a, b) => a.id - b.id);
}

/** Requests that are not in GitHub's REST description, or that the fake does not implement. */
export function violations(github: FakeGitHub): string[] {
  return github.violations;
}
