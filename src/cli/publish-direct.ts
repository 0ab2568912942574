// `handoff publish --direct`: no App installed, so the token's own identity creates the issue, exactly as the App
// would (the shared createHandoffIssue: rendering, marker, labels, assignees, overflow parts, sub-issue link). The
// document's `id`, read back from the rendered frontmatter of issues already filed, finds the issue to update.
import { LABELS } from "../core/labels.js";
import { findMarker } from "../core/marker.js";
import { parseHandoff } from "../core/parse.js";
import type { PreparedIssue } from "../core/prepare.js";
import { joinRenderedBodies } from "../core/render.js";
import type { HandoffConfig } from "../config/schema.js";
import { createHandoffIssue } from "../flows/create-issue.js";
import type { FlowContext } from "../flows/context.js";
import { syncOverflowParts } from "../flows/overflow.js";
import { sameLogin } from "../github/app-identity.js";
import type { GitHub, Log, RepoRef } from "../github/client.js";

export interface DirectInput {
  prepared: PreparedIssue;
  id: string;
  /** The token's login; null for a token that is not a user's. */
  me: string | null;
  config: HandoffConfig;
  note: (line: string) => void;
}

interface FoundIssue {
  number: number;
  html_url: string;
  hash: string;
}

/** The handoff issue (open or closed) whose rendered document carries this `id`, newest first. */
export async function findIssueById(
  gh: GitHub,
  repo: RepoRef,
  id: string,
  creator: string | null,
): Promise<FoundIssue | null> {
  const iterator = gh.paginate.iterator("GET /repos/{owner}/{repo}/issues", {
    ...repo,
    labels: LABELS.handoff,
    state: "all",
    sort: "created",
    direction: "desc",
    per_page: 100,
    ...(creator ? { creator } : {}),
  });
  for await (const page of iterator) {
    for (const issue of page.data) {
      if (issue.pull_request || !issue.body || (creator && !sameLogin(issue.user?.login, creator))) continue;
      const marker = findMarker(issue.body);
      if (!marker || marker.kind !== "handoff" || marker.role !== undefined) continue;
      const document = joinRenderedBodies([issue.body]);
      if (document !== null && parseHandoff(document).id === id)
        return { number: issue.number, html_url: issue.html_url, hash: marker.hash };
    }
  }
  return null;
}

export async function publishDirect(
  gh: GitHub,
  repo: RepoRef,
  input: DirectInput,
): Promise<{ issue: number; url: string; created: boolean }> {
  const { prepared } = input;
  const log: Log = { info: () => undefined, debug: () => undefined, warn: input.note, error: input.note };
  const isOurs: FlowContext["isOurs"] = (author) => (input.me ? sameLogin(author?.login, input.me) : false);
  const ctx: FlowContext = { gh, config: input.config, log, botLogin: input.me ?? "", isOurs };

  const existing = await findIssueById(gh, repo, input.id, input.me);
  if (existing) {
    if (existing.hash === prepared.hash) {
      input.note(`#${existing.number} already has this content; nothing changed`);
    } else {
      await gh.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
        ...repo,
        issue_number: existing.number,
        title: prepared.issue.title,
        body: prepared.issue.body,
      });
      await syncOverflowParts(ctx, { ...repo, issue_number: existing.number }, prepared, false);
      input.note(`updated #${existing.number}`);
    }
    return { issue: existing.number, url: existing.html_url, created: false };
  }
  const created = await createHandoffIssue(ctx, repo, prepared);
  for (const line of created.notes) input.note(line);
  return { issue: created.number, url: created.html_url, created: true };
}
