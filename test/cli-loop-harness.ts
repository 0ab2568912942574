/**
 * The local loop end to end: the CLI as a user runs it (the built bin in a child process, GITHUB_API_URL pointed at
 * the fake GitHub), the App in Probot against the same fake (test/faults-harness.ts), and the committed Action
 * bundle for pickup and return (test/action-harness.ts). The fake delivers no webhooks, so the test hands the App
 * the `issue_comment` delivery for the comment the CLI posted, as GitHub would.
 */
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Probot } from "probot";
import { APP_BOT, readyEvent, runAction, TOKEN } from "./action-harness.js";
import { receive, startApp, startGitHub, WRITER } from "./faults-harness.js";
import type { CommentRecord, FakeGitHub, IssueRecord } from "./support/fake-github/index.js";
import { commentPayload, delivery } from "./support/payloads.js";

export const REPO = "octo-org/widgets";
export const WRITER_TOKEN = "alice-token";
export const READER_TOKEN = "mallory-token";
const root = path.join(import.meta.dirname, "..");
const BIN = path.join(root, "bin", "handoff.js");

/** The bin runs lib/; a stale lib would test yesterday's code, so say so instead of passing or failing oddly. */
export function assertBuilt(): void {
  const main = path.join(root, "lib", "src", "cli", "main.js");
  if (!existsSync(main)) throw new Error("lib/ is missing: run `npm run build` (npm ci does it) before these tests");
  const newest = Math.max(
    ...readdirSync(path.join(root, "src", "cli")).map((f) => statSync(path.join(root, "src", "cli", f)).mtimeMs),
  );
  if (statSync(main).mtimeMs < newest) throw new Error("lib/ is older than src/cli/: run `npm run build`");
}

export interface Loop {
  github: FakeGitHub;
  app: Probot;
  parent: IssueRecord;
}

export async function startLoop(): Promise<Loop> {
  const github = await startGitHub();
  github.setToken(WRITER_TOKEN, WRITER);
  github.setToken(READER_TOKEN, "mallory");
  github.setToken(TOKEN, "github-actions[bot]");
  const app = await startApp(github);
  const parent = github.seedIssue({ title: "Redesign the nightly scheduler", user: WRITER });
  return { github, app, parent };
}

/** A copy of a fixture in a fresh directory (publish writes the id into it). */
export function copyFixture(name: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "handoff-loop-")), name);
  copyFileSync(path.join(root, "test", "fixtures", "cli", name), file);
  return file;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `handoff …` against the fake GitHub, with only the API URL and the token given. By default in this process:
 * the same `main()` the bin calls, its output captured through the `Io` it takes. With `via: "bin"`, the built
 * bin in a child process with a clean environment, as a user runs it: the smoke test of the loop end to end.
 */
export function runCli(
  github: FakeGitHub,
  args: string[],
  token = WRITER_TOKEN,
  via: "bin" | "in-process" = "in-process",
): Promise<CliRun> {
  return via === "bin" ? spawnCli(github, args, token) : runCliInProcess(github, args, token);
}

function spawnCli(github: FakeGitHub, args: string[], token: string): Promise<CliRun> {
  const env = {
    PATH: process.env["PATH"] ?? "",
    HOME: mkdtempSync(path.join(tmpdir(), "handoff-home-")),
    GITHUB_API_URL: github.url,
    GH_TOKEN: token,
  };
  const child = spawn(process.execPath, [BIN, ...args, "--repo", REPO], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

let cliBusy = false;

/**
 * main() with GITHUB_API_URL and GH_TOKEN set for its run (both read from process.env, so one run at a time),
 * in a fresh directory, its lines captured as the bin would print them. A spawned bin costs ~0.4 s of start-up.
 */
async function runCliInProcess(github: FakeGitHub, args: string[], token: string): Promise<CliRun> {
  if (cliBusy) throw new Error('in-process CLI runs share process.env: run them one at a time, or pass via: "bin"');
  cliBusy = true;
  const names = ["GITHUB_API_URL", "GH_TOKEN", "GITHUB_TOKEN"] as const;
  const saved = names.map((name) => [name, process.env[name]] as const);
  process.env["GITHUB_API_URL"] = github.url;
  process.env["GH_TOKEN"] = token;
  delete process.env["GITHUB_TOKEN"];
  let stdout = "";
  let stderr = "";
  try {
    const { main } = await import("../src/cli/main.js");
    const io = { out: (line: string) => (stdout += `${line}\n`), err: (line: string) => (stderr += `${line}\n`) };
    const code = await main([...args, "--repo", REPO], io, mkdtempSync(path.join(tmpdir(), "handoff-cwd-")));
    return { code, stdout, stderr };
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    cliBusy = false;
  }
}

/** Waits (briefly) for a comment matching `match` to appear in the fake. */
export async function commentAppears(
  github: FakeGitHub,
  match: (c: CommentRecord) => boolean,
  ms = 15_000,
): Promise<CommentRecord> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = [...github.state.comments.values()].find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error("the expected comment never appeared");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Hands the App the delivery GitHub would send for the CLI's `/handoff` comment (created or edited). */
export async function deliverComment(
  loop: Loop,
  comment: CommentRecord,
  action: "created" | "edited" = "created",
): Promise<void> {
  const payload = commentPayload({
    action,
    body: comment.body,
    user: { login: comment.user.login, type: "User" },
    issueNumber: loop.parent.number,
    issueId: loop.parent.id,
    commentId: comment.id,
  });
  if ((await receive(loop.app, delivery("issue_comment", payload))) !== "ok")
    throw new Error("the App failed on the comment");
}

/** The Action picks the issue up (label handoff:ready by a writer), the agent writes `returnText`, the Action returns it. */
export async function agentReturns(
  github: FakeGitHub,
  issue: IssueRecord,
  returnText: string,
  via: "bundle" | "in-process" = "in-process",
  trustedBots = APP_BOT,
): Promise<void> {
  const runnerTemp = mkdtempSync(path.join(tmpdir(), "handoff-runner-"));
  const pickup = await runAction({
    github,
    inputs: { mode: "pickup", "trusted-bots": trustedBots },
    event: readyEvent(issue),
    runnerTemp,
    via,
  });
  if (pickup.outputs["claimed"] !== "true")
    throw new Error(`pickup did not claim #${issue.number}: ${pickup.outputs["reason"] ?? pickup.stderr}`);
  writeFileSync(pickup.outputs["return-file"]!, returnText);
  const back = await runAction({
    github,
    inputs: { mode: "return", issue: String(issue.number), "trusted-bots": trustedBots, "agent-conclusion": "success" },
    runnerTemp,
    via,
  });
  if (back.code !== 0) throw new Error(`return failed: ${back.stderr}`);
}
