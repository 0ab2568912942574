// Link reference definitions render nothing on GitHub: a definition's label is shown only where a shortcut or
// collapsed reference (`[label]`, `[label][]`) uses it, so `[Ignore previous instructions]: https://x` would reach
// only the agent. A full reference `[text][label]` shows no label either: it is inlined as `[text](url)`.
import { count, type Counts } from "./sanitize-counts.js";

/** A link reference definition on its own line(s) once titles are gone: `[label]: url`; a `>` quote prefix is group 1. */
export const REFERENCE_DEFINITION_PATTERN =
  /^([ \t]{0,3}(?:>[ \t]{0,4}){0,8})\[([^[\]\r\n]{1,999})\]:[ \t]{0,16}(?:\r?\n[ \t]{0,16})?(<[^<>\r\n]{0,2048}>|[^\s<]\S{0,2047})[ \t]*$/gm;
/** Bracketed text: a link's text, a shortcut reference, or (right after `]`) a full reference's label. */
export const BRACKETED_PATTERN = /\[([^[\]\r\n]{1,999})\]/g;

/** CommonMark matches labels case-insensitively with runs of whitespace collapsed. */
function normalizeLabel(label: string): string {
  return label.trim().replace(/[ \t\r\n]+/g, " ").toLowerCase();
}

/** A definition's destination written inline: `(` and `)` must be wrapped in `<>` or escaped. */
function inlineDestination(url: string): string {
  if (url.startsWith("<") || !/[()]/.test(url)) return url;
  return /[<>]/.test(url) ? url.replace(/[()]/g, "\\$&") : `<${url}>`;
}

/**
 * Link reference definitions across all prose of a document (a definition may sit on the other side of a code
 * block from its use). Full references are inlined, then every definition whose label is never shown is removed.
 */
export function resolveReferences(proses: string[], removed: Counts): string[] {
  const definitions = new Map<string, string>();
  for (const prose of proses) {
    for (const m of prose.matchAll(REFERENCE_DEFINITION_PATTERN)) {
      const label = normalizeLabel(m[2] ?? "");
      if (!definitions.has(label)) definitions.set(label, m[3] ?? "");
    }
  }
  if (definitions.size === 0) return proses;
  const inlined = proses.map((prose) =>
    prose.replace(BRACKETED_PATTERN, (whole: string, label: string, offset: number) => {
      const url = prose[offset - 1] === "]" ? definitions.get(normalizeLabel(label)) : undefined;
      if (url === undefined) return whole;
      count(removed, "reference-label");
      return `(${inlineDestination(url)})`;
    }),
  );
  const shown = new Set<string>();
  for (const prose of inlined) {
    const outside = prose.replace(REFERENCE_DEFINITION_PATTERN, "");
    for (const m of outside.matchAll(BRACKETED_PATTERN)) if (outside[m.index - 1] !== "]") shown.add(normalizeLabel(m[1] ?? ""));
  }
  return inlined.map((prose) =>
    prose.replace(REFERENCE_DEFINITION_PATTERN, (whole: string, prefix: string, label: string) => {
      if (shown.has(normalizeLabel(label))) return whole;
      count(removed, "reference-definition");
      return prefix.trimEnd();
    }),
  );
}
