// The schema of `.github/handoff.yml`. Each setting's description (CONFIG_DESCRIPTIONS) is the documentation:
// docs/configuration.md is generated from it (src/config/docs.ts), and a test fails when the committed page is stale.
import * as z from "../core/zod.js";
import { PERMISSION_LADDER } from "../github/permission.js";
import { ExtraPatternSchema, validateExtraPattern } from "../core/redact/extra-patterns.js";

// The redaction module owns the shape and the vetting (including the backtracking check), so a pattern
// the loader accepts is one the redactor will run.
// `{ kind, pattern, flags? }`: `[redacted: <kind>]` replaces each match of the JavaScript regular expression.
const extraPatternSchema = z.catchall(ExtraPatternSchema, z.never()).check(
  z.superRefine((value, ctx) => {
    const problem = validateExtraPattern(value);
    if (problem) ctx.addIssue({ code: "custom", path: ["pattern"], message: problem });
  }),
);

export const configSchema = z.strictObject({
  directory: z._default(z.string().check(z.minLength(1)), ".handoffs/"),
  labels: z._default(z.array(z.string().check(z.minLength(1), z.maxLength(50))), []),
  minimum_permission: z._default(z.enum(PERMISSION_LADDER), "write"),
  on_remove: z._default(z.enum(["close", "comment", "ignore"]), "close"),
  link_sub_issues: z._default(z.boolean(), true),
  // Redaction settings. Built-in secret and personal-data patterns always apply.
  redact: z._default(
    z.strictObject({
      extra_patterns: z._default(z.array(extraPatternSchema).check(z.maxLength(50)), []),
    }),
    { extra_patterns: [] },
  ),
  trusted: z._default(z.array(z.string().check(z.minLength(1), z.maxLength(100))), []),
  agents: z._default(
    z.record(z.string().check(z.minLength(1), z.maxLength(100)), z.string().check(z.minLength(1), z.maxLength(44))),
    { claude: "claude-code", "openai-codex": "codex", "codex-cli": "codex" },
  ),
  ready_on_file: z._default(z.boolean(), false),
  dry_run: z._default(z.boolean(), false),
});

/**
 * What each setting means, by its key in docs/configuration.md (`redact.extra_patterns` for a nested one): the page's
 * Description column, written from here by src/config/docs.ts. Beside the schema rather than registered on it, so
 * the Action, which never writes the page, does not carry them.
 */
export const CONFIG_DESCRIPTIONS: Readonly<Record<string, string>> = {
  directory: "Folder on the default branch whose `**/*.md` files are synced into issues.",
  labels: "Labels added to every handoff issue, besides `handoff` and the document's own.",
  minimum_permission: "Least repository permission a person needs to file a handoff with `/handoff` or to return one.",
  on_remove:
    "What happens to a file's issue when the file is deleted: close it (with a comment naming the commit), only comment, or nothing.",
  link_sub_issues: "Link each new issue as a sub-issue of the thread it came from (or of the document's `parent`).",
  "redact.extra_patterns":
    "Extra patterns redacted before anything is posted, as a list of `{ kind, pattern, flags }` (flags from `imsu`).",
  trusted:
    "Bot logins (an agent's bot: `my-agent[bot]`, or `my-agent`, read as `my-agent[bot]`) whose return handoffs are accepted without a permission check. People are never trusted by name: they need the minimum permission.",
  agents:
    "Maps the `agent:` a document names to its label `agent:<name>`, which the example workflows filter on. Names are compared ignoring case, with spaces, `_` and `-` as one; a name not listed labels as itself. Setting it replaces the defaults.",
  ready_on_file:
    "Add `handoff:ready` when filing, so a pickup workflow starts with no human in the middle. Only for a document that files without errors.",
  dry_run: "Reply with a preview instead of filing or changing anything.",
};

export type HandoffConfig = z.infer<typeof configSchema>;

/** Freezes the value and everything in it: for what one process shares between deliveries. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) for (const inner of Object.values(value)) deepFreeze(inner);
  return Object.freeze(value);
}

/**
 * The configuration of a repository without `.github/handoff.yml`. Deep-frozen: it is one object, shared by every
 * delivery in the process that finds no file (src/config/load.ts), and nothing may change it for the next one.
 */
export const DEFAULT_CONFIG: HandoffConfig = deepFreeze(configSchema.parse({}));

/** `.handoffs`, `./.handoffs/` and `/.handoffs` all mean `.handoffs/`. */
export function normalizeDirectory(directory: string): string {
  const trimmed = directory.trim().replace(/^\.\//, "").replace(/^\/+/, "").replace(/\/+$/, "");
  return trimmed === "" || trimmed === "." ? "" : `${trimmed}/`;
}

/** Whether a repository path is a handoff document under the configured directory. */
export function isHandoffPath(path: string, directory: string): boolean {
  return path.startsWith(normalizeDirectory(directory)) && /\.md$/i.test(path);
}
