// Reading back a body rendered by render.ts: the marker, and the document text its regions carry.
// Each region's start delimiter carries the exact length of the document text in it, so the text is taken by
// length, never by searching for an end delimiter the document itself might contain. Only when a person has
// edited the body (the lengths no longer fit) do we fall back to searching, as the best we can do.
import { findMarker } from "./marker.js";
import type { HandoffMarker } from "./marker.js";

/** Start of a region: its kind, the exact length of its text, and whether a synthetic fence opener follows. */
export const REGION_START_PATTERN = /<!-- handoff:(body|frontmatter) n=(\d{1,9})( reopen)? -->\n/y;
export const REGION_END = { body: "<!-- /handoff:body -->", frontmatter: "<!-- /handoff:frontmatter -->" } as const;
export type RegionKind = keyof typeof REGION_END;

/** What may stand between a region's text and its end delimiter: a line break and a synthetic fence closer. */
const MAX_REGION_TAIL = 512;

export interface ReadBody {
  marker: HandoffMarker | null;
  /** The document text this body carries (for an overflow part, its share of the document). */
  document: string;
}

function lineAfter(body: string, at: number): number {
  const newline = body.indexOf("\n", at);
  return newline < 0 ? body.length : newline + 1;
}

/** The document text and marker of a body we rendered, or null when it holds no region of ours. Never throws. */
export function parseRenderedBody(body: string): ReadBody | null {
  let document = "";
  let found = false;
  let at = 0;
  for (;;) {
    const start = body.indexOf("<!-- handoff:", at);
    if (start < 0) break;
    REGION_START_PATTERN.lastIndex = start;
    const match = REGION_START_PATTERN.exec(body);
    if (!match) {
      at = start + 1;
      continue;
    }
    const kind = match[1] as RegionKind;
    const length = Number(match[2]);
    let textStart = start + match[0].length;
    // Our own lines between the delimiter and the text: the YAML fence, or a reopened code fence.
    if (kind === "frontmatter") textStart = lineAfter(body, textStart);
    if (match[3]) textStart = lineAfter(body, textStart);
    const end = REGION_END[kind];
    const textEnd = textStart + length;
    const endAt = body.indexOf(end, textEnd);
    if (textEnd <= body.length && endAt >= 0 && endAt - textEnd <= MAX_REGION_TAIL) {
      document += body.slice(textStart, textEnd);
      at = endAt + end.length;
    } else {
      const fallbackEnd = body.indexOf(end, textStart);
      if (fallbackEnd < 0) break;
      const text = body.slice(textStart, fallbackEnd);
      document += kind === "body" ? text.replace(/\r?\n$/, "") : text;
      at = fallbackEnd + end.length;
    }
    found = true;
  }
  return found ? { marker: findMarker(body), document } : null;
}

/** The whole document from an issue (or comment) body and its overflow comments, in any order. */
export function joinRenderedBodies(bodies: string[]): string | null {
  const read = bodies.map(parseRenderedBody);
  if (read.some((r) => r === null)) return null;
  return (read as ReadBody[])
    .map((r, i) => ({ part: r.marker?.part ?? 0, i, document: r.document }))
    .sort((a, b) => a.part - b.part || a.i - b.i)
    .map((r) => r.document)
    .join("");
}
