import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { Probot, ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import handoffApp from "../src/index.js";
import { neutralizeForRelay, neutralizeMentions } from "../src/core/neutralize.js";
import { prepareIssue } from "../src/core/prepare.js";
import { parseRenderedBody } from "../src/core/read-rendered.js";
import { commentPayload, delivery } from "./support/payloads.js";
import { BOT, OWNER, REPO } from "./fixtures/app/github.js";
import { documentFixture, loadedProbot, useApp } from "./fixtures/app/harness.js";

const app = useApp();

const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});
/** Listing a thread's comments, by route (`rest.issues.listComments`) or by URL (pagination's later pages). */
const LIST_COMMENTS = /\/issues\/(?:\{issue_number\}|\d+)\/comments(?:\?|$)/;

/**
 * A replica as loadedProbot() builds one, whose reads of a thread's comments come back 300 ms late: two of them
 * handling one return overlap in the window between "no relay yet" and "relay created", as replicas can.
 */
async function slowListingReplica(): Promise<Probot> {
  const Octokit = ProbotOctokit.defaults((options: object) => ({
    ...options,
    throttle: { enabled: false },
    retry: { enabled: false },
  })).plugin((octokit) => {
    octokit.hook.after("request", async (_response, options) => {
      if (options.method === "GET" && LIST_COMMENTS.test(options.url))
        await new Promise((resolve) => setTimeout(resolve, 300));
    });
  });
  const probot = new Probot({ appId: 1, privateKey, logLevel: "fatal", Octokit });
  await probot.load(handoffApp);
  return probot;
}

/** Handoff issue #20, filed by us from a comment on #1, and a return comment on it. */
async function returnOnHandoffIssue(
  body: string,
  user = { login: "Codertocat", type: "User" as const },
  commentId?: number,
  handoff = "# Fix the flaky login test\n",
) {
  const source = {
    type: "comment" as const,
    repo: `${OWNER}/${REPO}`,
    commentId: 77,
    url: "https://github.com/octo-org/widgets/issues/1#issuecomment-77",
    thread: 1,
  };
  const prepared = await prepareIssue(handoff, { source, parent: `${OWNER}/${REPO}#1` });
  const issue = app.github.addIssue({
    number: 20,
    title: prepared.issue.title,
    body: prepared.issue.body,
    labels: ["handoff", "handoff:claimed"],
    user: { login: BOT, type: "Bot" },
  });
  const payload = commentPayload({
    body,
    issueNumber: 20,
    issueBody: issue.body,
    issueLabels: issue.labels,
    user,
    ...(commentId ? { commentId } : {}),
  });
  (payload.issue as { user: { login: string; type: string } }).user = {
    ...payload.issue.user!,
    login: BOT,
    type: "Bot",
  };
  return delivery("issue_comment", payload);
}

describe("a return handoff on a handoff issue", () => {
  it("is relayed to the parent thread once, neutralised, and the issue is relabelled and closed when done", async () => {
    app.github.permissions.set("Codertocat", "write");
    await (await loadedProbot()).receive(await returnOnHandoffIssue(documentFixture("return-done")));

    const relays = app.github.commentsOn(1);
    expect(relays).toHaveLength(1);
    expect(relays[0]!.body).toContain("**Return** from octo-org/widgets#20");
    expect(relays[0]!.body).not.toMatch(/(^|[^`])@claude/);
    expect(relays[0]!.body).not.toMatch(/(^|[^`])fixes #1/);
    const issue = app.github.issues.get(20)!;
    expect(issue.labels).toEqual(["handoff", "handoff:returned"]);
    expect(issue).toMatchObject({ state: "closed", state_reason: "completed" });
  });

  it("leads the relay with the status, then done, open questions and next steps, and notes unanswered criteria", async () => {
    app.github.permissions.set("Codertocat", "write");
    const relayFixture = (name: string): string =>
      readFileSync(new URL(`fixtures/relay/${name}`, import.meta.url), "utf8");
    const delivered = await returnOnHandoffIssue(
      relayFixture("return-out-of-order.md"),
      undefined,
      undefined,
      relayFixture("handoff-with-criteria.md"),
    );
    await (await loadedProbot()).receive(delivered);
    const relay = app.github.commentsOn(1)[0]!.body;
    const at = (text: string): number => relay.indexOf(text);
    const order = [
      "status `partial`",
      "**Done**",
      "**Open questions**",
      "**Next steps**",
      "> [!WARNING]",
      "<details><summary>The whole return",
    ].map(at);
    expect(order.every((position) => position >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(relay).toContain("> - A3: The cookie's lifetime is documented.");
    expect(parseRenderedBody(relay)?.document).toBe(neutralizeForRelay(relayFixture("return-out-of-order.md")));
  });

  it("updates the relay instead of posting a second one when the return is edited", async () => {
    app.github.permissions.set("Codertocat", "write");
    const probot = await loadedProbot();
    await probot.receive(await returnOnHandoffIssue(`/handoff return\n# Half done\n\nStatus: in progress\n`));
    const edited = await returnOnHandoffIssue(`/handoff return\n# Half done\n\nStatus: in progress\n\nMore.`);
    app.github.permissions.set("Codertocat", "write");
    await probot.receive(edited);

    expect(app.github.commentsOn(1)).toHaveLength(1);
    expect(app.github.commentsOn(1)[0]!.body).toContain("More.");
    expect(app.github.issues.get(20)!.state).toBe("open");
  });

  it("relays a second return comment on the same handoff issue as a second relay", async () => {
    app.github.permissions.set("Codertocat", "write");
    const probot = await loadedProbot();
    await probot.receive(
      await returnOnHandoffIssue(`/handoff return\n# Half done\n\nStatus: in progress\n`, undefined, 501),
    );
    await probot.receive(
      await returnOnHandoffIssue(`/handoff return\n# All done\n\nStatus: in progress\n`, undefined, 502),
    );

    const relays = app.github.commentsOn(1);
    expect(relays).toHaveLength(2);
    expect(relays.map((r) => r.body.includes("All done"))).toEqual([false, true]);
  });

  it("accepts a return from a bot the configuration trusts, without a permission check", async () => {
    app.github.config = "trusted: ['agent[bot]']\n";
    await (
      await loadedProbot()
    ).receive(
      await returnOnHandoffIssue(documentFixture("return-done"), { login: "agent[bot]", type: "Bot" } as never),
    );

    expect(app.github.commentsOn(1)).toHaveLength(1);
    expect(app.requests.some((r) => r.path.includes("/collaborators/"))).toBe(false);
  });

  it("relays once when two replicas handle the same return comment at the same time (the 👀 reaction is the lock)", async () => {
    app.github.permissions.set("Codertocat", "write");
    const event = await returnOnHandoffIssue(documentFixture("return-done"));
    const [a, b] = [await slowListingReplica(), await slowListingReplica()];
    await Promise.all([a.receive(event), b.receive(event)]);

    expect(app.github.commentsOn(1)).toHaveLength(1);
    expect(app.github.reactions.filter((r) => r.content === "eyes")).toHaveLength(1);
  });

  it("relays text that reads back exactly from the relay's regions: the document is neutralised before it is rendered", async () => {
    app.github.permissions.set("Codertocat", "write");
    const document =
      "# Half done\n\nStatus: in progress\n\n@claude fixes #1 next; our delimiters look like <!-- /handoff:body -->, quoted.\n\nMore after it.";
    await (await loadedProbot()).receive(await returnOnHandoffIssue(`/handoff return\n${document}\n`));

    const relay = app.github.commentsOn(1)[0]!.body;
    expect(parseRenderedBody(relay)?.document).toBe(neutralizeForRelay(document));
    expect(relay).not.toMatch(/(^|[^`])@claude/);
  });

  it("keeps a return's frontmatter as it was written in the relay, with only agent names made inert", async () => {
    app.github.permissions.set("Codertocat", "write");
    const frontmatter = "---\nkind: return\nstatus: in progress\nnote: fixes #1 for @claude\n---\n";
    await (await loadedProbot()).receive(await returnOnHandoffIssue(`${frontmatter}# Half done\n\nSee @octocat.\n`));

    const read = parseRenderedBody(app.github.commentsOn(1)[0]!.body)?.document;
    expect(read).toBe(`${frontmatter.replace("@claude", "@\u2060claude")}# Half done\n\nSee \`@octocat\`.\n`);
  });

  it("does not let a return's status mention anyone from the relay's header", async () => {
    app.github.permissions.set("Codertocat", "write");
    await (
      await loadedProbot()
    ).receive(await returnOnHandoffIssue('---\nkind: return\nstatus: "partly` @octocat `done"\n---\n# Half done\n'));

    const relay = app.github.commentsOn(1)[0]!.body;
    expect(relay).toContain("@octocat");
    // Nothing left for the neutraliser to do: every mention in the relay is inert already.
    expect(neutralizeMentions(relay).neutralized).toBe(0);
  });

  it("does not relay a return from someone without write permission", async () => {
    app.github.permissions.set("Codertocat", "read");
    await (await loadedProbot()).receive(await returnOnHandoffIssue(documentFixture("return-done")));

    expect(app.github.commentsOn(1)).toEqual([]);
    expect(app.github.issues.get(20)!.state).toBe("open");
  });
});
