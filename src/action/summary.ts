// The job summary: what the step did, with links, on the run's page. A failed step gets one too, so
// the reader sees the error next to what had already happened.
import * as core from "@actions/core";
import type { Report } from "./report.js";

/** Table cells are markdown: a `|` or a newline in a title would break the table. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

export function renderSummary(report: Report, error?: string): string {
  const lines = [`## ${report.heading}`, ""];
  if (report.rows.length > 0) {
    lines.push(
      "| | |",
      "| --- | --- |",
      ...report.rows.map(([what, value]) => `| ${cell(what)} | ${cell(value)} |`),
      "",
    );
  }
  for (const note of report.notes) lines.push(`- ${note}`);
  if (error) lines.push(`- **Failed:** ${error}`);
  return `${lines.join("\n").trimEnd()}\n`;
}

export async function writeSummary(report: Report, error?: string): Promise<void> {
  // Outside a runner (GITHUB_STEP_SUMMARY unset) there is nowhere to write; the log already has it all.
  if (!process.env["GITHUB_STEP_SUMMARY"]) return;
  await core.summary.addRaw(renderSummary(report, error)).write();
}
