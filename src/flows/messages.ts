// The short texts we post in threads. Pure. Errors are for people: they say what happened and what to do,
// and never carry a stack trace or a redacted value.
import { MAX_BODY_CHARS } from "../core/limits.js";
import { renderMarker } from "../core/marker.js";
import type { Diagnostic, RedactionReport } from "../core/types.js";
import type { HandoffMarker } from "../core/marker.js";

/**
 * Kinds are lower-case letters, digits and hyphens (ours, and extra patterns' by their schema), whose code-unit
 * order is their collation order in every locale but those that sort "aa" as "å" (Danish, Norwegian). Comparing
 * code units writes the same line on every runner, and spares the Action ICU's collator: 3 MiB of its peak memory.
 */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `Redacted 3: email ×1, github-token ×2.` — kinds and counts, never the values. */
export function redactionLine(report: RedactionReport): string {
  if (report.total === 0) return "Redacted: nothing.";
  const kinds = Object.entries(report.kinds)
    .sort(([a], [b]) => byCodeUnits(a, b))
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

/** A diagnostic's text on one line without HTML: it stands inside our notice's block quote. */
function noticeText(text: string, max = 300): string {
  const line = text.replace(/\s+/g, " ").trim().replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

/** A repository path inside inline code: a backtick in it would end the span early. */
function codePath(path: string): string {
  return `\`${path.replace(/`/g, "'")}\``;
}

const NOTICE_SHOWN = 5;
const FIX_AND_PUSH =
  "Fix the file and push again; this issue will update. `npx handoff lint` shows the same errors locally.";

/**
 * The notice at the top of an issue filed from a file that has errors: where, what and how to fix, in the issue
 * itself (the App may not write commit comments), so nobody has to read a log to learn why.
 */
export function fileErrorNotice(path: string, errors: readonly Diagnostic[]): string {
  const sentence = (text: string): string => (/[.!?…]$/.test(text) ? text : `${text}.`);
  const shown = errors
    .slice(0, NOTICE_SHOWN)
    .map(
      (d) =>
        `> - ${codePath(`${path}:${d.line}:${d.column}`)} — ${sentence(noticeText(d.message))}${d.hint ? ` ${noticeText(d.hint)}` : ""}`,
    );
  const more = errors.length > NOTICE_SHOWN ? [`> - … and ${errors.length - NOTICE_SHOWN} more.`] : [];
  return [
    "> [!WARNING]",
    "> This file has errors, so its frontmatter was not used; the issue shows the document as it is.",
    ...shown,
    ...more,
    ">",
    `> ${FIX_AND_PUSH}`,
  ].join("\n");
}

/** The whole body of an issue for a file none of which may be posted (unreadable, or not safely redacted). */
export function unfiledNotice(path: string, why: string): string {
  return [
    "> [!WARNING]",
    `> ${codePath(path)} was not filed: ${noticeText(why, 500)}. Nothing of it is shown here.`,
    ">",
    `> ${FIX_AND_PUSH}`,
  ].join("\n");
}

/** A short notice for the rare body with no room for the full one. */
export function shortFileErrorNotice(path: string): string {
  return ["> [!WARNING]", `> ${codePath(path)} has errors, so its frontmatter was not used. ${FIX_AND_PUSH}`].join(
    "\n",
  );
}
