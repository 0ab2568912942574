// Over 250 lines: one idea, a return settled in steps (post, relay, settle) that share one input and one marker;
// the steps' order is what keeps a failure from losing the rest.
//
// A return handoff: the child session's report, carried back to where the work came from. It settles in steps,
// each with its own small input, so that one failing never loses another:
//
// 1. post    the Action only: the return, neutralised, as one comment on the handoff issue
// 2. relay   one comment on the parent thread, neutralised so it pings and closes nothing. Only within the issue's
//            repository; a parent that is gone, locked or refusing (404, 403, 410, 5xx after retries) is reported
//            in the result, never thrown: the return is still settled, and a re-run or redelivery relays again
// 3. settle  `handoff:returned` on; `handoff:claimed` and `handoff:ready` off; closed when the return says `done`
//
// Both comments are upserted per return (`key`), not per issue: a second pickup's return is a second comment and a
// second relay, and only a redelivery or re-run of the same return updates its own.
//
// Shared by a return comment (the App, and the Action's `mode: file`) and the Action's `mode: return`. Whether the
// issue is a handoff issue (`handoffMarkerOf`) and whether the author may return (policy.ts) are the callers' to
// decide first; both prepare the return (redact → parse) before calling this.
import { LABELS, SUPERSEDED_BY_RETURN } from "../core/labels.js";
import { findMarker, renderMarker } from "../core/marker.js";
import { MAX_BODY_CHARS } from "../core/limits.js";
import { AGENT_TRIGGER_PATTERN, neutralizeForRelay } from "../core/neutralize.js";
import { parseHandoff } from "../core/parse.js";
import type { PreparedReturn } from "../core/prepare.js";
import { documentParts, renderReturnComment } from "../core/render.js";
import { acceptanceNote, foldedReturn, handoffOfIssueBody, relayLead } from "../core/relay.js";
import type { HandoffDocument } from "../core/types.js";
import type { HandoffMarker } from "../core/marker.js";
import { statusOf as httpStatusOf, type GitHub, type IssueAddress, type Log } from "../github/client.js";
import { findOurComment, upsertComment, type IsOurs, type UpsertResult } from "../github/comments.js";
import { parentOf, type HandoffIssue } from "./handoff-issue.js";
import { addLabels, removeLabels } from "../github/labels.js";
import { withMarker } from "./messages.js";

export interface DeliverReturnInput {
  handoffIssue: HandoffIssue;
  /** The issue's own marker, from `handoffMarkerOf`: the parent and the source come from it. */
  marker: HandoffMarker;
  prepared: PreparedReturn;
  /** Which return this is: `run-<GITHUB_RUN_ID>` (a re-run keeps it) or `comment-<id>` (a return comment). */
  returnKey: string;
  /** Login of whoever returned it (the comment's author, or the agent's identity). */
  author: string;
  /** Which steps run: posting on the issue (not when the return already is a comment there), relaying, closing. */
  steps: { post: boolean; relay: boolean; closeOnDone: boolean };
  /** Link to the return itself when it is already a comment, for the relay's summary. */
  returnUrl?: string;
  /** The workflow run that produced the return, linked in the relay. */
  runUrl?: string;
  isOurs: IsOurs;
  log: Log;
}

/** What became of the relay: only `relayed` and `skipped` leave nothing to report. */
export type RelayOutcome =
  | { state: "relayed"; comment: UpsertResult }
  | { state: "skipped"; why: string }
  | { state: "refused"; why: string }
  | { state: "failed"; why: string; status: number };

export interface ReturnResult {
  status: string | null;
  returnComment: UpsertResult | null;
  relay: RelayOutcome;
  labelsAdded: string[];
  labelsRemoved: string[];
  closed: boolean;
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
  const rendered = renderReturnComment(
    { ...rest, kind: marker.kind, metadata },
    { source: marker.source, hash: marker.hash, role: marker.role, redactions: prepared.redactions },
  );
  // Every rendered body starts with its marker line (JSON has no line breaks); ours, with the return's key, replaces it.
  const afterMarker = (body: string): string => body.slice(body.indexOf("\n") + 1);
  const overflow = rendered.overflow.map(
    (part, index) =>
      `${renderMarker({ ...marker, role: "overflow", part: findMarker(part)?.part ?? index + 1 })}\n${afterMarker(part)}`,
  );
  return { regions: afterMarker(rendered.body), overflow };
}

/** The return as posted on the handoff issue: neutralised like the relay, since agents and closing keywords read it there too. */
function issueBody(
  input: DeliverReturnInput,
  prepared: PreparedReturn,
  marker: HandoffMarker,
): { body: string; overflow: string[] } {
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
  const head = neutralizeForRelay(
    `**Return** from ${issue.repo.owner}/${issue.repo.repo}#${issue.number} by \`${input.author}\`${status ? `, status \`${status}\`` : ""}${run}.`,
  );
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
export async function relayExists(
  gh: GitHub,
  issue: HandoffIssue,
  isOurs: IsOurs,
  returnKey?: string,
): Promise<boolean> {
  const marker = isOurs(issue.user) ? findMarker(issue.body) : null;
  const parent = marker ? parentOf(marker) : null;
  if (!parent) return false;
  const source = { repo: `${issue.repo.owner}/${issue.repo.repo}`, number: issue.number };
  return (await findOurComment(gh, parent, isOurs, isRelayOf(source, returnKey))) !== null;
}

/** `owner/repo#n` of the issue, and its marker's source for the comments we write about its return. */
function returnSource(issue: HandoffIssue) {
  return {
    type: "issue" as const,
    repo: `${issue.repo.owner}/${issue.repo.repo}`,
    number: issue.number,
    url: issue.html_url,
  };
}

/** 1. post: the return and its overflow parts on the handoff issue, upserted by the return's key. */
async function postReturn(gh: GitHub, input: DeliverReturnInput): Promise<UpsertResult> {
  const { handoffIssue: issue, prepared, returnKey } = input;
  const address: IssueAddress = { ...issue.repo, issue_number: issue.number };
  const sameReturn = (m: HandoffMarker): boolean => m.kind === "return" && m.returnKey === returnKey;
  const marker: HandoffMarker = {
    v: 1,
    kind: "return",
    source: returnSource(issue),
    hash: prepared.hash,
    role: "return",
    returnKey,
  };
  const { body, overflow } = issueBody(input, prepared, marker);
  const posted = await upsertComment(gh, address, body, input.isOurs, (m) => sameReturn(m) && m.role === "return");
  input.log.info(`return ${posted.action} on ${formatName(issue)}`);
  for (const part of overflow) {
    const number = findMarker(part)?.part;
    await upsertComment(
      gh,
      address,
      part,
      input.isOurs,
      (m) => sameReturn(m) && m.role === "overflow" && m.part === number,
    );
  }
  return posted;
}

/** 2. relay: one comment on the parent thread, or why not. GitHub's refusals come back as outcomes, not errors. */
async function relayStep(gh: GitHub, input: DeliverReturnInput, link: string): Promise<RelayOutcome> {
  const { handoffIssue: issue, prepared, returnKey } = input;
  const parent = parentOf(input.marker);
  if (!input.steps.relay) return { state: "skipped", why: "relaying is switched off" };
  if (!parent) return { state: "skipped", why: "the handoff names no parent thread" };
  const where = `${parent.owner}/${parent.repo}#${parent.issue_number}`;
  // The token was granted for this repository; a marker (or a hand-filed issue) must not make us write elsewhere.
  if (
    parent.owner.toLowerCase() !== issue.repo.owner.toLowerCase() ||
    parent.repo.toLowerCase() !== issue.repo.repo.toLowerCase()
  ) {
    return {
      state: "refused",
      why: `the parent thread ${where} is in another repository; handoff relays only within ${issue.repo.owner}/${issue.repo.repo}`,
    };
  }
  const source = returnSource(issue);
  const marker: HandoffMarker = { v: 1, kind: "return", source, hash: prepared.hash, role: "relay", returnKey };
  try {
    const comment = await upsertComment(
      gh,
      parent,
      relayBody(input, prepared, marker, link),
      input.isOurs,
      isRelayOf(source, returnKey),
    );
    input.log.info(`relay ${comment.action} on ${where}`);
    return { state: "relayed", comment };
  } catch (error) {
    const status = httpStatusOf(error);
    if (status === undefined) throw error;
    return {
      state: "failed",
      status,
      why: `GitHub answered ${status} when relaying to ${where} (${relayFailureReason(status)})`,
    };
  }
}

function relayFailureReason(status: number): string {
  if (status === 404) return "the parent thread was deleted or transferred, or is not visible to this token";
  if (status === 403) return "the parent thread is locked, or this token may not comment there";
  if (status === 410) return "the parent thread is gone, or issues are disabled on its repository";
  if (status >= 500) return "GitHub failed, also after retrying";
  return "GitHub refused the comment";
}

/** 3. settle: the lifecycle labels, and the close when the return says done. */
async function settleReturn(gh: GitHub, input: DeliverReturnInput, status: string | null) {
  const issue = input.handoffIssue;
  const address: IssueAddress = { ...issue.repo, issue_number: issue.number };
  const labelsAdded = await addLabels(gh, address, issue.labels, [LABELS.returned]);
  const labelsRemoved = await removeLabels(gh, address, issue.labels, SUPERSEDED_BY_RETURN);
  let closed = false;
  if (status === "done" && input.steps.closeOnDone && issue.state === "open") {
    await gh.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
      ...address,
      state: "closed",
      state_reason: "completed",
    });
    input.log.info(`${formatName(issue)}: closed as completed (the return says done)`);
    closed = true;
  } else if (status !== "done") {
    input.log.info(`${formatName(issue)}: left open (the return's status is ${status ?? "not given"})`);
  }
  return { labelsAdded, labelsRemoved, closed };
}

function formatName(issue: HandoffIssue): string {
  return `${issue.repo.owner}/${issue.repo.repo}#${issue.number}`;
}

/** Post, relay, settle. A failed relay is in the result for the caller to report; everything else still happens. */
export async function deliverReturn(gh: GitHub, input: DeliverReturnInput): Promise<ReturnResult> {
  const status = statusOf(input.prepared);
  const returnComment = input.steps.post ? await postReturn(gh, input) : null;
  const link = returnComment?.html_url ?? input.returnUrl ?? input.handoffIssue.html_url;
  const relay = await relayStep(gh, input, link);
  if (relay.state === "skipped") input.log.info(`${formatName(input.handoffIssue)}: not relayed: ${relay.why}`);
  else if (relay.state !== "relayed") input.log.warn(`${formatName(input.handoffIssue)}: not relayed: ${relay.why}`);
  const settled = await settleReturn(gh, input, status);
  return { status, returnComment, relay, ...settled };
}
