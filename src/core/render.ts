// Over 250 lines: one format, the layout of every body we write; the regions, their sizes and the overflow are
// computed together so that a body and its reading back (read-rendered.ts) agree.
//
// A handoff document → the issue we file (title, labels, body, overflow comments), or → a comment; and back.
//
// Layout of every body we write: our marker first (so `findMarker` sees ours before any copy quoted in the
// document), then a header of our own and the header card (card.ts), then the document in regions: the frontmatter in a collapsed YAML block
// and the body as markdown. Each region is delimited by hidden comments that carry its exact length, so reading
// it back never depends on searching text the document wrote (a document may quote our delimiters).
// A document longer than one body continues in overflow comments, each a complete body of the same shape.
import { renderCard } from "./card.js";
import { LABELS } from "./labels.js";
import { MAX_BODY_CHARS, MAX_TITLE_CHARS } from "./limits.js";
import { renderMarker, type HandoffMarker, type HandoffSource, type MarkerRole } from "./marker.js";
import { REGION_END, type RegionKind } from "./read-rendered.js";
import { permalink } from "./pointers.js";
import { cutCodePoints, cutter, MAX_SYNTHETIC_FENCE_CHARS, type Cutter, type Piece } from "./truncate.js";
import type { HandoffDocument, RedactionReport } from "./types.js";

export interface RenderContext {
  source: HandoffSource;
  /** `owner/repo#n` of the thread the handoff belongs to. */
  parent?: string;
  /** Labels from the configuration. */
  labels?: string[];
  redactions?: RedactionReport;
  /** When given, the document's file pointers are listed as permalinks at this ref. */
  permalinks?: { serverUrl?: string; owner: string; repo: string; ref: string };
  /** sha256 of the redacted document. */
  hash: string;
  author?: string;
}

export interface RenderedIssue {
  title: string;
  labels: string[];
  body: string;
  /** Bodies of the comments that carry the rest of a document too long for one issue, in order. */
  overflow: string[];
}

export interface RenderedComment {
  body: string;
  overflow: string[];
}

/** Every pattern this file runs, exported so the pattern tests can prove them linear. */
export const RENDER_PATTERNS = {
  lineBreaks: /[\r\n]+/g,
  httpUrl: /^https?:\/\//i,
  urlUnsafe: /[\s<>()"'`\\]/g,
  backtickRun: /`+/g,
  login: /^[A-Za-z0-9][A-Za-z0-9-]{0,38}(?:\[bot\])?$/,
  notKindChar: /[^\w.-]/g,
  emphasis: /[*_`[\]\\]/g,
} as const;

/** GitHub's limit on a label's name. */
export const MAX_LABEL_CHARS = 50;
/** Room kept free in every body for rounding in our own estimates. */
const HEADROOM = 512;
/** A piece smaller than this is not worth starting a region for: the rest of the part stays empty. */
const MIN_PIECE = 1_024;
const MAX_POINTER_LINKS_CHARS = 4_000;

/** `handoff`, then the configured labels, then the document's; de-duplicated ignoring case, each ≤ 50 characters. */
export function renderLabels(configured: string[] = [], own: string[] = []): string[] {
  const seen = new Set<string>();
  const labels: string[] = [];
  for (const raw of [LABELS.handoff, ...configured, ...own]) {
    const label = cutCodePoints(raw.trim(), MAX_LABEL_CHARS).trim();
    const key = label.toLowerCase();
    if (label === "" || seen.has(key)) continue;
    seen.add(key);
    labels.push(label);
  }
  return labels;
}

/** Text of ours shown before the regions: it must never hold `<` (no comment, no tag), so it is escaped. */
function plain(text: string, max = 200): string {
  return cutCodePoints(text.replace(RENDER_PATTERNS.lineBreaks, " "), max)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

function safeUrl(url: string): string | null {
  if (!RENDER_PATTERNS.httpUrl.test(url)) return null;
  return url.replace(
    RENDER_PATTERNS.urlUnsafe,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
}

function link(label: string, url: string): string {
  const safe = safeUrl(url);
  return safe ? `[${label}](${safe})` : label;
}

function sourceLink(source: HandoffSource): string {
  switch (source.type) {
    case "comment":
      return `${link("a comment", source.url)} on ${plain(source.repo)}#${source.thread}`;
    case "file":
      return `${link(`\`${plain(source.path).replace(/`/g, "'")}\``, source.url)} in ${plain(source.repo)}`;
    case "issue":
      return link(`${plain(source.repo)}#${source.number}`, source.url);
  }
}

function redactionSummary(report: RedactionReport | undefined): string {
  const kinds = Object.entries(report?.kinds ?? {}).filter(([, n]) => n > 0);
  if (kinds.length === 0) return "";
  return ` · redacted: ${kinds.map(([kind, n]) => `${n} ${plain(kind, 60).replace(RENDER_PATTERNS.notKindChar, "-")}`).join(", ")}`;
}

function byAuthor(author: string | undefined): string {
  const login = author?.match(RENDER_PATTERNS.login)?.[0];
  return login ? ` by @${login}` : "";
}

function issueHeader(ctx: RenderContext): string {
  const thread = ctx.source.type === "comment" ? `${ctx.source.repo}#${ctx.source.thread}` : null;
  const parent = ctx.parent && ctx.parent !== thread ? ` for ${plain(ctx.parent, 300)}` : "";
  return `Handoff filed from ${sourceLink(ctx.source)}${byAuthor(ctx.author)}${parent}${redactionSummary(ctx.redactions)}`;
}

function returnHeader(doc: HandoffDocument, ctx: RenderContext): string {
  const status = doc.status ?? doc.metadata["status"];
  const shown = status ? ` · status: **${plain(status, 100).replace(RENDER_PATTERNS.emphasis, "")}**` : "";
  return `### Return handoff${shown}\n\nFrom ${sourceLink(ctx.source)}${byAuthor(ctx.author)}${redactionSummary(ctx.redactions)}`;
}

function pointerLinks(doc: HandoffDocument, ctx: RenderContext): string {
  const at = ctx.permalinks;
  if (!at || doc.pointers.length === 0) return "";
  const lines: string[] = [];
  let size = 0;
  for (const [i, pointer] of doc.pointers.entries()) {
    const line = `- ${link(`\`${plain(pointer.raw, 300).replace(/`/g, "'")}\``, permalink(pointer, at))}`;
    if (size + line.length > MAX_POINTER_LINKS_CHARS) {
      lines.push(`- … and ${doc.pointers.length - i} more in the text above`);
      break;
    }
    lines.push(line);
    size += line.length + 1;
  }
  return `\n\n<details><summary>Files at ${plain(at.ref, 64)}</summary>\n\n${lines.join("\n")}\n\n</details>`;
}

/** The document as written: its frontmatter block (fences included) and its body, so they join back exactly. */
export function documentParts(doc: HandoffDocument): { frontmatter: string; body: string } {
  if (doc.frontmatterText === null) return { frontmatter: "", body: doc.source };
  if (doc.source.endsWith(doc.body)) {
    return { frontmatter: doc.source.slice(0, doc.source.length - doc.body.length), body: doc.body };
  }
  return { frontmatter: `---\n${doc.frontmatterText}\n---\n`, body: doc.body };
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.matchAll(RENDER_PATTERNS.backtickRun)) longest = Math.max(longest, run[0].length);
  return longest;
}

function renderRegion(kind: RegionKind, piece: Piece): string {
  const n = piece.text.length;
  if (kind === "frontmatter") {
    const fence = "`".repeat(Math.max(3, longestBacktickRun(piece.text) + 1));
    const newline = piece.text.endsWith("\n") ? "" : "\n";
    return (
      `<details><summary>Frontmatter</summary>\n\n<!-- handoff:frontmatter n=${n} -->\n${fence}yaml\n` +
      `${piece.text}${newline}${fence}\n${REGION_END.frontmatter}\n\n</details>`
    );
  }
  const reopen = piece.reopen === null ? "" : `${piece.reopen}\n`;
  const close = piece.close === null ? "" : `${piece.close}\n`;
  return `<!-- handoff:body n=${n}${piece.reopen === null ? "" : " reopen"} -->\n${reopen}${piece.text}\n${close}${REGION_END.body}`;
}

/** What a region adds around its text, at most; a frontmatter fence grows with the backticks inside. */
function regionOverhead(kind: RegionKind, text: string): number {
  return kind === "frontmatter" ? 160 + longestBacktickRun(text) * 2 : 80 + MAX_SYNTHETIC_FENCE_CHARS;
}

interface Layout {
  /** The header of the first part; `{notice}` is where the overflow notice goes. */
  first: string;
  /** A header for overflow part `part` of `total`. */
  continued: (part: number, total: number) => string;
  notice: (total: number) => string;
  /** Shown after the regions of the first part. */
  footer: string;
  marker: HandoffMarker;
}

function renderParts(doc: HandoffDocument, layout: Layout): { body: string; overflow: string[] } {
  const { frontmatter, body } = documentParts(doc);
  const streams: { kind: RegionKind; cut: Cutter; text: string }[] = [
    { kind: "frontmatter" as const, cut: cutter(frontmatter, false), text: frontmatter },
    { kind: "body" as const, cut: cutter(body), text: body },
  ].filter((s) => s.text.length > 0 || s.kind === "body");
  const overflowMarker = (part: number): string => renderMarker({ ...layout.marker, role: "overflow", part });
  const marker = renderMarker(layout.marker);
  const fixedFirst = marker.length + layout.first.length + layout.notice(999).length + layout.footer.length;
  // Only a document that overflows needs a continuation's size.
  const fixedNext = (): number => overflowMarker(999).length + layout.continued(999, 999).length;
  const parts: string[][] = [];
  let s = 0;
  while (s < streams.length) {
    let room = MAX_BODY_CHARS - HEADROOM - (parts.length === 0 ? fixedFirst : fixedNext());
    const regions: string[] = [];
    while (s < streams.length) {
      const stream = streams[s];
      if (!stream) break;
      const budget = room - regionOverhead(stream.kind, stream.text);
      if (budget < MIN_PIECE && regions.length > 0) break;
      const region = renderRegion(stream.kind, stream.cut.take(Math.max(budget, MIN_PIECE)));
      regions.push(region);
      room -= region.length + 2;
      if (!stream.cut.done()) break;
      s++;
    }
    parts.push(regions);
  }
  const total = parts.length - 1;
  const bodies = parts.map((regions, i) => {
    const head =
      i === 0
        ? `${marker}\n${layout.first}${total > 0 ? `\n\n${layout.notice(total)}` : ""}`
        : `${overflowMarker(i)}\n${layout.continued(i, total)}`;
    return `${head}\n\n${regions.join("\n\n")}${i === 0 ? layout.footer : ""}\n`;
  });
  return { body: bodies[0] ?? "", overflow: bodies.slice(1) };
}

function sourceUrl(ctx: RenderContext): string {
  return link("the source", ctx.source.url);
}

/** A handoff document → the issue to file. Pure; never throws. */
export function renderIssue(doc: HandoffDocument, ctx: RenderContext): RenderedIssue {
  const marker: HandoffMarker = {
    v: 1,
    kind: doc.kind,
    source: ctx.source,
    hash: ctx.hash,
    ...(ctx.parent ? { parent: ctx.parent } : {}),
  };
  const { body, overflow } = renderParts(doc, {
    marker,
    first: [issueHeader(ctx), renderCard(doc)].filter((part) => part !== "").join("\n\n"),
    notice: (n) =>
      `> [!NOTE]\n> This handoff is longer than GitHub allows in one issue; the rest follows in ${n} comment${n === 1 ? "" : "s"}. The whole document is at ${sourceUrl(ctx)}.`,
    continued: (part, n) =>
      `Continued from the issue above (part ${part} of ${n}); the whole document is at ${sourceUrl(ctx)}.`,
    footer: pointerLinks(doc, ctx),
  });
  const title = cutCodePoints(doc.title.replace(RENDER_PATTERNS.lineBreaks, " ").trim(), MAX_TITLE_CHARS) || "Handoff";
  return { title, labels: renderLabels(ctx.labels, doc.labels), body, overflow };
}

/** A return handoff → a comment body, its status up front. Pure; never throws. */
export function renderReturnComment(doc: HandoffDocument, ctx: RenderContext & { role?: MarkerRole }): RenderedComment {
  const marker: HandoffMarker = {
    v: 1,
    kind: doc.kind,
    source: ctx.source,
    hash: ctx.hash,
    role: ctx.role ?? "return",
    ...(ctx.parent ? { parent: ctx.parent } : {}),
  };
  return renderParts(doc, {
    marker,
    first: returnHeader(doc, ctx),
    notice: (n) =>
      `> [!NOTE]\n> This return handoff is longer than GitHub allows in one comment; the rest follows in ${n} comment${n === 1 ? "" : "s"}. The whole document is at ${sourceUrl(ctx)}.`,
    continued: (part, n) =>
      `Return handoff, continued (part ${part} of ${n}); the whole document is at ${sourceUrl(ctx)}.`,
    footer: pointerLinks(doc, ctx),
  });
}

export { joinRenderedBodies, parseRenderedBody } from "./read-rendered.js";
