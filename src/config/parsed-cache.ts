// The App's configuration parser: parseConfig, with results kept per process by the content they were parsed from.
// Only the App imports it (a webhook server reads the same file on every delivery); the Action reads it once.
import { parseConfig, type ConfigResult } from "./load.js";
import { deepFreeze } from "./schema.js";

/**
 * Results by the content they were parsed from (its JSON text), shared by every delivery that reads the same
 * content: a pure function of it, deep-frozen so that no delivery can change one for the next. Validation is not
 * cheap: each `redact.extra_patterns` entry is proven safe from backtracking (recheck), about half a millisecond a
 * pattern, which every delivery to such a repository paid again. Bounded; the oldest entry goes first.
 */
const parsedByContent = new Map<string, ConfigResult>();
const MAX_PARSED = 256;

/**
 * Content bigger than this (characters of its keys and strings, and one a value) is parsed every time, not kept: a
 * handoff.yml is a few hundred bytes, and the key is the whole JSON text. YAML aliases are shared in the parsed value
 * but written out in full by JSON, so a 1 MB file (within yaml's alias limit) made a 90 MB key, 160 ms to build on
 * every delivery, 256 of them kept. The schema itself stops at the first unknown key and reads nothing below it.
 */
const MAX_KEYED_SIZE = 64 * 1024;
/** Deeper than this is not a configuration either (the schema's deepest setting is three levels down). */
const MAX_KEYED_DEPTH = 16;

/**
 * Whether JSON text tells `value` apart from every other value (no `undefined`, no hole, no NaN, ±Infinity or -0)
 * and is small enough to be a key; `budget.left` is what remains of MAX_KEYED_SIZE.
 */
function isKeyable(value: unknown, budget: { left: number }, depth = 0): boolean {
  if ((budget.left -= 1) < 0) return false;
  if (value === null || typeof value === "boolean") return true;
  if (typeof value === "string") return (budget.left -= value.length) >= 0;
  if (typeof value === "number") return Number.isFinite(value) && !Object.is(value, -0);
  if (depth >= MAX_KEYED_DEPTH) return false;
  if (Array.isArray(value)) {
    // A hole is not `null`, which JSON writes in its place (and `every` skips it).
    for (let i = 0; i < value.length; i++) if (!(i in value) || !isKeyable(value[i], budget, depth + 1)) return false;
    return true;
  }
  if (typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key of Object.keys(value)) {
    if ((budget.left -= key.length) < 0) return false;
    if (!isKeyable((value as Record<string, unknown>)[key], budget, depth + 1)) return false;
  }
  return true;
}

/** parseConfig's answer, from the cache when the same content was parsed before. */
export function parseConfigOnce(raw: unknown): ConfigResult {
  if (raw === null || raw === undefined) return parseConfig(raw);
  const key = isKeyable(raw, { left: MAX_KEYED_SIZE }) ? JSON.stringify(raw) : null;
  const cached = key === null ? undefined : parsedByContent.get(key);
  if (cached) return cached;
  const result = deepFreeze(parseConfig(raw));
  if (key !== null) {
    if (parsedByContent.size >= MAX_PARSED) parsedByContent.delete(parsedByContent.keys().next().value!);
    parsedByContent.set(key, result);
  }
  return result;
}
