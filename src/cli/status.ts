// `handoff status [ISSUE]`: where each open handoff is in its life, read from the labels the Action moves along
// and, for a claimed one, the lease in the claim's tracking comment (which run holds it, until when).
import { parseLease } from "../action/claim.js";
import { LABELS, labelNames } from "../core/labels.js";
import { findMarker } from "../core/marker.js";
import type { GitHub, IssueAddress, RepoRef } from "../github/client.js";
import { findOurComment } from "../github/comments.js";

export type HandoffState = "claimed" | "returned" | "failed" | "refused" | "ready" | "filed";

export interface StatusRow {
  issue: number;
  url: string;
  title: string;
  state: HandoffState;
  open: boolean;
  labels: string[];
  /** For a claimed handoff: the run holding it and the lease's end. */
  claim?: { runId: string; runUrl: string; until: string; expired: boolean };
}

interface IssueData {
  number: number;
  html_url: string;
  title: string;
  state: string;
  body?: string | null;
  pull_request?: unknown;
  labels: ReadonlyArray<string | { name?: string }>;
}

/** The most advanced label wins: a claim in progress, then how the last attempt ended, then waiting. */
const STATE_BY_LABEL: ReadonlyArray<[string, HandoffState]> = [
  [LABELS.claimed, "claimed"],
  [LABELS.returned, "returned"],
  [LABELS.failed, "failed"],
  [LABELS.refused, "refused"],
  [LABELS.ready, "ready"],
];

export function stateOf(labels: readonly string[]): HandoffState {
  const have = new Set(labels.map((l) => l.toLowerCase()));
  return STATE_BY_LABEL.find(([label]) => have.has(label))?.[1] ?? "filed";
}

/** Only bots' comments can carry a lease: anyone can paste a copy of one into their own. */
const byBot = (author: { login: string; type?: string } | null | undefined): boolean =>
  !!author && (author.type === "Bot" || author.login.endsWith("[bot]"));

async function rowOf(gh: GitHub, repo: RepoRef, issue: IssueData, now: number): Promise<StatusRow | null> {
  const marker = findMarker(issue.body ?? "");
  if (issue.pull_request || !marker || marker.kind !== "handoff" || marker.role !== undefined) return null;
  const labels = labelNames(issue.labels);
  const row: StatusRow = {
    issue: issue.number,
    url: issue.html_url,
    title: issue.title,
    state: stateOf(labels),
    open: issue.state === "open",
    labels,
  };
  if (row.state === "claimed") {
    const address: IssueAddress = { ...repo, issue_number: issue.number };
    const comment = await findOurComment(gh, address, byBot, (m) => m.role === "claim");
    const lease = comment ? parseLease(comment.body) : null;
    if (lease && !lease.releasedAt)
      row.claim = {
        runId: lease.runId,
        runUrl: lease.runUrl,
        until: lease.expiresAt,
        expired: Date.parse(lease.expiresAt) <= now,
      };
  }
  return row;
}

/** One handoff, or every open handoff of the repository (one request per 100, plus one per claimed handoff). */
export async function handoffStatus(gh: GitHub, repo: RepoRef, issue?: number, now = Date.now()): Promise<StatusRow[]> {
  if (issue !== undefined) {
    const { data } = await gh.request("GET /repos/{owner}/{repo}/issues/{issue_number}", {
      ...repo,
      issue_number: issue,
    });
    const row = await rowOf(gh, repo, data, now);
    if (!row)
      throw new Error(`${repo.owner}/${repo.repo}#${issue} is not a handoff issue (it carries no handoff marker)`);
    return [row];
  }
  const rows: StatusRow[] = [];
  const iterator = gh.paginate.iterator("GET /repos/{owner}/{repo}/issues", {
    ...repo,
    labels: LABELS.handoff,
    state: "open",
    per_page: 100,
  });
  for await (const page of iterator) {
    for (const data of page.data) {
      const row = await rowOf(gh, repo, data, now);
      if (row) rows.push(row);
    }
  }
  return rows;
}

function detail(row: StatusRow): string {
  if (row.claim) return `by run ${row.claim.runId} until ${row.claim.until}${row.claim.expired ? " (expired)" : ""}`;
  if (row.state === "claimed") return "no lease recorded";
  return row.open ? "" : "closed";
}

/** A table for people: one line per handoff, columns padded. */
export function formatStatus(rows: readonly StatusRow[], repo: RepoRef): string {
  if (rows.length === 0) return `No open handoffs in ${repo.owner}/${repo.repo}.`;
  // A title is anyone's text: control characters (ANSI escapes) would drive the terminal.
  const title = (text: string): string => text.replace(/[\x00-\x1F\x7F-\x9F]/g, " ");
  const table = [
    ["ISSUE", "STATE", "DETAIL", "TITLE"],
    ...rows.map((r) => [`#${r.issue}`, r.state, detail(r), title(r.title)]),
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...table.map((line) => line[i]!.length)));
  return table
    .map((line) =>
      line
        .map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
