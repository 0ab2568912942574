// The Action's inputs, validated with zod so that a typo in a workflow fails the step with the input's
// name and what was expected, instead of silently doing something else. action.yml documents them.
import * as core from "@actions/core";
import * as z from "zod";

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
  z.string().transform((text, ctx) => {
    const value = text.trim();
    if (value === "") return fallback;
    if (["true", "True", "TRUE"].includes(value)) return true;
    if (["false", "False", "FALSE"].includes(value)) return false;
    ctx.addIssue({ code: "custom", message: `expected true or false, got "${value}"` });
    return z.NEVER;
  });

const optionalText = z
  .string()
  .transform((text) => text.trim())
  .transform((text) => (text === "" ? undefined : text));

/** `12` or `#12`; empty means "the event's issue". */
const issueNumber = optionalText.pipe(
  z
    .string()
    .regex(/^#?\d{1,10}$/, "expected an issue number such as 12 or #12")
    .transform((text) => Number(text.replace("#", "")))
    .pipe(z.number().int().positive())
    .optional(),
);

/** Comma- or newline-separated logins; `app` and `app[bot]` both name the bot `app[bot]`. */
const botList = z.string().transform((text) =>
  text
    .split(/[\s,]+/)
    .map((login) => login.trim())
    .filter((login) => login !== "")
    // Lower-cased first: logins are case-insensitive, and `App[BOT]` must not become `app[bot][bot]`.
    .map((login) => login.toLowerCase())
    .map((login) => (login.endsWith("[bot]") ? login : `${login}[bot]`)),
);

const common = {
  "github-token": z.string().trim().min(1, "is empty: pass ${{ github.token }} or an App token"),
  issue: issueNumber,
  "dry-run": flag(false),
  "trusted-bots": botList,
  "app-slug": optionalText.pipe(
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,99}$/i, "expected a GitHub App slug such as my-handoff-app")
      .transform((slug) => slug.toLowerCase())
      .optional(),
  ),
};

const PickupSchema = z.object({
  mode: z.literal("pickup"),
  ...common,
  "include-comments": flag(false),
  // A week is already far longer than any agent job can run (GitHub stops jobs after 6 hours on hosted runners).
  "lease-minutes": optionalText.pipe(
    z
      .string()
      .regex(/^\d+$/, "expected a whole number of minutes")
      .transform(Number)
      .pipe(
        z
          .number()
          .int()
          .min(1)
          .max(7 * 24 * 60),
      )
      .default(60),
  ),
  force: flag(false),
});

const ReturnSchema = z.object({
  mode: z.literal("return"),
  ...common,
  "return-file": optionalText,
  "return-text": optionalText,
  status: optionalText.pipe(z.enum(["done", "partial", "blocked"]).optional()),
  "agent-conclusion": optionalText.pipe(z.enum(["success", "failure", "cancelled", "skipped"]).optional()),
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
