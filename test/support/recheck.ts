// recheck's verdicts, made repeatable and paid for once.
//
// Repeatable: the fuzz checker is random, so it gets a fixed seed; and every limit that would otherwise be
// wall-clock time (attack, incubation and seeding timeouts, which on a loaded machine turned a slow but
// linear match into "vulnerable") is switched off, so only recheck's step limits decide. The overall timeout
// stays as a guard: an "unknown" (timeout) answer is retried once without it, and never passes a test.
//
// Paid once: several test files check the same patterns, and a check costs up to seconds. Verdicts are cached
// on disk (node_modules/.cache) keyed by the pattern, its flags, these parameters and recheck's version; the
// verdict is a pure function of that key, so the cache changes no result. Only definite verdicts are cached.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { check, type Diagnostics, type Parameters } from "recheck";

export const RECHECK_SEED = 20261123;

/** Every wall-clock limit off: the verdict depends only on the pattern, the seed and the step limits. */
export const RECHECK_PARAMETERS: Parameters = {
  randomSeed: RECHECK_SEED,
  attackTimeout: null,
  incubationTimeout: null,
  seedingTimeout: null,
  recallTimeout: -1,
  timeout: 60_000,
};

const RECHECK_VERSION = (createRequire(import.meta.url)("recheck/package.json") as { version: string }).version;
const CACHE_DIR = fileURLToPath(new URL("../../node_modules/.cache/handoff-recheck/", import.meta.url));
const memory = new Map<string, Promise<Diagnostics>>();

/** recheck's verdict on a pattern, repeatable from run to run. */
export function checkPattern(pattern: RegExp): Promise<Diagnostics> {
  // recheck does not know the `d` flag; it only adds match indices and does not change matching.
  const flags = pattern.flags.replace("d", "");
  const key = createHash("sha256")
    .update(JSON.stringify({ source: pattern.source, flags, parameters: RECHECK_PARAMETERS, version: RECHECK_VERSION }))
    .digest("hex");
  let verdict = memory.get(key);
  if (!verdict) {
    verdict = cached(key) ?? computeAndStore(key, pattern.source, flags);
    memory.set(key, verdict);
  }
  return verdict;
}

function cached(key: string): Promise<Diagnostics> | undefined {
  try {
    return Promise.resolve(JSON.parse(readFileSync(join(CACHE_DIR, `${key}.json`), "utf8")) as Diagnostics);
  } catch {
    return undefined;
  }
}

async function computeAndStore(key: string, source: string, flags: string): Promise<Diagnostics> {
  let diagnostics = await check(source, flags, RECHECK_PARAMETERS);
  if (diagnostics.status === "unknown" && diagnostics.error.kind === "timeout") {
    diagnostics = await check(source, flags, { ...RECHECK_PARAMETERS, timeout: null });
  }
  if (diagnostics.status !== "unknown") {
    mkdirSync(CACHE_DIR, { recursive: true });
    const temporary = join(CACHE_DIR, `${key}.${process.pid}.tmp`);
    writeFileSync(temporary, JSON.stringify(diagnostics));
    renameSync(temporary, join(CACHE_DIR, `${key}.json`));
  }
  return diagnostics;
}
