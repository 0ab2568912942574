// `handoff preview <file> [--json]`: exactly what the App would file, after redaction, without touching GitHub:
// with the repository's name from the git remote and its `.github/handoff.yml` (labels, extra patterns).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { prepareIssue } from "../core/prepare.js";
import { SECTION_NAMES, type RedactionReport, type SectionName } from "../core/types.js";
import { repoContext, type RepoContext } from "./repo-context.js";

export interface PreviewJson {
  title: string;
  labels: string[];
  body: string;
  kind: string;
  /** Why `kind` is what it is: the evidence of a return, or why the document stayed a handoff. */
  kindReason: string;
  parent: string | null;
  sections: Partial<Record<SectionName, string>>;
  /** Every heading or label the parser read, in order, with the section it was placed in and the rule that placed it. */
  placements: { line: number; heading: string; section: SectionName | null; rule: string }[];
  redactions: RedactionReport;
  warnings: string[];
}

export interface PreviewOptions {
  /** `owner/repo`, so that `#12` parents and source links resolve; else the git remote's, else `local/repository`. */
  repo?: string;
  /** The repository the file is in; read from git and `.github/handoff.yml` when absent. */
  context?: RepoContext;
}

/** What the App would use for this repository: its name (from `--repo` or the git remote) and configuration. */
function settingsFor(file: string, options: PreviewOptions, context: RepoContext) {
  if (!context.config.ok) throw new Error(context.config.message);
  const repo = options.repo ?? (context.remote ? `${context.remote.owner}/${context.remote.repo}` : "local/repository");
  const relative = path.relative(context.root, path.resolve(file)).split(path.sep).join("/");
  const inRepo = !relative.startsWith("../") && !path.isAbsolute(relative);
  const host = context.remote?.host ?? "github.com";
  const url = inRepo && repo !== "local/repository" ? `https://${host}/${repo}/blob/HEAD/${relative}` : file;
  return { repo, path: inRepo ? relative : file, url, config: context.config.config };
}

export async function previewFile(file: string, options: PreviewOptions = {}): Promise<PreviewJson> {
  const text = await readFile(file, "utf8");
  const context = options.context ?? (await repoContext(path.dirname(path.resolve(file))));
  const settings = settingsFor(file, options, context);
  const prepared = await prepareIssue(text, {
    source: { type: "file", repo: settings.repo, path: settings.path, url: settings.url },
    labels: settings.config.labels,
    extraPatterns: settings.config.redact.extra_patterns,
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
    kindReason: prepared.document.kindReason ?? "",
    parent: prepared.parent ?? null,
    sections,
    placements: prepared.document.sections
      .filter((s) => s.heading !== "")
      .map((s) => ({ line: s.line, heading: s.heading, section: s.canonical, rule: s.rule ?? "" })),
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
