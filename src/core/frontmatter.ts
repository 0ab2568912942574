// Over 250 lines: one idea, the frontmatter read safely (split, parse with limits, check each field against its
// expectation); the field checks and the reader are one contract.
//
// Split and read the optional YAML frontmatter. Parsed with `yaml` directly: gray-matter evaluates `---js`
// frontmatter, and a handoff document is text written by an agent, which we never execute.
import { isMap, isScalar, LineCounter, parseDocument } from "yaml";
import { FLAT_PATTERNS, readFlatFrontmatter } from "./frontmatter-flat.js";
import { MAX_FRONTMATTER_CHARS } from "./limits.js";
import {
  FIELD_EXPECTATIONS,
  FRONTMATTER_KEYS,
  FrontmatterSchema,
  type FrontmatterFields,
  type FrontmatterKey,
} from "./schema.js";
import { lineAt, lineSpans, type LineSpan } from "./line-breaks.js";
import type { Diagnostic } from "./types.js";

export interface FrontmatterSplit {
  /** The YAML between the fences, or null when the document has no (usable) frontmatter. */
  yaml: string | null;
  /** 1-based line of the document on which the YAML starts. */
  yamlLine: number;
  body: string;
  /** 1-based line of the document on which `body` starts. */
  bodyLine: number;
  diagnostics: Diagnostic[];
}

export interface FrontmatterRead {
  fields: Partial<FrontmatterFields>;
  extra: Record<string, unknown>;
  diagnostics: Diagnostic[];
}

/** Aliases are legitimate YAML but unusual in a frontmatter; a small cap defeats "billion laughs" documents. */
export const MAX_YAML_ALIASES = 16;

export const FRONTMATTER_PATTERNS = {
  // `---js`, `--- javascript`, `---toml`: a language tag on the opening fence (gray-matter's convention).
  fenceLanguage: /^---[ \t]*([A-Za-z]{1,20})[ \t]*$/,
  ...FLAT_PATTERNS,
} as const;

const BOM = "\uFEFF";
const YAML_LANGUAGES = new Set(["yaml", "yml"]);
const EXECUTABLE_LANGUAGES = new Set(["js", "javascript", "coffee", "coffeescript", "cson"]);

/** Separate the frontmatter from the body. Never throws; problems become diagnostics and the text stays body. */
export function splitFrontmatter(source: string): FrontmatterSplit {
  const text = source.startsWith(BOM) ? source.slice(1) : source;
  const asBody = (diagnostics: Diagnostic[] = []): FrontmatterSplit => ({
    yaml: null,
    yamlLine: 1,
    body: text,
    bodyLine: 1,
    diagnostics,
  });
  const firstBreak = lineAt(text, 0).end;
  const opener = text.slice(0, firstBreak).trimEnd();
  if (opener !== "---") {
    const language = FRONTMATTER_PATTERNS.fenceLanguage.exec(opener)?.[1]?.toLowerCase();
    if (language === undefined) return asBody();
    if (!YAML_LANGUAGES.has(language)) return asBody([languageDiagnostic(language)]);
  }
  // Line by line up to the closing fence only: the body after it can be a megabyte.
  const first = lineAt(text, lineAt(text, 0).next);
  let last = first;
  for (let i = 1, span = first; ; i++) {
    const line = text.slice(span.start, span.end).trimEnd();
    if (line === "---" || line === "...") {
      return {
        yaml: i === 1 ? "" : text.slice(first.start, last.end),
        yamlLine: 2,
        body: text.slice(span.next),
        bodyLine: i + 2,
        diagnostics: [],
      };
    }
    if (span.end === span.next) break;
    last = span;
    span = lineAt(text, span.next);
  }
  return asBody([
    {
      severity: "error",
      code: "frontmatter-unclosed",
      message: "The frontmatter opened by `---` on line 1 is never closed.",
      line: 1,
      column: 1,
      hint: "End the frontmatter with a line containing only `---`; if line 1 was meant as a horizontal rule, put a blank line or a heading above it.",
    },
  ]);
}

function languageDiagnostic(language: string): Diagnostic {
  const executable = EXECUTABLE_LANGUAGES.has(language);
  return {
    severity: "error",
    code: executable ? "frontmatter-executable" : "frontmatter-language",
    message: executable
      ? `\`---${language}\` frontmatter is code; it is never evaluated, and the block is read as ordinary text.`
      : `\`---${language}\` frontmatter is not supported; the block is read as ordinary text.`,
    line: 1,
    column: 1,
    hint: "Write the frontmatter as YAML, opened by a line containing only `---`.",
  };
}

/** Parse and validate frontmatter YAML that starts on document line `yamlLine`. Never throws. */
export function readFrontmatter(yaml: string, yamlLine: number): FrontmatterRead {
  return read(yaml, yamlLine, true);
}

/**
 * The same reading, always through the yaml package (no fast path for flat frontmatter): the reference that
 * test/frontmatter-flat.test.ts compares `readFrontmatter` with.
 */
export function readFrontmatterWithYaml(yaml: string, yamlLine: number): FrontmatterRead {
  return read(yaml, yamlLine, false);
}

/** A top-level key, its value as YAML reads it, and where the key is in the document. */
interface Entry {
  key: string;
  value: unknown;
  position: { line: number; column: number };
}

function read(yaml: string, yamlLine: number, flatFirst: boolean): FrontmatterRead {
  const result: FrontmatterRead = { fields: {}, extra: {}, diagnostics: [] };
  if (yaml.length > MAX_FRONTMATTER_CHARS) {
    result.diagnostics.push({
      severity: "error",
      code: "frontmatter-too-large",
      message: `The frontmatter is ${Math.ceil(yaml.length / 1024)} KiB; at most ${MAX_FRONTMATTER_CHARS / 1024} KiB is read, so none of its fields are used.`,
      line: yamlLine,
      column: 1,
      hint: "Keep the frontmatter to a few `key: value` lines and move long text into the body.",
    });
    return result;
  }
  const flat = flatFirst ? readFlatFrontmatter(yaml) : undefined;
  const entries = flat
    ? flat.map(({ key, value, line }) => ({ key, value, position: { line: yamlLine + line, column: 1 } }))
    : readYaml(yaml, yamlLine, result.diagnostics);
  for (const { key, value, position } of entries ?? []) validateField(key, value, position, result);
  return result;
}

/** The entries of a mapping, read by the yaml package; null (with the reasons in `diagnostics`) when it is not one. */
function readYaml(yaml: string, yamlLine: number, diagnostics: Diagnostic[]): Entry[] | null {
  const lineCounter = new LineCounter();
  const at = (offset: number): { line: number; column: number } => {
    const pos = lineCounter.linePos(offset);
    return { line: yamlLine + pos.line - 1, column: pos.col };
  };
  const doc = parseDocument(yaml, { lineCounter, prettyErrors: false, uniqueKeys: true });
  for (const error of doc.errors) {
    diagnostics.push({
      severity: "error",
      code: "yaml-syntax",
      message: `The frontmatter is not valid YAML: ${firstLine(error.message)}`,
      ...at(error.pos[0]),
      hint: "Fix the YAML at this position; quote values that contain `: ` or start with a special character.",
    });
  }
  for (const warning of doc.warnings) {
    const unknownTag = warning.code === "TAG_RESOLVE_FAILED";
    diagnostics.push({
      severity: "warning",
      code: unknownTag ? "yaml-unknown-tag" : "yaml-warning",
      message: unknownTag
        ? `${firstLine(warning.message)}; the value is read as plain text.`
        : firstLine(warning.message),
      ...at(warning.pos[0]),
      ...(unknownTag ? { hint: "Remove the `!tag`: frontmatter values are plain YAML." } : {}),
    });
  }
  // Malformed YAML is reported, not half-used: fields recovered from a broken document could be wrong.
  if (doc.errors.length > 0 || doc.contents === null) return null;
  if (!isMap(doc.contents)) {
    diagnostics.push({
      severity: "error",
      code: "frontmatter-not-mapping",
      message: "The frontmatter must be a mapping of `key: value` lines, not a list or a single value.",
      ...at(doc.contents.range?.[0] ?? 0),
      hint: "Write one `key: value` per line, e.g. `title: Fix the login redirect`.",
    });
    return null;
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    diagnostics.push({
      severity: "error",
      code: "yaml-aliases",
      message: `The frontmatter could not be read: ${firstLine(error instanceof Error ? error.message : String(error))}`,
      line: yamlLine,
      column: 1,
      hint: "Write the values out instead of using YAML anchors and aliases (`&name`, `*name`).",
    });
    return null;
  }
  const keyPositions = new Map<string, { line: number; column: number }>();
  for (const pair of doc.contents.items) {
    if (isScalar(pair.key) && !keyPositions.has(String(pair.key.value))) {
      keyPositions.set(String(pair.key.value), at(pair.key.range?.[0] ?? 0));
    }
  }
  if (typeof data !== "object" || data === null) return null;
  return Object.entries(data).map(([key, value]) => ({
    key,
    value,
    position: keyPositions.get(key) ?? { line: yamlLine, column: 1 },
  }));
}

function validateField(
  key: string,
  value: unknown,
  position: { line: number; column: number },
  result: FrontmatterRead,
): void {
  const name = key.trim().toLowerCase();
  if (!isKnownKey(name)) {
    Object.defineProperty(result.extra, key, { value, enumerable: true, writable: true, configurable: true });
    result.diagnostics.push({
      severity: "warning",
      code: "unknown-key",
      message: `Unknown frontmatter key \`${key}\`; it is kept but not used.`,
      ...position,
      hint: `Known keys: ${FRONTMATTER_KEYS.join(", ")}.`,
    });
    return;
  }
  // An empty `parent:` left over from a template means "not set", not an error.
  if (value === null || value === undefined || name in result.fields) return;
  const parsed = FrontmatterSchema.shape[name].safeParse(value);
  if (parsed.success) {
    Object.assign(result.fields, { [name]: parsed.data });
    return;
  }
  result.diagnostics.push({
    severity: "error",
    code: "invalid-field",
    message: `Frontmatter \`${key}\` is invalid: ${parsed.error.issues[0]?.message ?? "unexpected value"}.`,
    ...position,
    hint: FIELD_EXPECTATIONS[name],
  });
}

function isKnownKey(name: string): name is FrontmatterKey {
  return (FRONTMATTER_KEYS as string[]).includes(name);
}

function firstLine(message: string): string {
  const end = lineAt(message, 0).end;
  return message.slice(0, end).trim();
}

/** The valid fields of a text's frontmatter, or `{}` when it has none: for callers that need a field or two. */
export function frontmatterFields(source: string): Partial<FrontmatterFields> {
  const split = splitFrontmatter(source);
  return split.yaml === null ? {} : readFrontmatter(split.yaml, split.yamlLine).fields;
}

/**
 * The document with `key: "value"` added as the frontmatter's last line (a frontmatter is created when there is
 * none), keeping the BOM, the line endings and every other byte. Null when the frontmatter cannot be edited safely
 * (unclosed, or in another language): the caller reports the document's own diagnostics instead.
 */
export function withFrontmatterField(source: string, key: string, value: string): string | null {
  const bom = source.startsWith(BOM) ? BOM : "";
  const text = source.slice(bom.length);
  const newline = /\r\n/.test(text.slice(0, lineAt(text, 0).end + 2)) ? "\r\n" : "\n";
  const line = `${key}: ${JSON.stringify(value)}`;
  const split = splitFrontmatter(text);
  if (split.yaml === null) {
    if (split.diagnostics.length > 0) return null;
    return `${bom}---${newline}${line}${newline}---${newline}${text}`;
  }
  // The closing fence is the line before the body: insert there.
  const fence = lineSpans(text)[split.bodyLine - 2] as LineSpan;
  return `${bom}${text.slice(0, fence.start)}${line}${newline}${text.slice(fence.start)}`;
}
