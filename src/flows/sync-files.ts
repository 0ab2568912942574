// Over 250 lines: one idea, the reconcile; its steps below share one push and one context; split, they would pass
// half a dozen values between files.
//
// `.handoffs/**/*.md` on the default branch → issues, reconciled (see plan-sync.ts).
//
// 1. collect   the changed handoff files (payload, else compare, else the whole tree at `after`)
// 2. existing  our issues with file sources (one list, by label and creator)
// 3. prepare   each wanted file at `after`: read, redact, parse, render
// 4. plan      planSync(existing, wanted, removed) — pure
// 5. execute   one write at a time, never a burst, with progress in the log
//
// Shell-agnostic: the Action's `mode: file` runs exactly this with its own client and log.
import { isHandoffPath } from "../config/schema.js";
import { frontmatterFields } from "../core/frontmatter.js";
import { MAX_BODY_CHARS, MAX_DOCUMENT_BYTES, MAX_TITLE_CHARS } from "../core/limits.js";
import { prepareIssue, type PreparedIssue } from "../core/prepare.js";
import { RedactionError } from "../core/redact/error.js";
import { renderLabels } from "../core/render.js";
import type { Diagnostic } from "../core/types.js";
import type { HandoffSource } from "../core/marker.js";
import type { RepoRef } from "../github/client.js";
import { upsertComment } from "../github/comments.js";
import { readFileAt, type FileChange } from "../github/contents.js";
import { listOurIssues, type OurIssue } from "../github/issues.js";
import type { FlowContext } from "./context.js";
import { createHandoffIssue } from "./create-issue.js";
import { diagnosticLine, fileErrorNotice, shortFileErrorNotice, unfiledNotice, withMarker } from "./messages.js";
import { syncOverflowParts } from "./overflow.js";
import { planSync, type ExistingFileIssue, type RemovedFile, type SyncAction, type WantedFile } from "./plan-sync.js";
import { collectChanges, pushRelevance, ZERO_SHA, type PushData } from "./push-changes.js";

export interface SyncSummary {
  created: number;
  updated: number;
  closed: number;
  errors: number;
  skipped: number;
}

/** Log progress every this many files, so a push of hundreds shows it is alive. */
const PROGRESS_EVERY = 50;

function fileSource(push: PushData, path: string): Extract<HandoffSource, { type: "file" }> {
  return {
    type: "file",
    repo: `${push.repo.owner}/${push.repo.repo}`,
    path,
    url: `${push.htmlUrl}/blob/${push.after}/${path}`,
    commit: push.after,
  };
}

interface Prepared {
  wanted: WantedFile;
  prepared?: PreparedIssue;
  /** Why nothing of the file may be posted (unreadable, or not safely redacted); its issue holds only a notice. */
  unfiled?: string;
}

/**
 * The hash in the marker of an issue that holds only a notice: never a real content hash (so the fixed file updates
 * it) and never the same for two paths (so a rename is never paired by it).
 */
function unfiledHash(path: string): string {
  return `unfiled:${path}`;
}

function failure(path: string, change: WantedFile["change"], why: string): Prepared {
  const diagnostic: Diagnostic = {
    severity: "error",
    code: "unreadable",
    message: `The file was not filed: ${why}.`,
    line: 1,
    column: 1,
  };
  return { wanted: { path, change, hash: unfiledHash(path), done: false, errors: [diagnostic] }, unfiled: why };
}

/** Why a RedactionError stopped the file, for the notice: the size when that was it, never the content. */
function redactionFailure(text: string): string {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_DOCUMENT_BYTES)
    return `it is too large to file safely: ${bytes - MAX_DOCUMENT_BYTES} bytes over the ${MAX_DOCUMENT_BYTES}-byte cap; split it into smaller handoffs`;
  return "it could not be checked for secrets safely, so it was not posted; shorten or split it";
}

async function prepareFile(
  ctx: FlowContext,
  push: PushData,
  change: FileChange | { path: string; status: "present" },
): Promise<Prepared> {
  const kind: WantedFile["change"] =
    change.status === "removed" ? "modified" : change.status === "present" ? "present" : change.status;
  const read = await readFileAt(ctx.gh, push.repo, change.path, push.after);
  if (!read.ok)
    return failure(
      change.path,
      kind,
      `it could not be read (${read.reason}); check that it is committed, and split a large one into smaller handoffs`,
    );
  try {
    const prepared = await prepareIssue(read.text, {
      source: fileSource(push, change.path),
      labels: ctx.config.labels,
      extraPatterns: ctx.config.redact.extra_patterns,
    });
    const status = (prepared.document.status ?? "").toLowerCase();
    return {
      prepared,
      wanted: {
        path: change.path,
        change: kind,
        ...("previousPath" in change && change.previousPath ? { previousPath: change.previousPath } : {}),
        ...(prepared.document.id ? { id: prepared.document.id } : {}),
        hash: prepared.hash,
        done: status === "done",
        errors: prepared.errors,
      },
    };
  } catch (error) {
    if (!(error instanceof RedactionError)) throw error;
    ctx.log.warn(`${change.path}: redaction could not be completed (${error.message})`);
    return failure(change.path, kind, redactionFailure(read.text));
  }
}

function fileIssues(issues: readonly OurIssue[], push: PushData): Map<number, OurIssue> {
  const repo = `${push.repo.owner}/${push.repo.repo}`.toLowerCase();
  return new Map(
    issues
      .filter((i) => i.marker.source.type === "file" && i.marker.source.repo.toLowerCase() === repo)
      .map((i) => [i.number, i]),
  );
}

function toExisting(issue: OurIssue): ExistingFileIssue {
  const path = issue.marker.source.type === "file" ? issue.marker.source.path : "";
  return { number: issue.number, state: issue.state, path, hash: issue.marker.hash };
}

/** Reads the `id` a removed file had at `before`, only for removals that might pair with an added file by id. */
async function removedWithIds(
  ctx: FlowContext,
  push: PushData,
  removed: string[],
  wanted: WantedFile[],
  existing: ExistingFileIssue[],
): Promise<RemovedFile[]> {
  const haveIssue = new Set(existing.map((e) => e.path));
  const idsWanted = wanted.some((w) => w.id !== undefined && !haveIssue.has(w.path));
  const result: RemovedFile[] = [];
  for (const path of removed) {
    if (!idsWanted || push.before === ZERO_SHA || !haveIssue.has(path)) {
      result.push({ path });
      continue;
    }
    const read = await readFileAt(ctx.gh, push.repo, path, push.before);
    // Only a frontmatter's `id` counts: a body line `id: 7` in a document without one is prose.
    const id = read.ok ? frontmatterFields(read.text).id : undefined;
    result.push(id ? { path, id } : { path });
  }
  return result;
}

export async function syncHandoffFiles(ctx: FlowContext, push: PushData): Promise<SyncSummary | null> {
  const summary: SyncSummary = { created: 0, updated: 0, closed: 0, errors: 0, skipped: 0 };
  const relevance = pushRelevance(push);
  if (!relevance.relevant) {
    ctx.log.info(`push ${push.after.slice(0, 7)}: ${relevance.reason}; nothing to sync`);
    return null;
  }
  // 1. collect
  const collected = await collectChanges(ctx.gh, push, ctx.config.directory, ctx.log);
  if (!collected) return null;
  if (collected.mode === "changes" && collected.changes.length === 0) {
    ctx.log.info(`push ${push.after.slice(0, 7)}: no file under ${ctx.config.directory} changed; nothing to sync`);
    return null;
  }
  // 2. existing
  const ours = fileIssues(await listOurIssues(ctx.gh, push.repo, ctx.botLogin), push);
  const existing = [...ours.values()].map(toExisting);

  // 3. prepare
  const dir = ctx.config.directory;
  const toRead: Array<FileChange | { path: string; status: "present" }> = [];
  const removedPaths: string[] = [];
  if (collected.mode === "changes") {
    for (const change of collected.changes) {
      if (change.status === "removed") removedPaths.push(change.path);
      else if (isHandoffPath(change.path, dir)) toRead.push(change);
      if (change.status === "renamed" && change.previousPath && isHandoffPath(change.previousPath, dir))
        removedPaths.push(change.previousPath);
    }
  } else {
    toRead.push(...collected.paths.map((path) => ({ path, status: "present" as const })));
    const present = new Set(collected.paths);
    // A truncated tree cannot prove a file is gone: closing on that evidence could close live handoffs.
    if (collected.truncated) ctx.log.warn("the tree listing was truncated; no issue is closed for a missing file");
    else
      removedPaths.push(
        ...existing
          .filter((e) => e.state === "open" && !present.has(e.path) && isHandoffPath(e.path, dir))
          .map((e) => e.path),
      );
  }
  const prepared = new Map<string, Prepared>();
  for (const [index, change] of toRead.entries()) {
    prepared.set(change.path, await prepareFile(ctx, push, change));
    if ((index + 1) % PROGRESS_EVERY === 0) ctx.log.info(`read ${index + 1}/${toRead.length} handoff files`);
  }
  const wanted = [...prepared.values()].map((p) => p.wanted);
  const removed = await removedWithIds(ctx, push, [...new Set(removedPaths)], wanted, existing);

  // 4. plan
  const actions = planSync({ existing, wanted, removed, onRemove: ctx.config.on_remove });

  if (ctx.config.dry_run) {
    for (const action of actions)
      ctx.log.info(`dry run: would ${action.type} ${"file" in action ? action.file.path : action.path}`);
    ctx.log.info(`dry run: ${actions.length} planned action(s), none executed`);
    return summary;
  }

  // 5. execute
  for (const [index, action] of actions.entries()) {
    await execute(ctx, push, action, prepared, ours, summary);
    if ((index + 1) % PROGRESS_EVERY === 0) ctx.log.info(`synced ${index + 1}/${actions.length} handoff files`);
  }
  ctx.log.info(
    `synced ${actions.length}/${actions.length} handoff files: ${summary.created} created, ${summary.updated} updated, ${summary.closed} closed, ${summary.errors} with errors, ${summary.skipped} unchanged or skipped`,
  );
  return summary;
}

async function execute(
  ctx: FlowContext,
  push: PushData,
  action: SyncAction,
  prepared: ReadonlyMap<string, Prepared>,
  ours: ReadonlyMap<number, OurIssue>,
  summary: SyncSummary,
): Promise<void> {
  const repo: RepoRef = push.repo;
  const short = push.after.slice(0, 7);
  switch (action.type) {
    case "create": {
      const p = prepared.get(action.file.path)?.prepared;
      if (!p) return;
      await createHandoffIssue(ctx, repo, p);
      summary.created++;
      return;
    }
    case "update": {
      const p = prepared.get(action.file.path)?.prepared;
      if (!p) return;
      const state = action.reopen
        ? { state: "open" as const }
        : action.close
          ? { state: "closed" as const, state_reason: "completed" as const }
          : {};
      await ctx.gh.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
        ...repo,
        issue_number: action.issue.number,
        title: p.issue.title,
        body: p.issue.body,
        ...state,
      });
      await syncOverflowParts(ctx, { ...repo, issue_number: action.issue.number }, p, false);
      const how = action.renamedFrom ? ` (renamed from ${action.renamedFrom})` : "";
      ctx.log.info(
        `${action.file.path}: updated #${action.issue.number}${how}${action.close ? ", closed: status done" : ""}${action.reopen ? ", reopened" : ""}`,
      );
      summary.updated++;
      if (action.close) summary.closed++;
      return;
    }
    case "close-done":
      await ctx.gh.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
        ...repo,
        issue_number: action.issue.number,
        state: "closed",
        state_reason: "completed",
      });
      ctx.log.info(`${action.file.path}: closed #${action.issue.number}: status done`);
      summary.closed++;
      return;
    case "remove": {
      const source = fileSource(push, action.path);
      const text = `\`${action.path}\` was removed in ${push.after}${action.mode === "close" ? ", so this handoff is closed." : "."}`;
      const body = withMarker({ v: 1, kind: "handoff", source, hash: "", role: "removed" }, text);
      await upsertComment(
        ctx.gh,
        { ...repo, issue_number: action.issue.number },
        body,
        ctx.isOurs,
        (m) => m.role === "removed" && m.source.type === "file" && m.source.path === action.path,
      );
      if (action.mode === "close" && action.issue.state === "open") {
        await ctx.gh.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
          ...repo,
          issue_number: action.issue.number,
          state: "closed",
          state_reason: "completed",
        });
        summary.closed++;
      }
      ctx.log.info(
        `${action.path}: removed in ${short}; #${action.issue.number} ${action.mode === "close" ? "closed" : "commented"}`,
      );
      return;
    }
    case "report-error": {
      const entry = prepared.get(action.file.path) ?? { wanted: action.file };
      await fileWithNotice(ctx, push, entry, action.issue ? (ours.get(action.issue.number) ?? null) : null);
      summary.errors++;
      return;
    }
    case "skip":
      ctx.log.debug(`${action.path}: ${action.reason}`);
      summary.skipped++;
      return;
  }
}

/** Our marker line first (as rendered), then the notice, then the rest; a shorter notice when the body is full. */
function withNotice(body: string, notice: string, short: string): string {
  const markerEnd = body.indexOf("\n") + 1;
  const joined = (text: string): string => `${body.slice(0, markerEnd)}${text}\n\n${body.slice(markerEnd)}`;
  const full = joined(notice);
  return full.length <= MAX_BODY_CHARS ? full : joined(short);
}

/**
 * A file with errors is filed anyway, so nothing is lost and the person who pushed it learns why: the issue shows
 * the document as it is (redacted), with a notice at the top naming `path:line:col`. A commit comment would be the
 * natural place, but it needs `contents: write`, which would also let the App push code. The notice lives in the
 * body, never in a separate comment, so there is nothing else to keep in sync: the next push of the fixed file
 * changes the hash and the update renders the body without it. A file none of which may be posted (unreadable,
 * or redaction failed) gets an issue holding only the notice.
 */
async function fileWithNotice(
  ctx: FlowContext,
  push: PushData,
  entry: Prepared,
  issue: OurIssue | null,
): Promise<void> {
  const { wanted } = entry;
  const repo = push.repo;
  ctx.log.warn(
    `${wanted.path} at ${push.after.slice(0, 7)} has errors; its issue carries a notice:\n${wanted.errors.map((d) => `- ${diagnosticLine(d, wanted.path)}`).join("\n")}`,
  );
  const p = entry.prepared;
  const body = p
    ? withNotice(p.issue.body, fileErrorNotice(wanted.path, wanted.errors), shortFileErrorNotice(wanted.path))
    : withMarker(
        { v: 1, kind: "handoff", source: fileSource(push, wanted.path), hash: unfiledHash(wanted.path) },
        unfiledNotice(wanted.path, entry.unfiled ?? "it could not be read"),
      );

  if (issue) {
    if (issue.body === body) {
      ctx.log.info(`${wanted.path}: #${issue.number} already shows this notice`);
      return;
    }
    // Only the body: the title and labels stay as the last good version set them.
    await ctx.gh.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
      ...repo,
      issue_number: issue.number,
      body,
    });
    if (p) await syncOverflowParts(ctx, { ...repo, issue_number: issue.number }, p, false);
    ctx.log.info(`${wanted.path}: updated #${issue.number} with a notice of its errors`);
    return;
  }
  if (p) {
    // Fields of a frontmatter with errors are not used: no assignees, labels or parent from it.
    const filed = await createHandoffIssue(ctx, repo, {
      ...p,
      parent: undefined,
      document: { ...p.document, assignees: [] },
      issue: { ...p.issue, labels: renderLabels(ctx.config.labels), body },
    });
    ctx.log.info(`${wanted.path}: filed #${filed.number} with a notice of its errors`);
    return;
  }
  const title = `Handoff file ${wanted.path} was not filed`;
  const { data } = await ctx.gh.request("POST /repos/{owner}/{repo}/issues", {
    ...repo,
    title: title.slice(0, MAX_TITLE_CHARS),
    body,
    labels: renderLabels(ctx.config.labels),
  });
  ctx.log.info(`${wanted.path}: filed #${data.number} with only a notice; nothing of the file was posted`);
}
