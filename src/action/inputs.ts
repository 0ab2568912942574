// The Action's inputs, validated with zod so that a typo in a workflow fails the step with the input's
// name and what was expected, instead of silently doing something else. action.yml documents them.
import * as core from "@actions/core";
import * as z from "../core/zod.js";

/** Every input action.yml declares; read in one place so a new input cannot be forgotten here. */
export const INPUT_NAMES = [
  "mode",
  "github-token",
  "issue",
  "dry-run",
  "trusted-bots",
  "app-slug",
  "include-comments",
  "lease-minutes",
  "force",
  "return-file",
  "return-text",
  "status",
  "agent-conclusion",
  "close-on-done",
  "relay-to-parent",
] as const;
type InputName = (typeof INPUT_NAMES)[number];

/** YAML 1.2 booleans, as @actions/core's getBooleanInput accepts them; empty means the default. */
const flag = (fallback: boolean) =>
  z.pipe(
    z.string(),
    z.transform((text: string, ctx) => {
      const value = text.trim();
      if (value === "") return fallback;
      if (["true", "True", "TRUE"].includes(value)) return true;
      if (["false", "False", "FALSE"].includes(value)) return false;
      return z.refuse(ctx, `expected true or false, got "${value}"`);
    }),
  );

const optionalText = z.pipe(
  z.pipe(
    z.string(),
    z.transform((text: string) => text.trim()),
  ),
  z.transform((text: string) => (text === "" ? undefined : text)),
);

/** `12` or `#12`; empty means "the event's issue". */
const issueNumber = z.pipe(
  optionalText,
  z.optional(
    z.pipe(
      z.pipe(
        z.string().check(z.regex(/^#?\d{1,10}$/, "expected an issue number such as 12 or #12")),
        z.transform((text: string) => Number(text.replace("#", ""))),
      ),
      z.number().check(z.int(), z.positive()),
    ),
  ),
);

/** Comma- or newline-separated logins; `app` and `app[bot]` both name the bot `app[bot]`. */
const botList = z.pipe(
  z.string(),
  z.transform((text: string) =>
    text
      .split(/[\s,]+/)
      .map((login) => login.trim())
      .filter((login) => login !== "")
      // Lower-cased first: logins are case-insensitive, and `App[BOT]` must not become `app[bot][bot]`.
      .map((login) => login.toLowerCase())
      .map((login) => (login.endsWith("[bot]") ? login : `${login}[bot]`)),
  ),
);

const common = {
  "github-token": z.string().check(z.trim(), z.minLength(1, "is empty: pass ${{ github.token }} or an App token")),
  issue: issueNumber,
  "dry-run": flag(false),
  "trusted-bots": botList,
  "app-slug": z.pipe(
    optionalText,
    z.optional(
      z.pipe(
        z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,99}$/i, "expected a GitHub App slug such as my-handoff-app")),
        z.transform((slug: string) => slug.toLowerCase()),
      ),
    ),
  ),
};

const PickupSchema = z.object({
  mode: z.literal("pickup"),
  ...common,
  "include-comments": flag(false),
  // A week is already far longer than any agent job can run (GitHub stops jobs after 6 hours on hosted runners).
  "lease-minutes": z.pipe(
    optionalText,
    z._default(
      z.pipe(
        z.pipe(z.string().check(z.regex(/^\d+$/, "expected a whole number of minutes")), z.transform(Number)),
        z.number().check(z.int(), z.gte(1), z.lte(7 * 24 * 60)),
      ),
      60,
    ),
  ),
  force: flag(false),
});

const ReturnSchema = z.object({
  mode: z.literal("return"),
  ...common,
  "return-file": optionalText,
  "return-text": optionalText,
  status: z.pipe(optionalText, z.optional(z.enum(["done", "partial", "blocked"]))),
  "agent-conclusion": z.pipe(optionalText, z.optional(z.enum(["success", "failure", "cancelled", "skipped"]))),
  "close-on-done": flag(true),
  "relay-to-parent": flag(true),
});

const FileSchema = z.object({
  mode: z.literal("file"),
  ...common,
});

const InputsSchema = z.discriminatedUnion("mode", [PickupSchema, ReturnSchema, FileSchema], {
  error: (issue) => (issue.code === "invalid_union" ? 'expected "pickup", "return" or "file"' : undefined),
});

export type Inputs = z.infer<typeof InputsSchema>;
export type PickupInputs = z.infer<typeof PickupSchema>;
export type ReturnInputs = z.infer<typeof ReturnSchema>;
export type FileInputs = z.infer<typeof FileSchema>;

/** Parses raw inputs (name → text); throws one Error naming every bad input. */
export function parseInputs(raw: Partial<Record<InputName, string>>): Inputs {
  const withDefaults = Object.fromEntries(INPUT_NAMES.map((name) => [name, raw[name] ?? ""]));
  withDefaults["mode"] = withDefaults["mode"]!.trim();
  const result = InputsSchema.safeParse(withDefaults);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.length > 0 ? issue.path.join(".") : "inputs";
    return `${name}: ${issue.message}`;
  });
  throw new Error(`invalid inputs: ${problems.join("; ")}`);
}

/** Reads the inputs the runner passed as INPUT_* variables (GitHub keeps hyphens: INPUT_GITHUB-TOKEN). */
export function readInputs(): Inputs {
  const raw: Partial<Record<InputName, string>> = {};
  for (const name of INPUT_NAMES) raw[name] = core.getInput(name);
  return parseInputs(raw);
}
