// Most frontmatter is flat: a few `key: value` lines, values plain words, quoted text or a one-line `[a, b]` list.
// Reading that needs no YAML parser, and the yaml package's parse was most of a small document's parse time. This
// reader takes only what it can read exactly as the yaml package does (YAML 1.2, core schema) and declines
// everything else (indentation, comments after a value, anchors, tags, block scalars, escapes, numbers, booleans,
// nulls written out, duplicate keys, tabs, unusual spaces or line breaks): the caller then parses with yaml.
// test/frontmatter-flat.test.ts checks on generated frontmatter that whenever it decides, it agrees with yaml.

/** One entry of a flat frontmatter; `line` is 0-based within the YAML. Keys always start at column 1. */
export interface FlatEntry {
  key: string;
  value: string | string[] | null;
  line: number;
}

export const FLAT_PATTERNS = {
  /** Anything that makes this reader decline the whole text: control characters (tabs too), line breaks other than
   * `\n` and `\r\n`, a byte-order mark, a lone surrogate. */
  flatRefuse: /[\0-\x09\x0B\x0C\x0E-\x1F\x7F-\x9F\u2028\u2029\uFEFF]|\p{Cs}|\r(?!\n)/u,
  /** `key:` then a space and the value, or nothing: a key made of letters, digits, `_` and `-`. */
  flatEntry: /^([A-Za-z_][A-Za-z0-9_-]{0,63}):(?: (.*))?$/,
  /** A scalar the core schema could read as something other than a string (number, boolean, null, `.inf`). */
  flatMaybeTyped: /^(?:[0-9+.~-]|(?:true|false|null)$)/i,
  /** Spaces other than U+0020, which YAML keeps as text but a trim would drop: left to yaml. */
  flatOddSpace: /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/,
  /** In a plain scalar: `: ` or a trailing `:` (a nested mapping), or a `#` (` #` starts a comment). */
  flatPlainStop: /: |:$|#/,
  /** Characters that give a plain scalar's first character a meaning (indicators), and the quotes. */
  flatIndicator: /^[-?:,[\]{}#&*!|>'"%@`]/,
  /** Characters that end or nest a scalar inside a flow list. */
  flatFlowSpecial: /[[\]{},:#]/,
} as const;

/** The entries of `yaml` when it is flat, exactly as the yaml package would read them; undefined when unsure. */
export function readFlatFrontmatter(yaml: string): FlatEntry[] | undefined {
  if (FLAT_PATTERNS.flatRefuse.test(yaml)) return undefined;
  const lines = yaml.split("\n");
  const entries: FlatEntry[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (trimSpaces(line) === "" || line.startsWith("#")) continue;
    const entry = FLAT_PATTERNS.flatEntry.exec(line);
    if (!entry) return undefined;
    const key = entry[1] as string;
    if (seen.has(key) || FLAT_PATTERNS.flatMaybeTyped.test(key)) return undefined;
    seen.add(key);
    const value = flatValue(trimSpaces(entry[2] ?? ""));
    if (value === undefined) return undefined;
    entries.push({ key, value, line: i });
  }
  return entries.length > 0 ? entries : undefined;
}

/** `text` without leading and trailing U+0020 (YAML's separation spaces; tabs are refused earlier). */
function trimSpaces(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) === 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) === 0x20) end--;
  return text.slice(start, end);
}

function flatValue(text: string): string | string[] | null | undefined {
  if (text === "") return null;
  if (text.startsWith("[")) return text.endsWith("]") ? flowList(text.slice(1, -1)) : undefined;
  return scalar(text, false);
}

/** A one-line `[a, b]` of plain or quoted strings. */
function flowList(inner: string): string[] | undefined {
  if (trimSpaces(inner) === "") return [];
  const items: string[] = [];
  for (const raw of inner.split(",")) {
    const item = trimSpaces(raw);
    const value = item === "" ? undefined : scalar(item, true);
    if (value === undefined) return undefined;
    items.push(value);
  }
  return items;
}

/** A single-line scalar that is certainly a string: quoted without escapes, or plain and untyped. */
function scalar(text: string, inFlow: boolean): string | undefined {
  if (FLAT_PATTERNS.flatOddSpace.test(text)) return undefined;
  const quote = text[0];
  if (quote === '"' || quote === "'") {
    const body = text.slice(1, -1);
    const closed = text.length >= 2 && text.endsWith(quote) && !body.includes(quote) && !body.includes("\\");
    return closed && !(inFlow && body.includes(",")) ? body : undefined;
  }
  if (FLAT_PATTERNS.flatIndicator.test(text) || FLAT_PATTERNS.flatMaybeTyped.test(text)) return undefined;
  if (FLAT_PATTERNS.flatPlainStop.test(text) || (inFlow && FLAT_PATTERNS.flatFlowSpecial.test(text))) return undefined;
  return text;
}
