// `handoff publish FILE`: a local document → a handoff issue, idempotently, keyed by the document's `id`.
//
//   1. read and lint the file locally: errors stop here, with file:line:col, and nothing is sent
//   2. give it an `id` (written into its frontmatter) when it has none: the key that makes publishing idempotent
//   3. redact locally (prepareIssue, with the repository's own extra patterns) and say what was redacted
//   4. default: post it as a `/handoff` comment on the parent, so the App files it (publish-comment.ts);
//      --direct: create or update the issue with this token, in the same form (publish-direct.ts)
import { randomUUID } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { withFrontmatterField } from "../core/frontmatter.js";
import { parseHandoff } from "../core/parse.js";
import { prepareIssue, resolveIssueRef, type PreparedIssue } from "../core/prepare.js";
import type { RedactionReport } from "../core/types.js";
import type { GitHub, RepoRef } from "../github/client.js";
import { whoAmI } from "./connect.js";
import { formatDiagnostic } from "./lint.js";
import { formatReport } from "./preview.js";
import { publishByComment } from "./publish-comment.js";
import { publishDirect } from "./publish-direct.js";
import { PublishError } from "./publish-error.js";
import { fetchRepoConfig } from "./remote-config.js";

export interface PublishOptions {
  file: string;
  /** `--parent N`: an issue or pull request number in the repository. */
  parent?: number;
  direct: boolean;
  /** How long the default path waits for the App's reply. */
  timeoutMs: number;
  intervalMs: number;
  note: (line: string) => void;
}

export interface PublishResult {
  issue: number;
  url: string;
  created: boolean;
  redactions: RedactionReport;
}

/** 1–2. The document as it will be sent, with its id; writes the id into the file on the first publish. */
async function readWithId(file: string, note: (line: string) => void): Promise<{ text: string; id: string }> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new PublishError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const document = parseHandoff(text);
  const errors = document.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    const lines = errors.map((d) => formatDiagnostic(file, d)).join("\n");
    throw new PublishError(
      `${file} has ${errors.length} error(s); nothing was sent. Fix them (\`handoff lint ${file}\`):\n${lines}`,
    );
  }
  if (document.kind === "return") {
    throw new PublishError(
      `${file} is a return handoff (kind: return): returns are posted on the handoff issue (\`/handoff return\`), not published as a new one`,
    );
  }
  if (document.id) return { text, id: document.id };
  const id = randomUUID();
  const withId = withFrontmatterField(text, "id", id);
  if (withId === null)
    throw new PublishError(`${file}: its frontmatter cannot be edited to add an id; fix the frontmatter first`);
  await writeFile(file, withId, "utf8");
  note(`wrote id: ${id} into ${file}'s frontmatter: publishing it again updates the same issue`);
  return { text: withId, id };
}

/** The parent thread: --parent, else the document's own `parent` (only within this repository). */
function parentOf(text: string, repo: RepoRef, option: number | undefined): string | undefined {
  const name = `${repo.owner}/${repo.repo}`;
  if (option !== undefined) return `${name}#${option}`;
  const ref = parseHandoff(text).parent;
  return ref ? resolveIssueRef(ref, name) : undefined;
}

export async function publish(gh: GitHub, repo: RepoRef, options: PublishOptions): Promise<PublishResult> {
  const { text, id } = await readWithId(options.file, options.note);
  const config = await fetchRepoConfig(gh, repo, options.note);
  const me = await whoAmI(gh);
  const name = `${repo.owner}/${repo.repo}`;

  // 3. redact before anything leaves the machine
  const parent = parentOf(text, repo, options.parent);
  const source = { type: "file" as const, repo: name, path: path.basename(options.file), url: "" };
  const prepared: PreparedIssue = await prepareIssue(text, {
    source,
    ...(me ? { author: me } : {}),
    ...(parent ? { parent } : {}),
    labels: config.labels,
    extraPatterns: config.redact.extra_patterns,
  });
  options.note(formatReport(prepared.redactions));

  // 4. send
  if (options.direct) {
    const result = await publishDirect(gh, repo, { prepared, id, me, config, note: options.note });
    return { ...result, redactions: prepared.redactions };
  }
  const thread = prepared.parent;
  if (!thread) {
    throw new PublishError(
      `${options.file} names no parent, and the App files a handoff from a \`/handoff\` comment on its parent: pass --parent N (or \`parent:\` in the frontmatter), or --direct to create the issue with your own token`,
    );
  }
  if (prepared.foreignParent)
    options.note(`parent ${prepared.foreignParent} is in another repository; the comment goes on ${thread}`);
  const number = Number(thread.slice(thread.lastIndexOf("#") + 1));
  const result = await publishByComment(gh, repo, {
    prepared,
    id,
    me,
    parent: number,
    timeoutMs: options.timeoutMs,
    intervalMs: options.intervalMs,
    note: options.note,
  });
  return { ...result, redactions: prepared.redactions };
}
