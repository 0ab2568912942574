// The short texts we post in threads. Pure. Errors are for people: they say what happened and what to do,
// and never carry a stack trace or a redacted value.
import { MAX_BODY_CHARS } from "../core/limits.js";
import { renderMarker } from "../core/marker.js";
import type { Diagnostic, HandoffMarker, RedactionReport } from "../core/types.js";

/** `Redacted 3: github-token ×2, email ×1.` — kinds and counts, never the values. */
export function redactionLine(report: RedactionReport): string {
  if (report.total === 0) return "Redacted: nothing.";
  const kinds = Object.entries(report.kinds)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, count]) => `${kind} ×${count}`)
    .join(", ");
  return `Redacted ${report.total}: ${kinds}.`;
}

/** `3:5 yaml-syntax: message. Hint.` for a document; `path:3:5 …` for a file. */
export function diagnosticLine(d: Diagnostic, path?: string): string {
  const where = `${path ? `${path}:` : ""}${d.line}:${d.column}`;
  return `\`${where}\` ${d.message}${d.hint ? ` — ${d.hint}` : ""}`;
}

// Hidden markers inside a preview would be found by the next lookup as if they were ours to match.
const ANY_MARKER_RE = /<!--\s*handoff:v\d+[\s\S]*?-->/g;

export function stripMarkers(text: string): string {
  return text.replace(ANY_MARKER_RE, "");
}

/** Our marker first (the one `findMarker` sees), then the text, cut to GitHub's limit. */
export function withMarker(marker: HandoffMarker, text: string): string {
  const head = `${renderMarker(marker)}\n`;
  const room = MAX_BODY_CHARS - head.length;
  const note = "\n\n… (cut to GitHub's size limit)";
  return head + (text.length <= room ? text : text.slice(0, room - note.length) + note);
}

/** A collapsed block; the body is stripped of markers so the preview can never pose as an issue. */
export function details(summary: string, body: string): string {
  return `<details><summary>${summary.replace(/[<>]/g, "")}</summary>\n\n${stripMarkers(body)}\n\n</details>`;
}
