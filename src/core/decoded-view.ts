// Markdown text as GitHub's filters read it: after the renderer has decoded character references (`&#64;`,
// `&commat;`, `&#x40;`) and backslash escapes (`\@`). GitHub finds mentions and closing keywords in the rendered
// text, so `&#64;claude` pings exactly like `@claude`; a pattern run over the raw markdown would miss it.
// The view keeps, for every decoded character, the source range it came from, so a match found in the decoded
// text can be replaced in the source.
import MarkdownIt from "markdown-it";

/** A character reference or a backslash escape: what CommonMark decodes inside text. Bounded, so linear. */
export const ESCAPE_OR_REFERENCE_PATTERN =
  /&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});|\\[!-/:-@[-`{-~]/g;
/** In raw HTML only the browser decodes: character references, never backslash escapes. */
export const REFERENCE_PATTERN = /&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});/g;

/** Markdown text decodes escapes and references; raw HTML only references. */
export type Decoding = "markdown" | "html";

// markdown-it's own decoder (its public `utils`), so what counts as a valid reference is CommonMark's.
const { unescapeAll } = new MarkdownIt().utils;

export interface DecodedView {
  decoded: string;
  /** For each UTF-16 unit of `decoded`, where its source piece starts and ends in the original text. */
  from: number[];
  to: number[];
}

export function decodedView(text: string, decoding: Decoding = "markdown"): DecodedView {
  const from: number[] = [];
  const to: number[] = [];
  let decoded = "";
  let at = 0;
  const literal = (end: number): void => {
    for (let i = at; i < end; i++) {
      from.push(i);
      to.push(i + 1);
    }
    decoded += text.slice(at, end);
  };
  for (const m of text.matchAll(decoding === "markdown" ? ESCAPE_OR_REFERENCE_PATTERN : REFERENCE_PATTERN)) {
    literal(m.index);
    at = m.index;
    const piece = unescapeAll(m[0]);
    if (piece === m[0]) {
      literal(m.index + m[0].length);
    } else {
      for (let k = 0; k < piece.length; k++) {
        from.push(m.index);
        to.push(m.index + m[0].length);
      }
      decoded += piece;
    }
    at = m.index + m[0].length;
  }
  literal(text.length);
  return { decoded, from, to };
}

/**
 * Replaces every match of `pattern` (global) found in the decoded view of `text`, in the source: the source range
 * runs from the first decoded character's piece to the last one's. `replace` gets the decoded match and the source
 * offsets it replaces.
 */
export function replaceDecoded(
  text: string,
  pattern: RegExp,
  replace: (decodedMatch: string, start: number, end: number) => string,
  decoding: Decoding = "markdown",
): string {
  const view = decodedView(text, decoding);
  let out = "";
  let at = 0;
  for (const m of view.decoded.matchAll(pattern)) {
    if (m[0] === "") continue;
    const start = view.from[m.index] ?? text.length;
    const end = view.to[m.index + m[0].length - 1] ?? text.length;
    if (start < at) continue;
    out += text.slice(at, start) + replace(m[0], start, end);
    at = end;
  }
  return out + text.slice(at);
}
