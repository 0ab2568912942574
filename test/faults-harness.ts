/**
 * The App against the fake GitHub server over real HTTP, as in production but fast: Probot's own Octokit
 * with retries and throttling ON (only their waits shrunk to milliseconds), the App's request guard with a
 * short timeout, and faults injected by the fake at the HTTP boundary. The fake has no `GET /app`, so a
 * fetch in front of it answers that one request (the App's slug, whose bot is the fake's default actor).
 */
import { generateKeyPairSync } from "node:crypto";
import Bottleneck from "bottleneck/light.js";
import { Probot, ProbotOctokit } from "probot";
import { expect } from "vitest";
import { findMarker } from "../src/core/marker.js";
import { createHandoffApp } from "../src/app/index.js";
import { nodeFetch } from "../src/github/http-fetch.js";
import {
  startFakeGitHub,
  type CommentRecord,
  type FakeGitHub,
  type FaultSpec,
  type IssueRecord,
} from "./support/fake-github/index.js";
import { commentPayload, delivery, pushPayload, type WebhookDelivery } from "./support/payloads.js";

export const REPO = "octo-org/widgets";
export const BOT = "handoff-app[bot]";
export const WRITER = "alice";
/**
 * Per-attempt request timeout in the tests: a hang costs this, times the retries. At 250 ms, requests that were not
 * hung outlived it on a loaded 2-core machine (load ~8): the retry then filed or replied twice, and a test failed.
 */
export const TEST_TIMEOUT_MS = 1_000;

const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});

const unspaced = () => new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 });

/**
 * Probot's Octokit with every plugin on; only the waits are shortened: the retry plugin's backoff base and the
 * throttling plugin's `retry-after` base go from 1,000 ms to 1 ms, and writes are not spaced 1–3 s apart.
 */
export const FastProbotOctokit = ProbotOctokit.defaults((options: ConstructorParameters<typeof ProbotOctokit>[0]) => ({
  ...options,
  retry: { retryAfterBaseValue: 1 },
  throttle: {
    ...options?.throttle,
    retryAfterBaseValue: 1,
    fallbackSecondaryRateRetryAfter: 0,
    write: unspaced(),
    notifications: unspaced(),
  },
}));

/**
 * The fetch Probot uses: `GET /app` answered here, everything else to the fake server over the App's own transport
 * (src/github/http-fetch.ts, which the request guard uses when a client has no fetch of its own), so resets, hangs
 * and errors reach the App as they would in production.
 */
export function appEndpointFetch(): typeof fetch {
  return async (input, init) => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    if (url.pathname === "/app" && (init?.method ?? "GET").toUpperCase() === "GET") {
      return Response.json({ id: 1, slug: "handoff-app", name: "handoff-app", owner: { login: "octo-org" } });
    }
    return nodeFetch(input, init);
  };
}

export async function startGitHub(): Promise<FakeGitHub> {
  return startFakeGitHub({
    repos: [{ owner: "octo-org", name: "widgets", id: 186853002 }],
    permissions: { [REPO]: { [WRITER]: "write", mallory: "read" } },
  });
}

export async function startApp(github: FakeGitHub): Promise<Probot> {
  const probot = new Probot({
    appId: 1,
    privateKey,
    baseUrl: github.url,
    logLevel: "fatal",
    Octokit: FastProbotOctokit,
    request: { fetch: appEndpointFetch() },
  });
  await probot.load(createHandoffApp({ timeoutMs: TEST_TIMEOUT_MS, retryAfterBaseMs: 1 }));
  return probot;
}

/** Whether the delivery's handler failed (Probot rejects; the server would answer 500). */
export async function receive(probot: Probot, event: WebhookDelivery): Promise<"ok" | "failed"> {
  try {
    await probot.receive(event);
    return "ok";
  } catch {
    return "failed";
  }
}

export function simpleDocument(title = "Finish the retry logic"): string {
  return [
    `# ${title}`,
    "",
    "## Context",
    "",
    "The sync worker drops a page on a 502.",
    "",
    "## Next steps",
    "",
    "- Retry with backoff.",
  ].join("\n");
}

/** A parent thread with a `/handoff` comment by a writer, and its `issue_comment.created` delivery. */
export function handoffComment(
  github: FakeGitHub,
  options: { parent?: IssueRecord; author?: string; title?: string } = {},
) {
  const parent = options.parent ?? github.seedIssue({ title: "The parent thread", user: WRITER });
  const body = `/handoff ${options.title ?? "Finish the retry logic"}\n${simpleDocument(options.title)}`;
  const comment = github.seedComment({ issueNumber: parent.number, body, user: options.author ?? WRITER });
  const payload = commentPayload({
    body,
    user: { login: options.author ?? WRITER, type: "User" },
    issueNumber: parent.number,
    issueId: parent.id,
    commentId: comment.id,
  });
  return { parent, comment, event: delivery("issue_comment", payload) };
}

/** A commit adding handoff files, and its `push` delivery (a complete payload: no compare needed). */
export function handoffPush(github: FakeGitHub, files: Record<string, string>) {
  const before = github.headSha(REPO);
  const commit = github.commit({ changes: files, message: "Add handoffs" });
  const added = Object.entries(files)
    .filter(([, text]) => text !== null)
    .map(([path]) => path);
  const payload = pushPayload({
    before,
    after: commit.sha,
    commits: [{ id: commit.sha, added, modified: [], removed: [] }],
  });
  return { after: commit.sha, event: delivery("push", payload) };
}

export function issuesFromSource(
  github: FakeGitHub,
  match: (source: NonNullable<ReturnType<typeof findMarker>>["source"]) => boolean,
): IssueRecord[] {
  return github.state.issues.filter((issue) => {
    if (issue.user.login !== BOT || !issue.body) return false;
    const marker = findMarker(issue.body);
    return marker !== null && marker.role === undefined && match(marker.source);
  });
}

export function ourCommentsOn(github: FakeGitHub, issueNumber: number, role?: string): CommentRecord[] {
  return [...github.state.comments.values()].filter(
    (c) =>
      c.issueNumber === issueNumber &&
      c.user.login === BOT &&
      (role === undefined || findMarker(c.body)?.role === role),
  );
}

export function reactionsOn(comment: CommentRecord): string[] {
  return comment.reactions
    .filter((r) => r.user.login === BOT)
    .map((r) => r.content)
    .sort();
}

/** The comment flow's end state: one issue, one reply naming it, 👀 and 🚀 on the source comment. */
export function expectFiledOnce(
  github: FakeGitHub,
  source: { parent: IssueRecord; comment: CommentRecord },
): IssueRecord {
  const issues = issuesFromSource(github, (s) => s.type === "comment" && s.commentId === source.comment.id);
  expect(issues).toHaveLength(1);
  const replies = ourCommentsOn(github, source.parent.number, "reply");
  expect(replies).toHaveLength(1);
  expect(replies[0]!.body).toContain(`#${issues[0]!.number}`);
  expect(reactionsOn(source.comment)).toEqual(expect.arrayContaining(["eyes", "rocket"]));
  return issues[0]!;
}

/** Every fault was used, and every request was one GitHub documents. */
export function expectFaultsSpent(github: FakeGitHub): void {
  expect(github.faults.pending).toEqual([]);
  expect(github.violations).toEqual([]);
}

export type FaultCase = { name: string; fault: FaultSpec | FaultSpec[] };

export function addFaults(github: FakeGitHub, fault: FaultSpec | FaultSpec[]): void {
  for (const spec of Array.isArray(fault) ? fault : [fault]) github.faults.add(spec);
}
