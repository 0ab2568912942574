// parseHandoff: text in, HandoffDocument out, never an exception. The steps, in order:
//   1. split off the frontmatter and read it (frontmatter.ts, schema.ts)
//   2. read the body's blocks once with markdown-it (sections.ts)
//   3. metadata lines near the top (metadata.ts), then the title (title.ts)
//   4. sections (sections.ts) and file pointers (pointers.ts)
//   5. the kind from evidence (kind.ts): frontmatter, metadata, title, verdict lines, the shape of a report
//   6. fill status, parent, agent and reason: frontmatter first, then metadata
import { FRONTMATTER_PATTERNS, readFrontmatter, splitFrontmatter, type FrontmatterRead } from "./frontmatter.js";
import { METADATA_PATTERNS, readMetadata } from "./metadata.js";
import { POINTER_PATTERNS, findPointers } from "./pointers.js";
import { SCHEMA_PATTERNS, parseIssueRef } from "./schema.js";
import { SECTION_PATTERNS, asReported, readBlocks, splitSections } from "./sections.js";
import { KIND_PATTERNS, readKind } from "./kind.js";
import { FALLBACK_TITLE, TITLE_PATTERNS, extractTitle, plainText } from "./title.js";
import { CLASSIFY_PATTERNS } from "./headings/classify.js";
import { LABEL_PATTERNS } from "./headings/labels.js";
import { NORMALISE_PATTERNS } from "./headings/normalise.js";
import type { HandoffDocument, IssueRef } from "./types.js";

/** Every hand-written regular expression the parser uses, by `module.name`; test/patterns-parse.test.ts proves each safe. */
export const PARSE_PATTERNS: Readonly<Record<string, RegExp>> = Object.fromEntries(
  (
    [
      ["frontmatter", FRONTMATTER_PATTERNS],
      ["schema", SCHEMA_PATTERNS],
      ["sections", SECTION_PATTERNS],
      ["metadata", METADATA_PATTERNS],
      ["title", TITLE_PATTERNS],
      ["pointers", POINTER_PATTERNS],
      ["kind", KIND_PATTERNS],
      ["labels", LABEL_PATTERNS],
      ["classify", CLASSIFY_PATTERNS],
      ["normalise", NORMALISE_PATTERNS],
    ] as const
  ).flatMap(([module, patterns]) =>
    Object.entries(patterns).map(([name, pattern]) => [`${module}.${name}`, pattern] as const),
  ),
);

/** Parse a handoff document. Never throws: every problem is a Diagnostic on the result. */
export function parseHandoff(text: string): HandoffDocument {
  const source = typeof text === "string" ? text : String(text ?? "");
  try {
    return parse(source);
  } catch (error) {
    // A bug of ours must not lose the user's document: return it whole, as one unrecognised section.
    return {
      ...emptyDocument(source),
      diagnostics: [
        {
          severity: "error",
          code: "internal-error",
          message: `The document could not be parsed: ${error instanceof Error ? error.message : String(error)}`,
          line: 1,
          column: 1,
          hint: "Please report this document to the handoff maintainers.",
        },
      ],
    };
  }
}

/** Whether any diagnostic is an error (warnings alone leave a document usable). */
export function hasErrors(doc: Pick<HandoffDocument, "diagnostics">): boolean {
  return doc.diagnostics.some((d) => d.severity === "error");
}

function parse(source: string): HandoffDocument {
  const split = splitFrontmatter(source);
  const frontmatter: FrontmatterRead =
    split.yaml === null ? { fields: {}, extra: {}, diagnostics: [] } : readFrontmatter(split.yaml, split.yamlLine);
  const fields = frontmatter.fields;
  const blocks = readBlocks(split.body);
  const metadata = readMetadata(blocks);
  const meta = metadata.values;
  const title = extractTitle({
    frontmatterTitle: fields.title,
    frontmatterName: frontmatterString(frontmatter.extra, "name"),
    blocks,
    isMetadataLine: (line) => metadata.lines.has(line),
  });
  const sections = splitSections(split.body, split.bodyLine, blocks);
  const kind = readKind({
    frontmatterKind: fields.kind,
    frontmatterStatus: fields.status,
    extra: frontmatter.extra,
    metadata: meta,
    title,
    blocks,
    sections,
  });
  const doc: HandoffDocument = {
    source,
    frontmatterText: split.yaml,
    title,
    kind: kind.kind,
    kindReason: kind.reason,
    labels: fields.labels ?? [],
    assignees: fields.assignees ?? [],
    skills: fields.skills ?? [],
    extra: frontmatter.extra,
    metadata: meta,
    body: split.body,
    bodyLine: split.bodyLine,
    sections: kind.kind === "return" ? asReported(sections) : sections,
    pointers: findPointers(split.body, split.bodyLine),
    diagnostics: [...split.diagnostics, ...frontmatter.diagnostics].sort(
      (a, b) => a.line - b.line || a.column - b.column,
    ),
  };
  const status = fields.status ?? metadataWord(first(meta, "status", "state"));
  const parent = fields.parent ?? metadataParent(first(meta, "parent", "parent issue"));
  const agent = fields.agent ?? metadataText(first(meta, "agent", "suggested agent"));
  const reason = fields.reason ?? metadataText(first(meta, "reason", "reason for handoff", "handoff reason", "why"));
  if (status) doc.status = status;
  if (parent) doc.parent = parent;
  if (agent) doc.agent = agent;
  if (reason) doc.reason = reason;
  if (fields.id !== undefined) doc.id = fields.id;
  return doc;
}

function emptyDocument(source: string): HandoffDocument {
  return {
    source,
    frontmatterText: null,
    title: FALLBACK_TITLE,
    kind: "handoff",
    labels: [],
    assignees: [],
    skills: [],
    extra: {},
    metadata: {},
    body: source,
    bodyLine: 1,
    sections: source.trim() === "" ? [] : [{ canonical: null, heading: "", text: source, line: 1 }],
    pointers: [],
    diagnostics: [],
  };
}

function first(meta: Record<string, string>, ...keys: string[]): string | undefined {
  for (const key of keys) if (Object.hasOwn(meta, key)) return meta[key];
  return undefined;
}

/** An unknown frontmatter key's value when it is a string (`name: Proveedores y clientes`), matched without case. */
function frontmatterString(extra: Record<string, unknown>, key: string): string | undefined {
  const found = Object.entries(extra).find(([k]) => k.toLowerCase() === key);
  return typeof found?.[1] === "string" ? found[1] : undefined;
}

function metadataText(value: string | undefined): string | undefined {
  const text = value === undefined ? "" : plainText(value);
  return text === "" ? undefined : text;
}

/** `**Status:** ✅ READY` → `ready`. */
function metadataWord(value: string | undefined): string | undefined {
  return metadataText(value?.replace(SECTION_PATTERNS.emoji, ""))?.toLowerCase();
}

/** A parent written as `#12`, `owner/repo#12`, a URL, or a markdown link to one; the link's URL says the most. */
function metadataParent(value: string | undefined): IssueRef | undefined {
  if (value === undefined) return undefined;
  const open = value.indexOf("](");
  const close = value.indexOf(")", open);
  const url = open !== -1 && close !== -1 ? parseIssueRef(value.slice(open + 2, close)) : null;
  return url ?? parseIssueRef(plainText(value)) ?? undefined;
}
