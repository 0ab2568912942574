// `Key: value` metadata near the top of the body: `**Status:** READY`, `- **Branch:** main`, `Status: READY`.
// Agents write these in place of frontmatter, so they fill in status, parent, kind, agent and reason when
// the frontmatter did not.
import type { Block } from "./markdown.js";
import { guardAll } from "./guarded.js";
import { plainText } from "./title.js";

export interface MetadataRead {
  /** Keys lower-cased and stripped of markdown; the first occurrence of a key wins. */
  values: Record<string, string>;
  /** Body lines (0-based) that are metadata, so the title never comes from one. */
  lines: ReadonlySet<number>;
}

/** How far below the top of the body (or below a leading heading) metadata is looked for. */
export const METADATA_ZONE_LINES = 40;

export const METADATA_PATTERNS = {
  // One or two words, then `:` and a value. `https://…` never matches: the colon must be followed by a space.
  plain: /^(\p{L}[\p{L}\p{N}_-]{0,30}(?: [\p{L}\p{N}_-]{1,30})?)[ \t]{0,4}:[ \t]+(\S.*)$/u,
} as const;

/** Every match holds `: ` or `:\t`: a line without them never compiles the pattern's Unicode classes (1 ms). */
export const METADATA_NEEDLES = { plain: ": |:\t" } as const;
const METADATA_SIGNS = guardAll(METADATA_PATTERNS, METADATA_NEEDLES);

/** Keys that are metadata even on a line of their own without bold; other plain keys need a list or a block of them. */
export const METADATA_KEYS: ReadonlySet<string> = new Set([
  "status",
  "state",
  "kind",
  "type",
  "parent",
  "parent issue",
  "agent",
  "suggested agent",
  "reason",
  "reason for handoff",
  "handoff reason",
  "date",
  "updated",
  "last updated",
  "created",
  "branch",
  "commit",
  "author",
  "owner",
  "from",
  "to",
  "priority",
  "issue",
  "pr",
  "repo",
  "repository",
  "project",
  "phase",
  "stage",
  "progress",
  "version",
]);

const MAX_KEY_CHARS = 60;
const MAX_LINE_CHARS = 2_000;

/** A single metadata line, or null. Bold keys (`**Branch:** main`) may be longer than plain ones (`Branch: main`). */
export function parseMetadataLine(line: string): { key: string; value: string; bold: boolean } | null {
  const text = line.trim();
  if (text.length > MAX_LINE_CHARS) return null;
  const bold = boldKeyValue(text);
  if (bold) return bold;
  const match = METADATA_SIGNS.plain.exec(text);
  if (!match) return null;
  return { key: normaliseKey(match[1] as string), value: (match[2] as string).trim(), bold: false };
}

function boldKeyValue(text: string): { key: string; value: string; bold: true } | null {
  const delimiter = text.startsWith("**") ? "**" : text.startsWith("__") ? "__" : null;
  if (!delimiter) return null;
  const close = text.indexOf(delimiter, 2);
  if (close <= 2 || close > MAX_KEY_CHARS + 3) return null;
  let key = text.slice(2, close).trim();
  let value = text.slice(close + 2).trim();
  if (key.endsWith(":")) key = key.slice(0, -1);
  else if (value.startsWith(":")) value = value.slice(1).trim();
  else return null;
  const normalised = normaliseKey(key);
  if (normalised === "" || value === "" || normalised.split(" ").length > 6) return null;
  return { key: normalised, value, bold: true };
}

function normaliseKey(key: string): string {
  return plainText(key).toLowerCase();
}

/**
 * Metadata lines among the first blocks of the body: after a leading heading, before the next heading, within
 * METADATA_ZONE_LINES. An unknown plain key counts only in a list item or in a block made only of `Key: value`
 * lines, so a first line such as `Handoff: webhook signatures` stays a title and a sentence stays prose.
 */
export function readMetadata(blocks: readonly Block[]): MetadataRead {
  const values: Record<string, string> = {};
  const lines = new Set<number>();
  const first = blocks[0];
  if (!first) return { values, lines };
  const zoneEnd = first.start + METADATA_ZONE_LINES;
  for (const [index, block] of blocks.entries()) {
    if (block.start >= zoneEnd) break;
    if (block.kind === "heading" && block.depth === 0) {
      if (index === 0) continue;
      break;
    }
    if (block.kind !== "paragraph") continue;
    // Only the lines inside the zone: a first paragraph of 200,000 `k: v` lines (an unclosed frontmatter)
    // must not be read line by line.
    const blockLines = block.content.split("\n", Math.max(0, zoneEnd - block.start));
    const parsed = blockLines.map(parseMetadataLine);
    const allMetadata = blockLines.length > 1 && parsed.every((p) => p !== null);
    parsed.forEach((entry, i) => {
      if (!entry) return;
      if (!entry.bold && !allMetadata && block.depth === 0 && !METADATA_KEYS.has(entry.key)) return;
      lines.add(block.start + i);
      if (!Object.hasOwn(values, entry.key))
        Object.defineProperty(values, entry.key, {
          value: entry.value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
    });
  }
  return { values, lines };
}
