// The frontmatter schema. Its descriptions (FRONTMATTER_DESCRIPTIONS) are the documentation: docs/handoff-format.md
// and schema/handoff.schema.json are written from them.
import * as z from "./zod.js";
import type { IssueRef } from "./types.js";

/** A regular expression source matching any of `words` in any letter case, without the `i` flag. */
// JSON Schema has no flags, so case-insensitivity is spelt out as `[Hh][Aa]...`: the pattern then means the
// same thing to zod, to ajv and to an editor validating against schema/handoff.schema.json.
function anyCase(words: readonly string[]): RegExp {
  const alternatives = words.map((w) =>
    [...w].map((c) => (c.toLowerCase() === c.toUpperCase() ? c : `[${c.toUpperCase()}${c.toLowerCase()}]`)).join(""),
  );
  return new RegExp(`^\\s*(?:${alternatives.join("|")})\\s*$`);
}

const OWNER = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})";
const REPO = "[A-Za-z0-9._-]{1,100}";
const ISSUE_URL = `https?://[A-Za-z0-9.:-]{1,253}/(${OWNER})/(${REPO})/(?:issues|pull|pulls)/(\\d{1,10})(?:[/#?][^\\s]*)?`;

/** Every regular expression of this module, exported so test/patterns-parse.test.ts can prove each one safe. */
export const SCHEMA_PATTERNS = {
  kind: anyCase(["handoff", "return"]),
  issueNumber: /^#?(\d{1,10})$/,
  issueShorthand: new RegExp(`^(${OWNER})/(${REPO})#(\\d{1,10})$`),
  // Any host, so GitHub Enterprise Server URLs resolve too; anything after the number (`#issuecomment-1`, `/files`) is ignored.
  issueUrl: new RegExp(`^${ISSUE_URL}$`),
  // All three forms in one pattern, for the JSON Schema (so an editor can check `parent:` as it is typed).
  issueRef: new RegExp(`^\\s*(?:#?\\d{1,10}|${OWNER}/${REPO}#\\d{1,10}|${ISSUE_URL})\\s*$`),
} as const;

/** `#12`, `12`, `owner/repo#12` or an issue/PR URL (github.com or Enterprise) → IssueRef; null when it is none of these. */
export function parseIssueRef(value: string | number): IssueRef | null {
  if (typeof value === "number") return Number.isSafeInteger(value) && value > 0 ? { number: value } : null;
  const text = value.trim();
  const bare = SCHEMA_PATTERNS.issueNumber.exec(text);
  if (bare) return positive({ number: Number(bare[1]) });
  const short = SCHEMA_PATTERNS.issueShorthand.exec(text);
  if (short) return positive({ owner: short[1], repo: short[2], number: Number(short[3]) });
  const url = text.length <= 2048 ? SCHEMA_PATTERNS.issueUrl.exec(text) : null;
  if (url) return positive({ owner: url[1], repo: url[2], number: Number(url[3]) });
  return null;
}

function positive(ref: IssueRef): IssueRef | null {
  return ref.number > 0 ? ref : null;
}

/** A list written either as a YAML list or as one comma-separated string; empty items are dropped, duplicates kept once. */
function stringList(clean: (item: string) => string = (s) => s) {
  return z.pipe(
    z.union([z.array(z.union([z.string(), z.number()])), z.string()]),
    z.transform((value: string | (string | number)[]) => {
      const items = Array.isArray(value) ? value.map(String) : value.split(",");
      const cleaned = items.map((item) => clean(item.trim())).filter((item) => item.length > 0);
      return [...new Set(cleaned)];
    }),
  );
}

const text = () => z.string().check(z.trim(), z.minLength(1));

/** The known frontmatter fields. Every one is optional; unknown keys are allowed (kept in `extra`, with a warning). */
export const FrontmatterSchema = z.object({
  title: z.optional(text()),
  reason: z.optional(text()),
  kind: z.optional(
    z.pipe(
      z.string().check(z.regex(SCHEMA_PATTERNS.kind, "expected `handoff` or `return`")),
      z.transform((s: string) => s.trim().toLowerCase() as "handoff" | "return"),
    ),
  ),
  status: z.optional(
    z.pipe(
      z.string().check(z.trim(), z.minLength(1)),
      z.transform((s: string) => s.toLowerCase()),
    ),
  ),
  parent: z.optional(
    z.pipe(
      z.union([
        z.string().check(z.regex(SCHEMA_PATTERNS.issueRef, "expected `#12`, `owner/repo#12` or an issue URL")),
        z.number().check(z.int(), z.positive()),
      ]),
      z.transform((value: string | number, ctx) => {
        const ref = parseIssueRef(value);
        return ref ?? z.refuse(ctx, `\`${String(value)}\` is not an issue reference`);
      }),
    ),
  ),
  labels: z.optional(stringList()),
  assignees: z.optional(stringList((s) => (s.startsWith("@") ? s.slice(1) : s))),
  skills: z.optional(stringList()),
  agent: z.optional(text()),
  id: z.optional(z.pipe(z.union([z.string().check(z.trim(), z.minLength(1)), z.number()]), z.transform(String))),
});

export type FrontmatterFields = z.output<typeof FrontmatterSchema>;
export type FrontmatterKey = keyof typeof FrontmatterSchema.shape;
export const FRONTMATTER_KEYS = Object.keys(FrontmatterSchema.shape) as FrontmatterKey[];

/**
 * What each field means: the documentation of docs/handoff-format.md and schema/handoff.schema.json. Registered on
 * the schema only when the JSON Schema is written, so the Action, which writes neither, does not carry them.
 */
export const FRONTMATTER_DESCRIPTIONS: Record<FrontmatterKey, string> = {
  title: "The issue title. Defaults to the first `# Heading`, or else the first line of text.",
  reason:
    "Why the work was handed off, in a sentence: the context ran out, a separate concern, a specialist is needed.",
  kind: "`handoff` (parent to child: here is a piece of work) or `return` (child to parent: here is what happened). Any letter case. Defaults to `handoff`, or `return` when the title starts with `Return:`.",
  status: "For a return: how it ended, such as `done`, `partial` or `blocked`. Free text, stored in lower case.",
  parent:
    "The issue or pull request this work belongs to: `#12`, `12`, `owner/repo#12`, or its URL (GitHub Enterprise hosts too).",
  labels: "Labels for the issue: a YAML list or a comma-separated string.",
  assignees: "GitHub users to assign: a YAML list or a comma-separated string; a leading `@` is ignored.",
  skills:
    "Skills or tools the next agent will need (`typescript`, `playwright`): a YAML list or a comma-separated string.",
  agent: "The agent suggested to pick this up, e.g. `claude`, `codex`, `copilot`.",
  id: "A stable identifier of your own for this handoff, string or number.",
};

/** What each field expects, phrased as the fix; used for the hint of an `invalid-field` diagnostic. */
export const FIELD_EXPECTATIONS: Record<FrontmatterKey, string> = {
  title: "Write `title:` as a single line of text.",
  reason: "Write `reason:` as a sentence of text.",
  kind: "Write `kind: handoff` or `kind: return`.",
  status: "Write `status:` as a word such as `done`, `partial` or `blocked`.",
  parent: "Write `parent:` as `#12`, `owner/repo#12` or an issue URL such as https://github.com/owner/repo/issues/12.",
  labels: "Write `labels:` as a YAML list (`[bug, agent]`) or a comma-separated string.",
  assignees: "Write `assignees:` as a YAML list of user names or a comma-separated string.",
  skills: "Write `skills:` as a YAML list or a comma-separated string.",
  agent: "Write `agent:` as the name of an agent, e.g. `claude`.",
  id: "Write `id:` as a string or a number.",
};

/** The JSON Schema of the frontmatter (what an author writes, so the input side of every transform). */
export function handoffJsonSchema(): Record<string, unknown> {
  z.globalRegistry.add(FrontmatterSchema, {
    title: "Handoff document frontmatter",
    description:
      "The optional YAML frontmatter of a handoff document, between `---` lines at the very top. Unknown keys are allowed: they are kept and reported as warnings.",
  });
  for (const key of FRONTMATTER_KEYS) {
    z.globalRegistry.add(FrontmatterSchema.shape[key].def.innerType, { description: FRONTMATTER_DESCRIPTIONS[key] });
  }
  return z.toJSONSchema(FrontmatterSchema, { io: "input", target: "draft-2020-12" }) as Record<string, unknown>;
}
