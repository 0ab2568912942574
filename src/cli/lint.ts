// `handoff lint <file>...`: the editor-friendly `file:line:col` format, so terminals and CI make it clickable.
import { readFile } from "node:fs/promises";
import { parseHandoff } from "../core/parse.js";
import type { Diagnostic } from "../core/types.js";

export function formatDiagnostic(file: string, d: Diagnostic): string {
  const hint = d.hint ? ` (${d.hint})` : "";
  return `${file}:${d.line}:${d.column} ${d.severity} ${d.message}${hint} [${d.code}]`;
}

export interface LintOutcome {
  lines: string[];
  errors: number;
  warnings: number;
}

export async function lintFiles(files: string[]): Promise<LintOutcome> {
  const outcome: LintOutcome = { lines: [], errors: 0, warnings: 0 };
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      outcome.errors++;
      outcome.lines.push(`${file}:1:1 error cannot read the file: ${(error as Error).message} [read-error]`);
      continue;
    }
    for (const d of parseHandoff(text).diagnostics) {
      if (d.severity === "error") outcome.errors++;
      else outcome.warnings++;
      outcome.lines.push(formatDiagnostic(file, d));
    }
  }
  return outcome;
}
