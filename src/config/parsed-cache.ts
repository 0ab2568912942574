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

/** Whether JSON text tells `value` apart from every other value: no `undefined`, no NaN, ±Infinity or -0. */
function isJsonData(value: unknown): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(isJsonData);
  if (typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value).every(isJsonData);
}

/** parseConfig's answer, from the cache when the same content was parsed before. */
export function parseConfigOnce(raw: unknown): ConfigResult {
  if (raw === null || raw === undefined) return parseConfig(raw);
  const key = isJsonData(raw) ? JSON.stringify(raw) : null;
  const cached = key === null ? undefined : parsedByContent.get(key);
  if (cached) return cached;
  const result = deepFreeze(parseConfig(raw));
  if (key !== null) {
    if (parsedByContent.size >= MAX_PARSED) parsedByContent.delete(parsedByContent.keys().next().value!);
    parsedByContent.set(key, result);
  }
  return result;
}
