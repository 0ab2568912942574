// The schema of `.github/handoff.yml`. Each `.describe()` text is the documentation: docs/configuration.md is
// generated from it (src/config/docs.ts), and a test fails when the committed page is stale.
import * as z from "zod";
import { PERMISSION_LADDER } from "../github/permission.js";
import { ExtraPatternSchema, validateExtraPattern } from "../core/redact/extra-patterns.js";

// The redaction module owns the shape and the vetting (including the backtracking check), so a pattern
// the loader accepts is one the redactor will run.
const extraPatternSchema = ExtraPatternSchema.strict()
  .describe(
    "`{ kind, pattern, flags? }`: `[redacted: <kind>]` replaces each match of the JavaScript regular expression.",
  )
  .superRefine((value, ctx) => {
    const problem = validateExtraPattern(value);
    if (problem) ctx.addIssue({ code: "custom", path: ["pattern"], message: problem });
  });

export const configSchema = z
  .object({
    directory: z
      .string()
      .min(1)
      .default(".handoffs/")
      .describe("Folder on the default branch whose `**/*.md` files are synced into issues."),
    labels: z
      .array(z.string().min(1).max(50))
      .default([])
      .describe("Labels added to every handoff issue, besides `handoff` and the document's own."),
    minimum_permission: z
      .enum(PERMISSION_LADDER)
      .default("write")
      .describe("Least repository permission a person needs to file a handoff with `/handoff` or to return one."),
    on_remove: z
      .enum(["close", "comment", "ignore"])
      .default("close")
      .describe(
        "What happens to a file's issue when the file is deleted: close it (with a comment naming the commit), only comment, or nothing.",
      ),
    link_sub_issues: z
      .boolean()
      .default(true)
      .describe("Link each new issue as a sub-issue of the thread it came from (or of the document's `parent`)."),
    redact: z
      .object({
        extra_patterns: z
          .array(extraPatternSchema)
          .max(50)
          .default([])
          .describe(
            "Extra patterns redacted before anything is posted, as a list of `{ kind, pattern, flags }` (flags from `imsu`).",
          ),
      })
      .strict()
      .default({ extra_patterns: [] })
      .describe("Redaction settings. Built-in secret and personal-data patterns always apply."),
    trusted: z
      .array(z.string().min(1).max(100))
      .default([])
      .describe(
        "Bot logins (an agent's bot: `my-agent[bot]`, or `my-agent`, read as `my-agent[bot]`) whose return handoffs are accepted without a permission check. People are never trusted by name: they need the minimum permission.",
      ),
    agents: z
      .record(z.string().min(1).max(100), z.string().min(1).max(44))
      .default({ claude: "claude-code", "openai-codex": "codex", "codex-cli": "codex" })
      .describe(
        "Maps the `agent:` a document names to its label `agent:<name>`, which the example workflows filter on. Names are compared ignoring case, with spaces, `_` and `-` as one; a name not listed labels as itself. Setting it replaces the defaults.",
      ),
    ready_on_file: z
      .boolean()
      .default(false)
      .describe(
        "Add `handoff:ready` when filing, so a pickup workflow starts with no human in the middle. Only for a document that files without errors.",
      ),
    dry_run: z.boolean().default(false).describe("Reply with a preview instead of filing or changing anything."),
  })
  .strict();

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
