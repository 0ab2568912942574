// The one pipeline every shell uses, so the App, the Action and the CLI can never disagree:
// redact first (nothing unredacted travels further), then parse, then render.
import { contentHash } from "./marker.js";
import { parseHandoff } from "./parse.js";
import { redact, type RedactOptions } from "./redact/index.js";
import { renderIssue, type RenderContext, type RenderedIssue } from "./render.js";
import type { Diagnostic, HandoffDocument, IssueRef, RedactionReport } from "./types.js";
import type { HandoffSource } from "./marker.js";

export interface PrepareOptions {
  source: HandoffSource;
  /** Login of the person (or bot) the handoff came from, for the header line. */
  author?: string;
  /** `owner/repo#n` of the thread it came from; the document's own `parent` wins when it has one. */
  parent?: string;
  /** Labels from the configuration, added to `handoff` and the document's own. */
  labels?: string[];
  extraPatterns?: RedactOptions["extraPatterns"];
  permalinks?: RenderContext["permalinks"];
}

export interface PreparedHandoff {
  /** Parsed from the redacted text: nothing downstream ever sees an unredacted value. */
  document: HandoffDocument;
  redactedText: string;
  redactions: RedactionReport;
  /** sha256 of the redacted text: an issue needs an update only when this changes. */
  hash: string;
  /** `owner/repo#n`, from the document's `parent` or else the options'. */
  parent?: string;
  /**
   * A `parent` the document named in another repository, and so did not become `parent`: the App acts with
   * its own installation token, and a writer here may have no rights there, so a document must not make it
   * link or comment in another repository. The shells mention it in text instead.
   */
  foreignParent?: string;
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

export interface PreparedIssue extends PreparedHandoff {
  issue: RenderedIssue;
}

/** A return is only redacted and parsed here: flows/return.ts renders it neutralised, under its own marker. */
export type PreparedReturn = PreparedHandoff;

/** Resolves `#12` against the repository it was written in; `owner/repo#12` stays as it is. */
export function resolveIssueRef(ref: IssueRef, defaultRepo: string): string {
  const repo = ref.owner && ref.repo ? `${ref.owner}/${ref.repo}` : defaultRepo;
  return `${repo}#${ref.number}`;
}

function sameRepository(issue: string, repo: string): boolean {
  return issue.slice(0, issue.lastIndexOf("#")).toLowerCase() === repo.toLowerCase();
}

/** Redacts and parses. Rejects with RedactionError (fail closed) when redaction cannot be done. */
export async function prepareDocument(text: string, options: PrepareOptions): Promise<PreparedHandoff> {
  const { text: redactedText, report } = await redact(text, { extraPatterns: options.extraPatterns });
  const document = parseHandoff(redactedText);
  const named = document.parent ? resolveIssueRef(document.parent, options.source.repo) : undefined;
  const foreign = named !== undefined && !sameRepository(named, options.source.repo);
  const parent = named !== undefined && !foreign ? named : options.parent;
  return {
    ...(foreign ? { foreignParent: named } : {}),
    document,
    redactedText,
    redactions: report,
    hash: contentHash(redactedText),
    parent,
    errors: document.diagnostics.filter((d) => d.severity === "error"),
    warnings: document.diagnostics.filter((d) => d.severity === "warning"),
  };
}

function renderContext(prepared: PreparedHandoff, options: PrepareOptions): RenderContext {
  return {
    source: options.source,
    parent: prepared.parent,
    labels: options.labels,
    redactions: prepared.redactions,
    permalinks: options.permalinks,
    hash: prepared.hash,
    author: options.author,
  };
}

/** A handoff document → the issue to file (title, labels, body, overflow comments). */
export async function prepareIssue(text: string, options: PrepareOptions): Promise<PreparedIssue> {
  const prepared = await prepareDocument(text, options);
  return { ...prepared, issue: renderIssue(prepared.document, renderContext(prepared, options)) };
}

/** A return handoff → redacted and parsed, for the return flow to render. */
export async function prepareReturn(text: string, options: PrepareOptions): Promise<PreparedReturn> {
  return prepareDocument(text, options);
}
