// The hidden, versioned marker every issue and comment we write carries: `<!-- handoff:v1 {json} -->`.
//
// A marker is only trustworthy when the issue or comment that carries it was written by us: anyone can paste
// a copy of a marker into their own comment. That check needs the author, so it belongs to the shells
// (src/github/comments.ts); here we only find and validate the shape.
import { createHash } from "node:crypto";
import * as z from "./zod.js";

/** Where a handoff came from: the identity we use to find its issue again. */
export const handoffSourceSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("comment"),
    repo: z.string(),
    commentId: z.number().check(z.int()),
    url: z.string(),
    thread: z.number().check(z.int()),
  }),
  z.object({
    type: z.literal("file"),
    repo: z.string(),
    path: z.string(),
    url: z.string(),
    commit: z.optional(z.string()),
  }),
  z.object({ type: z.literal("issue"), repo: z.string(), number: z.number().check(z.int()), url: z.string() }),
]);
export type HandoffSource = z.infer<typeof handoffSourceSchema>;

/**
 * What a comment we write is for. An issue's own marker has no role. A role this version does not know makes the
 * whole marker unreadable (skipped), never an issue marker: a newer writer's comment must not pass for an issue.
 */
export const MARKER_ROLES = ["reply", "removed", "overflow", "return", "relay", "claim", "refusal", "failure"] as const;
export type MarkerRole = (typeof MARKER_ROLES)[number];

/** Unknown keys are dropped rather than refused, so a newer v1 writer's additions do not blind an older reader. */
const markerSchema = z.object({
  v: z.literal(1),
  kind: z.enum(["handoff", "return"]),
  source: handoffSourceSchema,
  /** `owner/repo#n` of the thread the handoff belongs to, when known. */
  parent: z.optional(z.string()),
  /** sha256 (hex) of the redacted document; an update is needed only when this changes. */
  hash: z.string(),
  role: z.optional(z.enum(MARKER_ROLES)),
  /** For role `overflow`: which continuation comment this is, from 1. */
  part: z.optional(z.number().check(z.int(), z.positive())),
  /** For returns (`return`, its `overflow` parts, `relay`): which return (`run-<id>`, `comment-<id>`). */
  returnKey: z.optional(z.string()),
});
/** The hidden, versioned, machine-readable marker carried by every issue and comment we write. */
export type HandoffMarker = z.infer<typeof markerSchema>;

/**
 * Our marker anywhere in a text. The JSON part excludes `<` and `>`, which a rendered marker never contains,
 * so a match can never run across another comment; `v(\d+)` lets us see, and skip, other versions.
 */
export const MARKER_PATTERN = /<!--\s*handoff:v(\d+)([\s{][^<>]*)-->/g;

function escapeForComment(json: string): string {
  // `-` is escaped only inside string literals: outside them it is a number's sign, where `\u002d` is not JSON.
  // Only a string can hold `--`, `<` or `>`, so after this the text can neither close the comment nor open one.
  // Unchanged runs are copied as slices: a string per character cost more than the rest of rendering a marker.
  let out = "";
  let from = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString && c === 0x5c /* \ */) i++;
    else if (c === 0x22 /* " */) inString = !inString;
    else if (inString && (c === 0x2d || c === 0x3c || c === 0x3e) /* - < > */) {
      out += `${json.slice(from, i)}\\u00${c.toString(16)}`;
      from = i + 1;
    }
  }
  return out + json.slice(from);
}

/** `<!-- handoff:v1 {json} -->`, safe to embed in any issue or comment body. */
export function renderMarker(marker: HandoffMarker): string {
  return `<!-- handoff:v1 ${escapeForComment(JSON.stringify(marker))} -->`;
}

/**
 * Markers by their JSON text. Finding our issues reads the marker of every handoff issue in the repository, on every
 * delivery, and mostly the same issues come back: the answer is a pure function of the text, so it is kept (frozen,
 * so that no caller can change it for the next; the oldest goes first past the bound).
 */
const parsedMarkers = new Map<string, HandoffMarker | null>();
const MAX_PARSED_MARKERS = 1024;

function parseMarkerJson(json: string): HandoffMarker | null {
  const known = parsedMarkers.get(json);
  if (known !== undefined) return known;
  let marker: HandoffMarker | null = null;
  try {
    const result = markerSchema.safeParse(JSON.parse(json.trim()));
    if (result.success) {
      Object.freeze(result.data.source);
      marker = Object.freeze(result.data);
    }
  } catch {
    // Not JSON: not a marker.
  }
  if (parsedMarkers.size >= MAX_PARSED_MARKERS) parsedMarkers.delete(parsedMarkers.keys().next().value!);
  parsedMarkers.set(json, marker);
  return marker;
}

/** Valid v1 markers in the text, in order; with `firstOnly`, the search stops at the first one. */
function scanMarkers(text: string, firstOnly: boolean): HandoffMarker[] {
  const found: HandoffMarker[] = [];
  for (const match of text.matchAll(MARKER_PATTERN)) {
    if (match[1] !== "1" || match[2] === undefined) continue;
    const marker = parseMarkerJson(match[2]);
    if (!marker) continue;
    found.push(marker);
    if (firstOnly) break;
  }
  return found;
}

/** Every valid v1 marker in the text, in order. Malformed markers and other versions are skipped. */
export function findMarkers(text: string): HandoffMarker[] {
  return scanMarkers(text, false);
}

/**
 * The first valid v1 marker in the text, or null. We always write ours first, so this is ours when the author is us.
 * The search stops there: the rest of the body (a whole document, which may quote markers) is neither searched nor parsed.
 */
export function findMarker(text: string): HandoffMarker | null {
  return scanMarkers(text, true)[0] ?? null;
}

/** sha256 of the text, hex: the content identity an update compares. */
export function contentHash(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
