/**
 * Many mixed deliveries (new `/handoff` comments, edits of them, pushes of handoff files, return comments),
 * signed and POSTed over HTTP to the webhook server (src/server) in front of the App, against the fake GitHub
 * server. One in ten is redelivered with the same X-GitHub-Delivery, and every so often the same event
 * arrives in a concurrent burst (the same id twice, and a second id, as from a second hook). Then the
 * ledger: one issue per comment and per file, one reply and 👀 + 🚀 per filed comment, one relay per return.
 * Used by test/load-app.test.ts (small) and scripts/load.ts (1,000 deliveries).
 */
import { createHmac, generateKeyPairSync } from "node:crypto";
import { Probot } from "probot";
import { createHandoffApp } from "../src/app/index.js";
import { KeyedMutex, RecentDeliveries } from "../src/app/delivery-guard.js";
import { findMarker } from "../src/core/marker.js";
import { prepareIssue } from "../src/core/prepare.js";
import { startServer, type RunningServer } from "../src/server/start.js";
import { startFakeGitHub, type FakeGitHub } from "./support/fake-github/index.js";
import { commentPayload, pushPayload } from "./support/payloads.js";
import { BOT, FastProbotOctokit, REPO, simpleDocument, WRITER } from "./faults-harness.js";

const SECRET = "load-test-secret";
const PATH = "/api/github/webhooks";
const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });

interface Delivery {
  id: string;
  name: string;
  body: string;
}

export interface LoadOptions {
  deliveries: number;
  /** How many deliveries are in flight at once. */
  concurrency?: number;
  /** Delivery ids the App remembers (the server's own memory is separate). */
  rememberDeliveries?: number;
  /** Called after each delivery is answered, with how many have been answered. */
  onProgress?: (answered: number) => void;
}

export interface LoadReport {
  deliveries: number;
  answers: Record<string, number>;
  comments: number;
  files: number;
  returns: number;
  duplicates: string[];
  lost: string[];
  missingAcknowledgements: string[];
  /** The App's in-process caches after the run. */
  caches: { deliveries: number; deliveryCapacity: number; mutexKeys: number };
  wallMs: number;
}

function sign(body: string): string {
  return `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;
}

async function post(url: string, delivery: Delivery): Promise<number> {
  const response = await fetch(`${url}${PATH}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-github-event": delivery.name, "x-github-delivery": delivery.id, "x-hub-signature-256": sign(delivery.body) },
    body: delivery.body,
  });
  await response.text();
  return response.status;
}

export async function startLoadStand(rememberDeliveries: number): Promise<{ github: FakeGitHub; server: RunningServer; caches: { deliveries: RecentDeliveries; mutex: KeyedMutex } }> {
  const github = await startFakeGitHub({ repos: [{ owner: "octo-org", name: "widgets", id: 186853002 }], permissions: { [REPO]: { [WRITER]: "write" } } });
  const caches = { deliveries: new RecentDeliveries(rememberDeliveries), mutex: new KeyedMutex() };
  const appFetch: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    if (url.pathname === "/app") return Response.json({ id: 1, slug: "handoff-app", name: "handoff-app" });
    return fetch(input, init);
  };
  const probot = new Probot({ appId: 1, privateKey, secret: SECRET, baseUrl: github.url, logLevel: "fatal", Octokit: FastProbotOctokit, request: { fetch: appFetch } });
  const server = await startServer({
    config: { appId: 1, privateKey, secrets: [SECRET], port: 0, host: "127.0.0.1", webhookPath: PATH, logLevel: "fatal", baseUrl: github.url },
    app: createHandoffApp({ caches }),
    probot,
  });
  return { github, server, caches };
}

export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const rememberDeliveries = options.rememberDeliveries ?? 1000;
  const { github, server, caches } = await startLoadStand(rememberDeliveries);
  const started = Date.now();
  let serial = 0;
  const nextId = () => `00000000-0000-4000-9000-${String(++serial).padStart(12, "0")}`;
  const parent = github.seedIssue({ title: "The parent thread", user: WRITER });
  const comments: Array<{ id: number; thread: number; body: string }> = [];
  const files: string[] = [];
  const returns: Array<{ comment: number; issue: number; parent: number }> = [];

  const newComment = (): Delivery => {
    const thread = comments.length % 5 === 0 ? github.seedIssue({ title: `Thread ${comments.length}`, user: WRITER }) : parent;
    const body = `/handoff Task ${comments.length}\n${simpleDocument(`Task ${comments.length}`)}`;
    const record = github.seedComment({ issueNumber: thread.number, body, user: WRITER });
    comments.push({ id: record.id, thread: thread.number, body });
    const payload = commentPayload({ body, issueNumber: thread.number, issueId: thread.id, commentId: record.id, user: { login: WRITER, type: "User" } });
    return { id: nextId(), name: "issue_comment", body: JSON.stringify(payload) };
  };
  const edit = (): Delivery => {
    const target = comments[Math.floor(comments.length / 2)]!;
    target.body = `${target.body}\n- Edited at delivery ${serial}.`;
    const record = github.state.comments.get(target.id)!;
    record.body = target.body;
    const payload = commentPayload({ action: "edited", body: target.body, issueNumber: target.thread, commentId: target.id, user: { login: WRITER, type: "User" } });
    return { id: nextId(), name: "issue_comment", body: JSON.stringify(payload) };
  };
  const push = (): Delivery => {
    const path = `.handoffs/load-${files.length}.md`;
    files.push(path);
    const before = github.headSha(REPO);
    const commit = github.commit({ changes: { [path]: simpleDocument(`File ${files.length}`) } });
    const payload = pushPayload({ before, after: commit.sha, commits: [{ id: commit.sha, added: [path], modified: [], removed: [] }] });
    return { id: nextId(), name: "push", body: JSON.stringify(payload) };
  };
  const giveBack = async (): Promise<Delivery> => {
    const thread = github.seedIssue({ title: `Return thread ${returns.length}`, user: WRITER });
    const source = { type: "comment" as const, repo: REPO, commentId: 1_000_000 + returns.length, url: `https://github.com/${REPO}/issues/${thread.number}`, thread: thread.number };
    const prepared = await prepareIssue(`# Returned task ${returns.length}\n`, { source, parent: `${REPO}#${thread.number}` });
    const issue = github.seedIssue({ title: prepared.issue.title, body: prepared.issue.body, labels: ["handoff", "handoff:claimed"], user: BOT });
    const text = ["---", "kind: return", "status: partial", "---", `# Returned task ${returns.length}`, "", "## Done", "- Half of it."].join("\n");
    const record = github.seedComment({ issueNumber: issue.number, body: text, user: WRITER });
    returns.push({ comment: record.id, issue: issue.number, parent: thread.number });
    const payload = commentPayload({ body: text, issueNumber: issue.number, issueId: issue.id, issueBody: issue.body ?? "", issueLabels: issue.labels, commentId: record.id, user: { login: WRITER, type: "User" } });
    Object.assign(payload.issue.user, { login: BOT, type: "Bot" });
    return { id: nextId(), name: "issue_comment", body: JSON.stringify(payload) };
  };

  const answers: Record<string, number> = {};
  let answered = 0;
  const send = async (delivery: Delivery): Promise<void> => {
    const status = await post(server.url, delivery);
    answers[status] = (answers[status] ?? 0) + 1;
    options.onProgress?.(++answered);
  };

  // The mix, in waves of `concurrency`: 40% new comments, 15% edits, 25% pushes, 10% returns, 10% redeliveries.
  const concurrency = options.concurrency ?? 8;
  const sent: Delivery[] = [];
  const violations: string[] = [];
  let total = 0;
  while (total < options.deliveries) {
    const wave: Array<Promise<void>> = [];
    for (let i = 0; i < concurrency && total < options.deliveries; i++) {
      const slot = total % 20;
      let delivery: Delivery;
      if (slot === 9 || slot === 19) delivery = sent[Math.max(0, sent.length - 7)] ?? newComment(); // a redelivery: same id, same body
      else if (slot === 3 || slot === 13) delivery = await giveBack();
      else if ((slot === 6 || slot === 16 || slot === 17) && comments.length > 0) delivery = edit();
      else if (slot % 4 === 1 || slot === 11) delivery = push();
      else delivery = newComment();
      sent.push(delivery);
      total++;
      wave.push(send(delivery));
      // A burst: the same event twice more at once, once with its own id and once with a second hook's id.
      if (slot === 0 && total + 2 <= options.deliveries) {
        wave.push(send(delivery), send({ ...delivery, id: nextId() }));
        total += 2;
      }
    }
    await Promise.all(wave);
    // The fake keeps every request and response by reference; checked, then dropped, so the heap samples
    // measure the App and the fake's repository state, not a log that grows with the square of the issues.
    violations.push(...github.violations);
    github.requests.length = 0;
  }
  await server.close();
  const wallMs = Date.now() - started;

  // The ledger.
  const duplicates: string[] = [];
  const lost: string[] = [];
  const missing: string[] = [];
  const ourIssues = github.state.issues.filter((i) => i.user.login === BOT && i.body && findMarker(i.body)?.role === undefined);
  const ourComments = [...github.state.comments.values()].filter((c) => c.user.login === BOT);
  const count = <T>(items: T[], key: (item: T) => string | undefined) => {
    const counts = new Map<string, number>();
    for (const item of items) {
      const k = key(item);
      if (k !== undefined) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    return counts;
  };
  const issuesBySource = count(ourIssues, (i) => {
    const source = findMarker(i.body!)!.source;
    return source.type === "comment" ? `comment:${source.commentId}` : source.type === "file" ? `file:${source.path}` : undefined;
  });
  const replies = count(ourComments, (c) => {
    const marker = findMarker(c.body);
    return marker?.role === "reply" && marker.source.type === "comment" ? `comment:${marker.source.commentId}` : marker?.role === "relay" && marker.source.type === "issue" ? `relay:${marker.source.number}` : undefined;
  });
  for (const comment of comments) {
    const key = `comment:${comment.id}`;
    const n = issuesBySource.get(key) ?? 0;
    if (n === 0) lost.push(key);
    if (n > 1) duplicates.push(`${key} filed ${n} times`);
    const replyCount = replies.get(key) ?? 0;
    if (replyCount > 1) duplicates.push(`${key}: ${replyCount} replies`);
    if (replyCount === 0) missing.push(`${key}: no reply`);
    const reactions = github.state.comments.get(comment.id)!.reactions.filter((r) => r.user.login === BOT).map((r) => r.content);
    if (!reactions.includes("eyes") || !reactions.includes("rocket")) missing.push(`${key}: reactions ${reactions.join(",") || "none"}`);
  }
  for (const path of files) {
    const n = issuesBySource.get(`file:${path}`) ?? 0;
    if (n === 0) lost.push(`file:${path}`);
    if (n > 1) duplicates.push(`file:${path} filed ${n} times`);
  }
  for (const r of returns) {
    const n = replies.get(`relay:${r.issue}`) ?? 0;
    if (n === 0) lost.push(`return on #${r.issue}`);
    if (n > 1) duplicates.push(`return on #${r.issue} relayed ${n} times`);
    const reactions = github.state.comments.get(r.comment)!.reactions.filter((x) => x.user.login === BOT).map((x) => x.content);
    if (!reactions.includes("rocket")) missing.push(`return on #${r.issue}: reactions ${reactions.join(",") || "none"}`);
  }
  violations.push(...github.violations);
  await github.close();
  if (violations.length > 0) throw new Error(`requests GitHub would not accept: ${violations.slice(0, 5).join("; ")}`);
  return {
    deliveries: total,
    answers,
    comments: comments.length,
    files: files.length,
    returns: returns.length,
    duplicates,
    lost,
    missingAcknowledgements: missing,
    caches: { deliveries: caches.deliveries.size, deliveryCapacity: rememberDeliveries, mutexKeys: caches.mutex.size },
    wallMs,
  };
}
