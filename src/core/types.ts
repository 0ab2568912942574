// The shapes the pure core passes around. Nothing here imports Probot, Octokit or @actions/*.

/** Canonical section names; every alias people use in the wild maps to one of these. */
export const SECTION_NAMES = [
  "reason",
  "context",
  "scope",
  "out-of-scope",
  "pointers",
  "decisions",
  "open-questions",
  "next-steps",
  "done",
  "acceptance",
  "skills",
] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

export type HandoffKind = "handoff" | "return";

/** A problem found in a document, positioned in the document's own lines (1-based). */
export interface Diagnostic {
  severity: "error" | "warning";
  /** Stable machine-readable code, e.g. `yaml-syntax`, `unknown-key`, `invalid-field`. */
  code: string;
  message: string;
  line: number;
  column: number;
  /** How to fix it, in one sentence a person can act on. */
  hint?: string;
}

/** One section of the body, in document order. Unrecognised sections keep `canonical: null`. */
export interface Section {
  canonical: SectionName | null;
  /** The heading as written, stripped of markdown, numbering and emoji. Empty for the preamble. */
  heading: string;
  /** The section's markdown, without its heading line. */
  text: string;
  /** 1-based line of the heading (or of the first line, for the preamble). */
  line: number;
  /**
   * Which rule placed the section, for a person checking it (`alias "next steps"`, `keywords: "prochain* etape*"`,
   * `bullet label, …`). Absent for the preamble.
   */
  rule?: string;
}

/** `#12`, `owner/repo#12` or an issue/PR URL, resolved as far as the text allows. */
export interface IssueRef {
  owner?: string;
  repo?: string;
  number: number;
}

/** A reference to a file in the repository, e.g. `src/foo.ts:10-20` or `src/foo.ts#L10-L20`. */
export interface FilePointer {
  raw: string;
  path: string;
  startLine?: number;
  endLine?: number;
  /** 1-based line of the document where it was found. */
  line: number;
}

/** A parsed handoff document. Produced by `parseHandoff`, which never throws. */
export interface HandoffDocument {
  /** The exact input text. */
  source: string;
  /** The raw frontmatter YAML text (without the `---` fences), or null when there is none. */
  frontmatterText: string | null;
  /** Known frontmatter fields that validated. */
  title: string;
  kind: HandoffKind;
  /** Why `kind` is what it is: the evidence that made it a return, or why it stayed a handoff. */
  kindReason?: string;
  status?: string;
  reason?: string;
  parent?: IssueRef;
  labels: string[];
  assignees: string[];
  skills: string[];
  agent?: string;
  id?: string;
  /** Frontmatter keys we do not know, kept verbatim (and reported as warnings). */
  extra: Record<string, unknown>;
  /** `Key: value` metadata lines near the top (`**Status:** READY`), keys lower-cased. */
  metadata: Record<string, string>;
  /** The markdown after the frontmatter. */
  body: string;
  /** 1-based line in `source` where `body` starts. */
  bodyLine: number;
  sections: Section[];
  pointers: FilePointer[];
  diagnostics: Diagnostic[];
}

/** Which kinds of secret or personal data were found, and how many; never the values. */
export interface RedactionReport {
  total: number;
  /** kind → count, e.g. `{ "github-token": 2, "email": 1 }`. */
  kinds: Record<string, number>;
}

export interface RedactionResult {
  text: string;
  report: RedactionReport;
}
