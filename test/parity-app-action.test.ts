// Parity: the same events, once through the App (Probot, webhook deliveries) and once through the Action's
// `mode: file` (the committed bundle, the same payloads as its event file), each against a fresh copy of the same
// fake GitHub. Both must end with the same issues, comments, labels and sub-issue links, apart from the bot's
// identity: they run one shared handler per event (src/flows/on-comment.ts, src/flows/on-push.ts).
import type { Probot } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { renderMarker } from "../src/core/marker.js";
import { runAction, TOKEN } from "./action-harness.js";
import { receive, REPO, simpleDocument, startApp, WRITER } from "./faults-harness.js";
import { startFakeGitHub, type FakeGitHub, type IssueRecord } from "./support/fake-github/index.js";
import { commentPayload, delivery, pushPayload } from "./support/payloads.js";

const APP_BOT = "handoff-app[bot]";
const ACTIONS_BOT = "github-actions[bot]";

interface Driver {
  bot: string;
  github: FakeGitHub;
  /** Delivers one event; `redelivery` repeats the App's delivery id (the Action: the same event file, re-run). */
  deliver(name: string, payload: unknown, id: string): Promise<void>;
  close(): Promise<void>;
}

async function fakeGitHub(): Promise<FakeGitHub> {
  return startFakeGitHub({
    repos: [{ owner: "octo-org", name: "widgets", id: 186853002 }],
    permissions: { [REPO]: { [WRITER]: "write", mallory: "read" } },
    tokens: { [TOKEN]: ACTIONS_BOT },
  });
}

async function appDriver(): Promise<Driver> {
  const github = await fakeGitHub();
  const probot: Probot = await startApp(github);
  return {
    bot: APP_BOT,
    github,
    deliver: async (name, payload, id) => expect(await receive(probot, delivery(name, payload, id))).toBe("ok"),
    close: () => github.close(),
  };
}

async function actionDriver(): Promise<Driver> {
  const github = await fakeGitHub();
  return {
    bot: ACTIONS_BOT,
    github,
    deliver: async (name, payload) => {
      const run = await runAction({
        github,
        inputs: { mode: "file" },
        event: { name, payload },
        env: { HANDOFF_REQUEST_TIMEOUT_MS: "2000" },
      });
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
    },
    close: () => github.close(),
  };
}

/** A comment on an issue of the fake, seeded there and described by its `issue_comment` payload. */
function commentOn(
  driver: Driver,
  issue: IssueRecord,
  body: string,
  action: "created" | "edited" = "created",
  commentId?: number,
) {
  const comment =
    commentId === undefined ? driver.github.seedComment({ issueNumber: issue.number, body, user: WRITER }) : undefined;
  const payload = commentPayload({
    action,
    body,
    user: { login: WRITER, type: "User" },
    issueNumber: issue.number,
    issueId: issue.id,
    issueBody: issue.body ?? "",
    issueLabels: issue.labels,
    commentId: comment?.id ?? commentId,
  });
  Object.assign(payload.issue.user, {
    login: issue.user.login,
    type: issue.user.login.endsWith("[bot]") ? "Bot" : "User",
  });
  return { id: comment?.id ?? commentId!, payload };
}

const RETURN_PARTIAL = [
  "---",
  "kind: return",
  "status: partial",
  "---",
  "# Retries half done",
  "",
  "## Done",
  "- Backoff on 502.",
].join("\n");
const RETURN_DONE = [
  "/handoff return",
  "---",
  "status: done",
  "---",
  "# Retries done",
  "",
  "## Done",
  "- Backoff on 502 and 503.",
].join("\n");

/** The whole story, the same for both drivers. */
async function story(driver: Driver): Promise<void> {
  const { github } = driver;
  const parent = github.seedIssue({ title: "The parent thread", user: WRITER });
  // 1. A writer's `/handoff` that quotes one of our markers (from a reply they answer): still theirs, still filed.
  const quoted = renderMarker({
    v: 1,
    kind: "handoff",
    source: {
      type: "comment",
      repo: REPO,
      commentId: 1,
      url: `https://github.com/${REPO}/issues/1#issuecomment-1`,
      thread: 1,
    },
    hash: "",
    role: "reply",
  });
  const first = `> ${quoted}\n> Filed earlier\n\n/handoff Finish the retry logic\n${simpleDocument()}`;
  const filing = commentOn(driver, parent, first);
  await driver.deliver("issue_comment", filing.payload, "d-1");
  // 2. Its redelivery, then an edit.
  await driver.deliver("issue_comment", filing.payload, "d-1");
  const edited = commentOn(driver, parent, `${first}\n- And log the retries.`, "edited", filing.id);
  await driver.deliver("issue_comment", edited.payload, "d-2");
  // 3. A bare `kind: return` document on the filed issue, then a `/handoff return` that says done.
  const filed = github.state.issues.find((issue) => issue.number !== parent.number && issue.user.login === driver.bot)!;
  expect(filed).toBeDefined();
  await driver.deliver("issue_comment", commentOn(driver, filed, RETURN_PARTIAL).payload, "d-3");
  await driver.deliver("issue_comment", commentOn(driver, filed, RETURN_DONE).payload, "d-4");
  // 4. Pushes: two files added; one renamed (same `id`), one removed.
  const before = github.headSha(REPO);
  const withId = (id: string, title: string) => `---\nid: ${id}\n---\n${simpleDocument(title)}`;
  const added = github.commit({
    changes: { ".handoffs/a.md": withId("a", "Handoff A"), ".handoffs/b.md": simpleDocument("Handoff B") },
  });
  const addPush = pushPayload({
    before,
    after: added.sha,
    commits: [{ id: added.sha, added: [".handoffs/a.md", ".handoffs/b.md"] }],
  });
  await driver.deliver("push", addPush, "d-5");
  const moved = github.commit({
    changes: { ".handoffs/a.md": null, ".handoffs/c.md": withId("a", "Handoff A"), ".handoffs/b.md": null },
  });
  const movePush = pushPayload({
    before: added.sha,
    after: moved.sha,
    commits: [{ id: moved.sha, added: [".handoffs/c.md"], removed: [".handoffs/a.md", ".handoffs/b.md"] }],
  });
  await driver.deliver("push", movePush, "d-6");
}

/** What GitHub holds at the end, with the bot's login and the parts that name it made equal. */
function snapshot(driver: Driver) {
  const ids = new Map(driver.github.state.issues.map((issue) => [issue.id, issue.number]));
  const normal = (text: string | null) => (text ?? "").replaceAll(driver.bot, "<bot>");
  const issues = driver.github.state.issues.map((issue) => ({
    number: issue.number,
    title: issue.title,
    author: normal(issue.user.login),
    state: issue.state,
    stateReason: issue.stateReason,
    labels: [...issue.labels].sort(),
    body: normal(issue.body),
    parent: issue.parentId === null ? null : ids.get(issue.parentId),
    subIssues: issue.subIssueIds.map((id) => ids.get(id)),
  }));
  const comments = [...driver.github.state.comments.values()]
    .sort((a, b) => a.id - b.id)
    .map((comment) => ({ on: comment.issueNumber, author: normal(comment.user.login), body: normal(comment.body) }));
  return { issues, comments };
}

let drivers: Driver[] = [];
afterEach(async () => {
  for (const driver of drivers) {
    expect(driver.github.violations).toEqual([]);
    await driver.close();
  }
  drivers = [];
});

describe("parity between the App and the Action's mode: file", () => {
  it("ends with the same issues, comments, labels and sub-issue links after the same events", async () => {
    const app = await appDriver();
    const action = await actionDriver();
    drivers = [app, action];
    await story(app);
    await story(action);
    const fromApp = snapshot(app);
    const fromAction = snapshot(action);
    // The story did happen: a filed issue (the quoted marker did not stop it), returned and closed; file issues.
    expect(fromApp.issues.map((i) => i.title)).toEqual(
      expect.arrayContaining(["Finish the retry logic", "Handoff A", "Handoff B"]),
    );
    expect(fromApp.issues.find((i) => i.title === "Finish the retry logic")).toMatchObject({
      state: "closed",
      parent: 1,
    });
    expect(fromAction.issues).toEqual(fromApp.issues);
    expect(fromAction.comments).toEqual(fromApp.comments);
  }, 240_000);
});
