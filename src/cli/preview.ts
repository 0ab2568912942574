// `handoff preview <file> [--json]`: exactly what the App would file, after redaction, without touching GitHub.
import { readFile } from "node:fs/promises";
import { prepareIssue } from "../core/prepare.js";
import { SECTION_NAMES, type RedactionReport, type SectionName } from "../core/types.js";

export interface PreviewJson {
  title: string;
  labels: string[];
  body: string;
  kind: string;
  parent: string | null;
  sections: Partial<Record<SectionName, string>>;
  redactions: RedactionReport;
  warnings: string[];
}

export interface PreviewOptions {
  /** `owner/repo`, so that `#12` parents and source links resolve; `local/repository` when unknown. */
  repo?: string;
}

export async function previewFile(file: string, options: PreviewOptions = {}): Promise<PreviewJson> {
  const text = await readFile(file, "utf8");
  const repo = options.repo ?? "local/repository";
  const prepared = await prepareIssue(text, {
    source: { type: "file", repo, path: file, url: file },
  });
  const sections: Partial<Record<SectionName, string>> = {};
  for (const name of SECTION_NAMES) {
    const parts = prepared.document.sections.filter((s) => s.canonical === name).map((s) => s.text.trim());
    if (parts.length > 0) sections[name] = parts.join("\n\n");
  }
  return {
    title: prepared.issue.title,
    labels: prepared.issue.labels,
    body: prepared.issue.body,
    kind: prepared.document.kind,
    parent: prepared.parent ?? null,
    sections,
    redactions: prepared.redactions,
    warnings: prepared.document.diagnostics.map((d) => `${file}:${d.line}:${d.column} ${d.severity} ${d.message}`),
  };
}

export function formatReport(report: RedactionReport): string {
  if (report.total === 0) return "Redacted: nothing found.";
  const kinds = Object.entries(report.kinds)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, count]) => `${count} ${kind}`)
    .join(", ");
  return `Redacted ${report.total}: ${kinds}.`;
}

export function formatPreview(preview: PreviewJson): string {
  return [
    `Title:  ${preview.title}`,
    `Labels: ${preview.labels.join(", ")}`,
    `Kind:   ${preview.kind}${preview.parent ? `  ·  parent ${preview.parent}` : ""}`,
    formatReport(preview.redactions),
    ...preview.warnings,
    "",
    "----- body -----",
    preview.body,
  ].join("\n");
}
