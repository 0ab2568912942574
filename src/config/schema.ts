// The schema of `.github/handoff.yml`. Each description is the documentation: docs/configuration.md is
// generated from it (src/config/docs.ts), and a test fails when the committed page is stale.
import * as z from "../core/zod.js";
import { PERMISSION_LADDER } from "../github/permission.js";
import { ExtraPatternSchema, validateExtraPattern } from "../core/redact/extra-patterns.js";

// The redaction module owns the shape and the vetting (including the backtracking check), so a pattern
// the loader accepts is one the redactor will run.
const extraPatternSchema = z.catchall(ExtraPatternSchema, z.never()).check(
  z.describe(
    "`{ kind, pattern, flags? }`: `[redacted: <kind>]` replaces each match of the JavaScript regular expression.",
  ),
  z.superRefine((value, ctx) => {
    const problem = validateExtraPattern(value);
    if (problem) ctx.addIssue({ code: "custom", path: ["pattern"], message: problem });
  }),
);

/**
 * `schema`, with `description` as its documentation (docs/configuration.md's column). Registered on the schema
 * itself, not on a copy through `.check(z.describe())`: zod/mini's copy reads the default once, and every parse
 * would then share that one array or object instead of getting its own, as it does in classic zod.
 */
function described<T extends z.ZodMiniType>(schema: T, description: string): T {
  z.globalRegistry.add(schema as z.ZodMiniType, { description });
  return schema;
}

export const configSchema = z.strictObject({
  directory: described(
    z._default(z.string().check(z.minLength(1)), ".handoffs/"),
    "Folder on the default branch whose `**/*.md` files are synced into issues.",
  ),
  labels: described(
    z._default(z.array(z.string().check(z.minLength(1), z.maxLength(50))), []),
    "Labels added to every handoff issue, besides `handoff` and the document's own.",
  ),
  minimum_permission: described(
    z._default(z.enum(PERMISSION_LADDER), "write"),
    "Least repository permission a person needs to file a handoff with `/handoff` or to return one.",
  ),
  on_remove: described(
    z._default(z.enum(["close", "comment", "ignore"]), "close"),
    "What happens to a file's issue when the file is deleted: close it (with a comment naming the commit), only comment, or nothing.",
  ),
  link_sub_issues: described(
    z._default(z.boolean(), true),
    "Link each new issue as a sub-issue of the thread it came from (or of the document's `parent`).",
  ),
  redact: described(
    z._default(
      z.strictObject({
        extra_patterns: described(
          z._default(z.array(extraPatternSchema).check(z.maxLength(50)), []),
          "Extra patterns redacted before anything is posted, as a list of `{ kind, pattern, flags }` (flags from `imsu`).",
        ),
      }),
      { extra_patterns: [] },
    ),
    "Redaction settings. Built-in secret and personal-data patterns always apply.",
  ),
  trusted: described(
    z._default(z.array(z.string().check(z.minLength(1), z.maxLength(100))), []),
    "Bot logins (an agent's bot: `my-agent[bot]`, or `my-agent`, read as `my-agent[bot]`) whose return handoffs are accepted without a permission check. People are never trusted by name: they need the minimum permission.",
  ),
  agents: described(
    z._default(
      z.record(z.string().check(z.minLength(1), z.maxLength(100)), z.string().check(z.minLength(1), z.maxLength(44))),
      { claude: "claude-code", "openai-codex": "codex", "codex-cli": "codex" },
    ),
    "Maps the `agent:` a document names to its label `agent:<name>`, which the example workflows filter on. Names are compared ignoring case, with spaces, `_` and `-` as one; a name not listed labels as itself. Setting it replaces the defaults.",
  ),
  ready_on_file: described(
    z._default(z.boolean(), false),
    "Add `handoff:ready` when filing, so a pickup workflow starts with no human in the middle. Only for a document that files without errors.",
  ),
  dry_run: described(z._default(z.boolean(), false), "Reply with a preview instead of filing or changing anything."),
});

export type HandoffConfig = z.infer<typeof configSchema>;

/** The configuration of a repository without `.github/handoff.yml`. */
export const DEFAULT_CONFIG: HandoffConfig = Object.freeze(configSchema.parse({})) as HandoffConfig;

/** `.handoffs`, `./.handoffs/` and `/.handoffs` all mean `.handoffs/`. */
export function normalizeDirectory(directory: string): string {
  const trimmed = directory.trim().replace(/^\.\//, "").replace(/^\/+/, "").replace(/\/+$/, "");
  return trimmed === "" || trimmed === "." ? "" : `${trimmed}/`;
}

/** Whether a repository path is a handoff document under the configured directory. */
export function isHandoffPath(path: string, directory: string): boolean {
  return path.startsWith(normalizeDirectory(directory)) && /\.md$/i.test(path);
}
