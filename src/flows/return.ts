// A return handoff: the child session's report, carried back to where the work came from.
//
// 1. verify    the handoff issue is ours (written by us, with our marker): the parent comes from that marker
// 2. prepare   redact → parse → render the return (unless the caller already did)
// 3. post      the Action only (`postOnIssue`): the return, neutralised, as one comment on the handoff issue
// 4. relay     one comment on the parent thread, neutralised so it pings and closes nothing
// 5. labels    `handoff:returned` on; `handoff:claimed` and `handoff:ready` off
// 6. close     when the return says `status: done` and the caller allows it
//
// Both comments are upserted per return (`returnKey`), not per issue: a second pickup's return is a second
// comment and a second relay, and only a redelivery or re-run of the same return updates its own.
//
// Shared by the App (a return comment on the issue: `postOnIssue: false`) and the Action's `mode: return`.
// Authorisation is the caller's decision (`authorizeReturn` in policy.ts), made before calling this.
import { LABELS, labelNames, SUPERSEDED_BY_RETURN } from "../core/labels.js";
import { findMarker, renderMarker } from "../core/marker.js";
import { MAX_BODY_CHARS } from "../core/limits.js";
import { AGENT_TRIGGER_PATTERN, neutralizeForRelay } from "../core/neutralize.js";
import { parseHandoff } from "../core/parse.js";
import { prepareReturn, type PreparedReturn, type PrepareOptions } from "../core/prepare.js";
import { documentParts, renderReturnComment } from "../core/render.js";
import { acceptanceNote, foldedReturn, handoffOfIssueBody, relayLead } from "../core/relay.js";
import type { HandoffDocument } from "../core/types.js";
import type { HandoffMarker } from "../core/marker.js";
import { parseIssueAddress, type GitHub, type IssueAddress, type Log, type RepoRef } from "../github/client.js";
import { findOurComment, upsertComment, type CommentAuthor, type IsOurs, type UpsertResult } from "../github/comments.js";
import { addLabels, removeLabels } from "../github/labels.js";
import { withMarker } from "./messages.js";


export interface HandoffIssue {
  repo: RepoRef;
  number: number;
  body: string;
  html_url: string;
  state: "open" | "closed";
  labels: string[];
  /** Who wrote the issue: its marker counts only when that is us. */
  user: CommentAuthor | null;
}

/** The issue as a webhook payload or the REST API gives it: labels may be names or label objects. */
export interface IssueLike {
  number: number;
  body?: string | null;
  html_url: string;
  state?: string;
  labels?: ReadonlyArray<string | { name?: string | null }>;
  user: CommentAuthor | null;
}

/** One reading of an issue for `deliverReturn`, whichever shell fetched it. */
export function toHandoffIssue(repo: RepoRef, issue: IssueLike): HandoffIssue {
  return {
    repo,
    number: issue.number,
    body: issue.body ?? "",
    html_url: issue.html_url,
    state: issue.state === "closed" ? "closed" : "open",
    labels: labelNames(issue.labels),
    user: issue.user,
  };
}

export interface DeliverReturnInput {
  handoffIssue: HandoffIssue;
  /** The return document; or `prepared`, when the caller already ran `prepareReturn`. */
  returnText?: string;
  prepared?: PreparedReturn;
  /** Login of whoever returned it (the comment's author, or the agent's identity). */
  author: string;
  /** Close the handoff issue (`completed`) when the return's status is `done`. */
  closeOnDone: boolean;
  /** Relay the return to the parent thread named in the issue's marker. */
  relayToParent: boolean;
  /** Post the return on the handoff issue (the Action); false when it already is a comment there (the App). */
  postOnIssue: boolean;
  /** Link to the return itself when it is already a comment (the App), for the relay's summary. */
  returnUrl?: string;
  /** The workflow run that produced the return, linked in the relay. */
  runUrl?: string;
  /**
   * Which return this is: `run-<GITHUB_RUN_ID>` (the Action; a re-run keeps it) or `comment-<id>` (the App).
   * Without it, the App's return comment id is read from `returnUrl`.
   */
  returnKey?: string;
  extraPatterns?: PrepareOptions["extraPatterns"];
  isOurs: IsOurs;
  /**
   * The caller's verdict on the issue's author (the Action applies pickup's rule: a writer or a listed bot).
   * When given it decides alone; without it, only an issue written by us (`isOurs`) counts.
   */
  issueAuthorTrusted?: boolean;
  log: Log;
}

export type ReturnResult =
  | { delivered: false; reason: string }
  | {
      delivered: true;
      status: string | null;
      returnComment: UpsertResult | null;
      relay: UpsertResult | null;
      labelsAdded: string[];
      labelsRemoved: string[];
      closed: boolean;
    };

/** The parent thread of a handoff issue, from its marker. */
export function parentOf(marker: HandoffMarker): IssueAddress | null {
  if (marker.parent) return parseIssueAddress(marker.parent);
  if (marker.source.type === "comment") return parseIssueAddress(`${marker.source.repo}#${marker.source.thread}`);
  return null;
}

function statusOf(prepared: PreparedReturn): string | null {
  // The parser already reads a status line (`**Status:** Done`) into `status`, lower-cased.
  const status = prepared.document.status?.trim().toLowerCase();
  return status ? status : null;
}

/**
 * The return's document as it may stand in another thread. The body is neutralised as the markdown it is. The
 * frontmatter is shown as a YAML code block, where mentions and closing keywords are inert already and where
 * backticks could break the YAML (`note: fixes #12` would start with one), so it gets only what
 * neutralizeForRelay does inside code: a word joiner after agent trigger names.
 */
export function neutralizedReturnText(document: HandoffDocument): string {
  const { frontmatter, body } = documentParts(document);
  return frontmatter.replace(AGENT_TRIGGER_PATTERN, "@\u2060") + neutralizeForRelay(body);
}

/**
 * The return rendered from its neutralised text under our marker, so the regions read back exactly. The renderer's
 * header would show the status and the author live (it strips backticks from the status and writes `@author`),
 * so neither is passed to it: the caller's head line carries them, neutralised.
 */
function renderNeutralized(prepared: PreparedReturn, marker: HandoffMarker): { regions: string; overflow: string[] } {
  const document = parseHandoff(neutralizedReturnText(prepared.document));
  const { status: _status, ...rest } = document;
  const { status: _metadataStatus, ...metadata } = document.metadata;
  const rendered = renderReturnComment({ ...rest, kind: marker.kind, metadata }, { source: marker.source, hash: marker.hash, role: marker.role, redactions: prepared.redactions });
  // Every rendered body starts with its marker line (JSON has no line breaks); ours, with the return's key, replaces it.
  const afterMarker = (body: string): string => body.slice(body.indexOf("\n") + 1);
  const overflow = rendered.overflow.map((part, index) => `${renderMarker({ ...marker, role: "overflow", part: findMarker(part)?.part ?? index + 1 })}\n${afterMarker(part)}`);
  return { regions: afterMarker(rendered.body), overflow };
}

/** The return as posted on the handoff issue: neutralised like the relay, since agents and closing keywords read it there too. */
function issueBody(input: DeliverReturnInput, prepared: PreparedReturn, marker: HandoffMarker): { body: string; overflow: string[] } {
  const status = statusOf(prepared);
  const run = input.runUrl ? ` ([run](${input.runUrl}))` : "";
  const head = neutralizeForRelay(`**Return**${status ? `, status \`${status.slice(0, 100)}\`` : ""}${run}.`);
  const { regions, overflow } = renderNeutralized(prepared, marker);
  const note = acceptanceNote(handoffOfIssueBody(input.handoffIssue.body), prepared.document);
  return { body: `${renderMarker(marker)}\n${head}\n\n${note === "" ? "" : `${note}\n\n`}${regions}`, overflow };
}

/** The relay: our head line, then the return rendered from its neutralised text. */
function relayBody(input: DeliverReturnInput, prepared: PreparedReturn, marker: HandoffMarker, link: string): string {
  const issue = input.handoffIssue;
  const status = statusOf(prepared);
  const run = input.runUrl ? ` ([run](${input.runUrl}))` : "";
  // The status is the document's own text: inside backticks it could still close the span and mention someone.
  const head = neutralizeForRelay(`**Return** from ${issue.repo.owner}/${issue.repo.repo}#${issue.number} by \`${input.author}\`${status ? `, status \`${status}\`` : ""}${run}.`);
  // The status leads (in the head line), then the return's done, open questions and next steps (src/core/relay.ts).
  const lead = relayLead(prepared.document, handoffOfIssueBody(issue.body));
  const rendered = renderNeutralized(prepared, marker);
  if (rendered.overflow.length === 0) {
    const full = `${renderMarker(marker)}\n${head}\n\n${lead === "" ? rendered.regions : `${lead}\n\n${foldedReturn(rendered.regions)}`}`;
    if (full.length <= MAX_BODY_CHARS) return full;
  }
  // Past one body, a summary and a link beat a cut-off report.
  const title = neutralizeForRelay(prepared.document.title);
  const summary = `${head}\n\n${lead === "" ? "" : `${lead}\n\n`}**${title}** — the full return is too long to relay here: [read it](${link}).`;
  return withMarker(marker, summary);
}

/** The App's return is a comment: its id, from its URL, keys the relay. */
function returnKeyOf(input: DeliverReturnInput): string | undefined {
  if (input.returnKey) return input.returnKey;
  const id = /#issuecomment-(\d+)$/.exec(input.returnUrl ?? "")?.[1];
  return id ? `comment-${id}` : undefined;
}

/**
 * Which of our comments on the parent thread relays this return of this handoff issue. Without a key (an older
 * caller), any relay of the issue matches, as before returns had keys.
 */
function isRelayOf(source: { repo: string; number: number }, returnKey?: string): (marker: HandoffMarker) => boolean {
  return (m) =>
    m.role === "relay" &&
    m.source.type === "issue" &&
    m.source.number === source.number &&
    m.source.repo.toLowerCase() === source.repo.toLowerCase() &&
    (returnKey === undefined || m.returnKey === returnKey);
}

/**
 * Whether the parent thread already has our relay for this return (or, without `returnKey`, for this handoff
 * issue): evidence that a delivery which holds the 👀 lock has got at least that far, so another may update it
 * (an upsert finds it) instead of creating one.
 */
export async function relayExists(gh: GitHub, issue: HandoffIssue, isOurs: IsOurs, returnKey?: string): Promise<boolean> {
  const marker = isOurs(issue.user) ? findMarker(issue.body) : null;
  const parent = marker ? parentOf(marker) : null;
  if (!parent) return false;
  const source = { repo: `${issue.repo.owner}/${issue.repo.repo}`, number: issue.number };
  return (await findOurComment(gh, parent, isOurs, isRelayOf(source, returnKey))) !== null;
}

export async function deliverReturn(gh: GitHub, input: DeliverReturnInput): Promise<ReturnResult> {
  const issue = input.handoffIssue;
  const name = `${issue.repo.owner}/${issue.repo.repo}#${issue.number}`;
  const address: IssueAddress = { ...issue.repo, issue_number: issue.number };

  // 1. verify
  const marker = (input.issueAuthorTrusted ?? input.isOurs(issue.user)) ? findMarker(issue.body) : null;
  if (!marker || marker.role !== undefined) {
    input.log.info(`${name} is not a handoff issue written by us; the return is not relayed`);
    return { delivered: false, reason: "not a handoff issue" };
  }

  // 2. prepare
  const source = { type: "issue" as const, repo: `${issue.repo.owner}/${issue.repo.repo}`, number: issue.number, url: issue.html_url };
  const prepared =
    input.prepared ??
    (await prepareReturn(input.returnText ?? "", { source, author: input.author, parent: marker.parent, extraPatterns: input.extraPatterns }));
  const status = statusOf(prepared);
  const returnKey = returnKeyOf(input);
  const keyed = returnKey === undefined ? {} : { returnKey };
  const sameReturn = (m: HandoffMarker): boolean => m.kind === "return" && m.returnKey === returnKey;

  // 3. post
  let returnComment: UpsertResult | null = null;
  if (input.postOnIssue) {
    const { body, overflow } = issueBody(input, prepared, { v: 1, kind: "return", source, hash: prepared.hash, role: "return", ...keyed });
    returnComment = await upsertComment(gh, address, body, input.isOurs, (m) => sameReturn(m) && m.role === "return");
    input.log.info(`return ${returnComment.action} on ${name}`);
    for (const part of overflow) {
      const number = findMarker(part)?.part;
      await upsertComment(gh, address, part, input.isOurs, (m) => sameReturn(m) && m.role === "overflow" && m.part === number);
    }
  }

  // 4. relay
  let relay: UpsertResult | null = null;
  const parent = parentOf(marker);
  if (!input.relayToParent) input.log.info(`${name}: relaying is switched off`);
  else if (!parent) input.log.info(`${name}: the handoff names no parent thread; nothing to relay to`);
  else {
    const relayMarker: HandoffMarker = { v: 1, kind: "return", source, hash: prepared.hash, role: "relay", ...keyed };
    const link = returnComment?.html_url ?? input.returnUrl ?? issue.html_url;
    relay = await upsertComment(gh, parent, relayBody(input, prepared, relayMarker, link), input.isOurs, isRelayOf(source, returnKey));
    input.log.info(`relay ${relay.action} on ${parent.owner}/${parent.repo}#${parent.issue_number}`);
  }

  // 5. labels
  const labelsAdded = await addLabels(gh, address, issue.labels, [LABELS.returned]);
  const labelsRemoved = await removeLabels(gh, address, issue.labels, SUPERSEDED_BY_RETURN);

  // 6. close
  let closed = false;
  if (status === "done" && input.closeOnDone && issue.state === "open") {
    await gh.rest.issues.update({ ...address, state: "closed", state_reason: "completed" });
    input.log.info(`${name}: closed as completed (the return says done)`);
    closed = true;
  } else if (status !== "done") {
    input.log.info(`${name}: left open (the return's status is ${status ?? "not given"})`);
  }
  return { delivered: true, status, returnComment, relay, labelsAdded, labelsRemoved, closed };
}
