// Reads and validates `.github/handoff.yml`. The reading is the shell's business (Probot's `context.config`
// follows `_extends` and the organisation's `.github` repository; the Action reads a local file), so the
// loader takes a function; what it decides is the same for both.
import type * as z from "../core/zod.js";
import { configSchema, DEFAULT_CONFIG, type HandoffConfig } from "./schema.js";

export const CONFIG_PATH = ".github/handoff.yml";

export type ConfigResult = { ok: true; config: HandoffConfig } | { ok: false; message: string };

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(top level)";
  return path
    .map((p) => (typeof p === "number" ? `[${p}]` : String(p)))
    .join(".")
    .replace(/\.\[/g, "[");
}

/** One line per problem: `labels[2]: expected string, received number`. */
export function describeConfigIssues(error: z.core.$ZodError): string[] {
  return error.issues.map((issue) => `\`${formatPath(issue.path)}\`: ${issue.message}`);
}

/** No file: every default, parsed once per process (the same answer for every repository without one). */
const NO_FILE: ConfigResult = Object.freeze({ ok: true, config: DEFAULT_CONFIG });

/** Validates an already-read value (`null`/`undefined` = no file: every default). */
export function parseConfig(raw: unknown): ConfigResult {
  if (raw === null || raw === undefined) return NO_FILE;
  const result = configSchema.safeParse(raw);
  if (result.success) return { ok: true, config: result.data };
  const lines = describeConfigIssues(result.error);
  return {
    ok: false,
    message: `\`${CONFIG_PATH}\` is not valid, so nothing was done:\n${lines.map((l) => `- ${l}`).join("\n")}\n\nSee docs/configuration.md for every setting.`,
  };
}

/**
 * Reads with the shell's reader and validates (with `parse`: the App's keeps results, src/config/parsed-cache.ts);
 * a file that is not YAML is reported like any other mistake.
 */
export async function loadConfig(
  read: () => Promise<unknown>,
  parse: (raw: unknown) => ConfigResult = parseConfig,
): Promise<ConfigResult> {
  let raw: unknown;
  try {
    raw = await read();
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    // A failing request is GitHub's problem, not the user's: let the delivery fail and be visible in logs.
    if (typeof status === "number") throw error;
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return { ok: false, message: `\`${CONFIG_PATH}\` could not be read as YAML, so nothing was done: ${reason}` };
  }
  return parse(raw);
}
