// Extra patterns come from a repository's config file: untrusted regular expressions. They are
// vetted once at config-load time (validateExtraPattern, with recheck), and run here with a cost
// guard anyway, because a config may bypass the loader or recheck may answer "unknown".

import { checkSync } from "recheck";
import * as z from "../zod.js";
import type { Finding } from "./finding.js";
import { placeholder } from "./placeholder.js";

/** One extra pattern from `.github/handoff.yml`; the whole match is redacted as `[redacted: kind]`. */
export const ExtraPatternSchema = z.object({
  kind: z
    .string()
    .check(z.regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "kind must be lower-case letters, digits and hyphens (at most 40)")),
  pattern: z
    .string()
    .check(z.minLength(1, "pattern must not be empty"), z.maxLength(1000, "pattern must be at most 1000 characters")),
  flags: z.optional(
    z
      .string()
      .check(
        z.refine(
          (f) => /^[imsu]*$/.test(f) && new Set(f).size === f.length,
          "flags may only be i, m, s and u, each at most once",
        ),
      ),
  ),
});
export type ExtraPattern = z.infer<typeof ExtraPatternSchema>;

/** Extra patterns run one window at a time: cost is bounded per window even if a pattern is slow. */
export const EXTRA_PATTERN_WINDOW = 2000;
/** Windows of a long line overlap by this much, so any match up to this length lies whole in one. */
export const EXTRA_PATTERN_OVERLAP = 256;

/**
 * Why `p` cannot be used, in a sentence for the person editing the config; null when it is fine.
 * Synchronous (recheck's checkSync) so a config loader can call it inline; it is slow-ish (~0.5 s),
 * which is why it runs once when the config is loaded and never per document.
 */
export function validateExtraPattern(p: unknown): string | null {
  const parsed = ExtraPatternSchema.safeParse(p);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `Invalid extra pattern${issue?.path.length ? ` (${issue.path.join(".")})` : ""}: ${issue?.message ?? "wrong shape"}.`;
  }
  const { kind, pattern, flags = "" } = parsed.data;
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, flags);
  } catch (error) {
    return `Extra pattern "${kind}" is not a valid regular expression: ${(error as Error).message}.`;
  }
  if (regex.test("")) return `Extra pattern "${kind}" matches empty text; make it match at least one character.`;
  if (new RegExp(regex.source, flags).test(placeholder(kind))) {
    return `Extra pattern "${kind}" matches its own placeholder "${placeholder(kind)}"; redaction would never settle. Narrow it.`;
  }
  // A fixed seed: the fuzz checker is random, and a config must not pass on one load and fail on the next.
  const diagnosis = checkSync(pattern, flags, { randomSeed: 20261123 });
  if (diagnosis.status === "vulnerable") {
    return `Extra pattern "${kind}" can backtrack catastrophically (${diagnosis.complexity.summary}); rewrite it without nested or overlapping repeats.`;
  }
  if (diagnosis.status === "unknown") {
    return `Extra pattern "${kind}" could not be proven safe from catastrophic backtracking (${diagnosis.error.kind}); simplify it.`;
  }
  return null;
}

/** Patterns compiled before, by kind, pattern and flags: a configuration's patterns recur on every document. */
const COMPILED = new Map<string, { kind: string; regex: RegExp }>();
const MAX_COMPILED = 256;

/** Compiled patterns, or an error message naming the first bad one (the caller fails closed). */
export function compileExtraPatterns(
  patterns: readonly unknown[],
  cache = true,
): { kind: string; regex: RegExp }[] | string {
  const compiled: { kind: string; regex: RegExp }[] = [];
  for (const p of patterns) {
    const key = cache ? cacheKey(p) : undefined;
    const known = key === undefined ? undefined : COMPILED.get(key);
    if (known) {
      compiled.push(known);
      continue;
    }
    const parsed = ExtraPatternSchema.safeParse(p);
    if (!parsed.success)
      return `an extra pattern has the wrong shape (${parsed.error.issues[0]?.message ?? "invalid"})`;
    let entry: { kind: string; regex: RegExp };
    try {
      entry = { kind: parsed.data.kind, regex: new RegExp(parsed.data.pattern, `${parsed.data.flags ?? ""}g`) };
    } catch {
      return `extra pattern "${parsed.data.kind}" is not a valid regular expression`;
    }
    if (key !== undefined) {
      if (COMPILED.size >= MAX_COMPILED) COMPILED.clear();
      COMPILED.set(key, entry);
    }
    compiled.push(entry);
  }
  return compiled;
}

/** A key for a pattern whose three fields are strings (or flags absent), which is all the schema lets through. */
function cacheKey(p: unknown): string | undefined {
  if (typeof p !== "object" || p === null) return undefined;
  const { kind, pattern, flags } = p as Record<string, unknown>;
  if (typeof kind !== "string" || typeof pattern !== "string" || !(flags === undefined || typeof flags === "string"))
    return undefined;
  return JSON.stringify([kind, pattern, flags ?? null]);
}

/**
 * Runs each pattern over windows of at most EXTRA_PATTERN_WINDOW characters that never cross a
 * line break (long lines are cut into overlapping windows), so a slow pattern costs at most
 * windows × its worst case on a short string, not its worst case on a megabyte.
 */
export function findExtraPatterns(text: string, patterns: readonly { kind: string; regex: RegExp }[]): Finding[] {
  if (patterns.length === 0) return [];
  const found: Finding[] = [];
  const compiled = patterns.map(({ kind, regex }) => ({
    kind,
    // Without `g`, exec never advances and the loop below would not end. A `g` pattern is used as it is: its
    // lastIndex is set before every use, and nothing runs in between.
    re: regex.global ? regex : new RegExp(regex.source, `${regex.flags}g`),
  }));
  for (const [start, end] of windows(text)) {
    const slice = text.slice(start, end);
    for (const { kind, re } of compiled) {
      re.lastIndex = 0;
      for (let m = re.exec(slice); m; m = re.exec(slice)) {
        if (m[0].length === 0) {
          re.lastIndex += 1;
          continue;
        }
        found.push({ start: start + m.index, end: start + m.index + m[0].length, kind });
      }
    }
  }
  return found;
}

function* windows(text: string): Generator<[number, number]> {
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf("\n", lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    for (let s = lineStart; ; s += EXTRA_PATTERN_WINDOW - EXTRA_PATTERN_OVERLAP) {
      const e = Math.min(s + EXTRA_PATTERN_WINDOW, lineEnd);
      yield [s, e];
      if (e === lineEnd) break;
    }
    if (newline === -1) break;
    lineStart = newline + 1;
  }
}
