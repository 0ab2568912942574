/**
 * The deliveries of a load run and the ledger that judges it, shared by the single-process run
 * (load-harness.ts) and the fleet run (fleet-harness.ts). A scenario is one repository on one installation;
 * its mix: 40% new `/handoff` comments, 15% edits of them, 25% pushes of handoff files, 10% return comments,
 * 10% redeliveries (same X-GitHub-Delivery, same body). The ledger: one issue per comment and per file, one
 * reply and 👀 + 🚀 per filed comment, one relay and 🚀 per return.
 */
import { findMarker } from "../src/core/marker.js";
import { prepareIssue } from "../src/core/prepare.js";
import type { FakeGitHub } from "./support/fake-github/index.js";
import { commentPayload, pushPayload } from "./support/payloads.js";
import { BOT, REPO, simpleDocument, WRITER } from "./faults-harness.js";

export interface Delivery {
  id: string;
  name: string;
  body: string;
  /** The installation it is for, and whether it repeats an earlier delivery. */
  installation: number;
  redelivery: boolean;
}

export interface Verdict {
  duplicates: string[];
  lost: string[];
  missingAcknowledgements: string[];
}

let serial = 0;
/** A GUID-shaped delivery id, unique in this process. */
export const nextDeliveryId = (): string => `00000000-0000-4000-9000-${String(++serial).padStart(12, "0")}`;

/** The fixtures are all `octo-org/widgets`; this moves a payload to another repository of the fake. */
function inRepository<T>(payload: T, fullName: string, id: number, installation: number): T {
  const moved = JSON.parse(JSON.stringify(payload).replaceAll(REPO, fullName)) as T & {
    repository: Record<string, unknown>;
    installation: { id: number };
  };
  moved.repository["name"] = fullName.split("/")[1];
  moved.repository["id"] = id;
  moved.installation.id = installation;
  return moved;
}

export class LoadScenario {
  readonly comments: Array<{ id: number; thread: number; body: string }> = [];
  readonly files: string[] = [];
  readonly returns: Array<{ comment: number; issue: number; parent: number }> = [];
  private readonly sent: Delivery[] = [];
  private parent: number | undefined;

  constructor(
    private readonly github: FakeGitHub,
    readonly repo: string,
    private readonly repoId: number,
    readonly installation: number,
  ) {}

  private delivery(name: string, payload: unknown): Delivery {
    const moved = inRepository(payload, this.repo, this.repoId, this.installation);
    return {
      id: nextDeliveryId(),
      name,
      body: JSON.stringify(moved),
      installation: this.installation,
      redelivery: false,
    };
  }

  private newComment(): Delivery {
    const { github, repo } = this;
    this.parent ??= github.seedIssue({ repo, title: "The parent thread", user: WRITER }).number;
    const n = this.comments.length;
    const thread =
      n % 5 === 0
        ? github.seedIssue({ repo, title: `Thread ${n}`, user: WRITER })
        : github.state.issue(github.repo(repo), this.parent)!;
    const body = `/handoff Task ${n}\n${simpleDocument(`Task ${n}`)}`;
    const record = github.seedComment({ repo, issueNumber: thread.number, body, user: WRITER });
    this.comments.push({ id: record.id, thread: thread.number, body });
    return this.delivery(
      "issue_comment",
      commentPayload({
        body,
        issueNumber: thread.number,
        issueId: thread.id,
        commentId: record.id,
        user: { login: WRITER, type: "User" },
      }),
    );
  }

  private edit(serialNumber: number): Delivery {
    const target = this.comments[Math.floor(this.comments.length / 2)]!;
    target.body = `${target.body}\n- Edited at delivery ${serialNumber}.`;
    this.github.state.comments.get(target.id)!.body = target.body;
    return this.delivery(
      "issue_comment",
      commentPayload({
        action: "edited",
        body: target.body,
        issueNumber: target.thread,
        commentId: target.id,
        user: { login: WRITER, type: "User" },
      }),
    );
  }

  private push(): Delivery {
    const path = `.handoffs/load-${this.files.length}.md`;
    this.files.push(path);
    const before = this.github.headSha(this.repo);
    const commit = this.github.commit({
      repo: this.repo,
      changes: { [path]: simpleDocument(`File ${this.files.length}`) },
    });
    return this.delivery(
      "push",
      pushPayload({
        before,
        after: commit.sha,
        commits: [{ id: commit.sha, added: [path], modified: [], removed: [] }],
      }),
    );
  }

  private async giveBack(): Promise<Delivery> {
    const { github, repo } = this;
    const n = this.returns.length;
    const thread = github.seedIssue({ repo, title: `Return thread ${n}`, user: WRITER });
    const source = {
      type: "comment" as const,
      repo,
      commentId: 1_000_000 + n,
      url: `https://github.com/${repo}/issues/${thread.number}`,
      thread: thread.number,
    };
    const prepared = await prepareIssue(`# Returned task ${n}\n`, { source, parent: `${repo}#${thread.number}` });
    const issue = github.seedIssue({
      repo,
      title: prepared.issue.title,
      body: prepared.issue.body,
      labels: ["handoff", "handoff:claimed"],
      user: BOT,
    });
    const text = [
      "---",
      "kind: return",
      "status: partial",
      "---",
      `# Returned task ${n}`,
      "",
      "## Done",
      "- Half of it.",
    ].join("\n");
    const record = github.seedComment({ repo, issueNumber: issue.number, body: text, user: WRITER });
    this.returns.push({ comment: record.id, issue: issue.number, parent: thread.number });
    const payload = commentPayload({
      body: text,
      issueNumber: issue.number,
      issueId: issue.id,
      issueBody: issue.body ?? "",
      issueLabels: issue.labels,
      commentId: record.id,
      user: { login: WRITER, type: "User" },
    });
    Object.assign(payload.issue.user, { login: BOT, type: "Bot" });
    return this.delivery("issue_comment", payload);
  }

  /** The `index`-th delivery of the mix. */
  async next(index: number): Promise<Delivery> {
    const slot = index % 20;
    let delivery: Delivery;
    const earlier = this.sent[Math.max(0, this.sent.length - 7)];
    if ((slot === 9 || slot === 19) && earlier) delivery = { ...earlier, redelivery: true };
    else if (slot === 3 || slot === 13) delivery = await this.giveBack();
    else if ((slot === 6 || slot === 16 || slot === 17) && this.comments.length > 0) delivery = this.edit(index);
    else if (slot % 4 === 1 || slot === 11) delivery = this.push();
    else delivery = this.newComment();
    this.sent.push(delivery);
    return delivery;
  }

  /** The same event under a second id, as from a second webhook on the same App. */
  sameEventNewId(delivery: Delivery): Delivery {
    return { ...delivery, id: nextDeliveryId(), redelivery: false };
  }
}

/** Counts what the App left in the fake GitHub against what each scenario sent. */
export function judge(github: FakeGitHub, scenarios: LoadScenario[]): Verdict {
  const duplicates: string[] = [];
  const lost: string[] = [];
  const missing: string[] = [];
  const count = <T>(items: T[], key: (item: T) => string | undefined) => {
    const counts = new Map<string, number>();
    for (const item of items) {
      const k = key(item);
      if (k !== undefined) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    return counts;
  };
  const ours = github.state.issues.filter(
    (i) => i.user.login === BOT && i.body && findMarker(i.body)?.role === undefined,
  );
  const ourComments = [...github.state.comments.values()].filter((c) => c.user.login === BOT);
  const issuesBySource = count(ours, (i) => {
    const source = findMarker(i.body!)!.source;
    return source.type === "comment"
      ? `comment:${source.commentId}`
      : source.type === "file"
        ? `file:${source.repo}:${source.path}`
        : undefined;
  });
  const replies = count(ourComments, (c) => {
    const marker = findMarker(c.body);
    if (marker?.role === "reply" && marker.source.type === "comment") return `comment:${marker.source.commentId}`;
    if (marker?.role === "relay" && marker.source.type === "issue")
      return `relay:${marker.source.repo}#${marker.source.number}`;
    return undefined;
  });
  const ourReactions = (commentId: number) =>
    github.state.comments
      .get(commentId)!
      .reactions.filter((r) => r.user.login === BOT)
      .map((r) => r.content);
  for (const scenario of scenarios) {
    for (const comment of scenario.comments) {
      const key = `comment:${comment.id}`;
      const n = issuesBySource.get(key) ?? 0;
      if (n === 0) lost.push(key);
      if (n > 1) duplicates.push(`${key} filed ${n} times`);
      const replyCount = replies.get(key) ?? 0;
      if (replyCount > 1) duplicates.push(`${key}: ${replyCount} replies`);
      if (replyCount === 0) missing.push(`${key}: no reply`);
      const reactions = ourReactions(comment.id);
      if (!reactions.includes("eyes") || !reactions.includes("rocket"))
        missing.push(`${key}: reactions ${reactions.join(",") || "none"}`);
    }
    for (const path of scenario.files) {
      const key = `file:${scenario.repo}:${path}`;
      const n = issuesBySource.get(key) ?? 0;
      if (n === 0) lost.push(key);
      if (n > 1) duplicates.push(`${key} filed ${n} times`);
    }
    for (const r of scenario.returns) {
      const where = `${scenario.repo}#${r.issue}`;
      const n = replies.get(`relay:${where}`) ?? 0;
      if (n === 0) lost.push(`return on ${where}`);
      if (n > 1) duplicates.push(`return on ${where} relayed ${n} times`);
      const reactions = ourReactions(r.comment);
      if (!reactions.includes("rocket")) missing.push(`return on ${where}: reactions ${reactions.join(",") || "none"}`);
    }
  }
  return { duplicates, lost, missingAcknowledgements: missing };
}
