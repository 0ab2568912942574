// `handoff lint <file>...`: the editor-friendly `file:line:col` format, so terminals and CI make it clickable.
//
// Lint is the gate before a secret reaches git history: a `.handoffs/` file is committed unredacted (only the
// issue the App files is redacted), so anything redaction would remove is an error here, reported by position and
// kind, never by value. Each check is a rule: a function from the file to diagnostics; add one to LINT_RULES.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { structureWarnings } from "../core/lint/structure.js";
import { parseHandoff } from "../core/parse.js";
import { redact, type RedactOptions } from "../core/redact/index.js";
import type { Diagnostic, HandoffDocument } from "../core/types.js";
import { locateRedactions } from "./redaction-positions.js";

export function formatDiagnostic(file: string, d: Diagnostic): string {
  const hint = d.hint ? ` (${d.hint})` : "";
  return `${file}:${d.line}:${d.column} ${d.severity} ${d.message}${hint} [${d.code}]`;
}

/** What a rule sees: the text and its parse, and the repository's settings. */
export interface LintInput {
  text: string;
  document: HandoffDocument;
  extraPatterns: NonNullable<RedactOptions["extraPatterns"]>;
}

export type LintRule = (input: LintInput) => Diagnostic[] | Promise<Diagnostic[]>;

/** The statuses the tools act on: `done` closes the handoff issue; the others keep it open. */
export const KNOWN_STATUSES = ["done", "partial", "blocked"] as const;

/** The parser's own diagnostics: frontmatter syntax, field types, unknown keys. */
const parserDiagnostics: LintRule = ({ document }) => document.diagnostics;

/** A document with nothing in it files an empty issue. */
const emptyDocument: LintRule = ({ text }) =>
  text.trim() === ""
    ? [
        {
          severity: "warning",
          code: "empty",
          message: "The file is empty.",
          line: 1,
          column: 1,
          hint: "Write the handoff, or delete the file",
        },
      ]
    : [];

/** `status: finished` means nothing to the tools: a return is closed only on `done`. */
const unknownStatus: LintRule = ({ text, document }) => {
  const status = document.status;
  if (status === undefined || (KNOWN_STATUSES as readonly string[]).includes(status)) return [];
  const { line, column } = frontmatterKeyPosition(text, "status") ?? { line: 1, column: 1 };
  return [
    {
      severity: "warning",
      code: "unknown-status",
      message: `Unknown status "${status}".`,
      line,
      column,
      hint: `Use ${KNOWN_STATUSES.map((s) => `\`${s}\``).join(", ")}; only \`done\` closes the handoff issue`,
    },
  ];
};

/** Secrets and personal data, by position and kind: what the App would replace with placeholders. */
const redactable: LintRule = async ({ text, extraPatterns }) => {
  const { text: redacted } = await redact(text, { extraPatterns });
  return locateRedactions(text, redacted).map(({ line, column, endLine, kinds }) => ({
    severity: "error",
    code: "redaction",
    message: `Would be redacted: ${kinds.join(", ")}${endLine > line ? ` (lines ${line}-${endLine})` : ""}.`,
    line,
    column,
    hint: "This file is committed to git as it is: remove the value, rotate it if it is a secret, and describe it instead",
  }));
};

/** No stated reason, no next step, a generic title (src/core/lint/structure.ts); an empty file has its own warning. */
const structure: LintRule = ({ text, document }) => (text.trim() === "" ? [] : structureWarnings(document));

export const LINT_RULES: readonly LintRule[] = [emptyDocument, parserDiagnostics, unknownStatus, structure, redactable];

/** 1-based position of `key:` inside the frontmatter, or null. */
function frontmatterKeyPosition(text: string, key: string): { line: number; column: number } | null {
  const lines = text.split(/\r\n|\r|\n/);
  if (!/^\uFEFF?---\s*$/.test(lines[0] ?? "")) return null;
  for (let i = 1; i < lines.length && !/^(---|\.\.\.)\s*$/.test(lines[i]!); i++) {
    const match = new RegExp(`^(\\s*)${key}\\s*:`, "i").exec(lines[i]!);
    if (match) return { line: i + 1, column: match[1]!.length + 1 };
  }
  return null;
}

/** A NUL byte, or bytes that are not UTF-8: an image or an archive, not a handoff document. */
function isBinary(bytes: Buffer): boolean {
  if (bytes.includes(0)) return true;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return false;
  } catch {
    return true;
  }
}

export interface LintOutcome {
  lines: string[];
  errors: number;
  warnings: number;
}

export interface LintOptions {
  /** Relative file names are read from here, and printed as given. */
  cwd?: string;
  extraPatterns?: LintInput["extraPatterns"];
  rules?: readonly LintRule[];
}

export async function lintFiles(files: string[], options: LintOptions = {}): Promise<LintOutcome> {
  const outcome: LintOutcome = { lines: [], errors: 0, warnings: 0 };
  const report = (file: string, d: Diagnostic): void => {
    if (d.severity === "error") outcome.errors++;
    else outcome.warnings++;
    outcome.lines.push(formatDiagnostic(file, d));
  };
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = await readFile(path.resolve(options.cwd ?? ".", file));
    } catch (error) {
      report(file, {
        severity: "error",
        code: "read-error",
        message: `cannot read the file: ${(error as Error).message}`,
        line: 1,
        column: 1,
      });
      continue;
    }
    if (isBinary(bytes)) {
      report(file, {
        severity: "warning",
        code: "binary",
        message: "The file is not UTF-8 text; it was not checked.",
        line: 1,
        column: 1,
      });
      continue;
    }
    const text = bytes.toString("utf8");
    const input: LintInput = { text, document: parseHandoff(text), extraPatterns: options.extraPatterns ?? [] };
    const found: Diagnostic[] = [];
    for (const rule of options.rules ?? LINT_RULES) {
      try {
        found.push(...(await rule(input)));
      } catch (error) {
        // A rule that cannot finish (redaction refusing a huge file) is an error: lint must not pass what it could not check.
        found.push({ severity: "error", code: "unchecked", message: (error as Error).message, line: 1, column: 1 });
      }
    }
    for (const d of found.sort((a, b) => a.line - b.line || a.column - b.column)) report(file, d);
  }
  return outcome;
}
