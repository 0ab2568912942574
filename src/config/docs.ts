// docs/configuration.md is generated from the schema, so the documentation cannot drift from what is accepted.
// `test/config-docs.test.ts` fails when the committed page differs; run it with UPDATE_CONFIG_DOCS=1 to rewrite it.
import * as z from "../core/zod.js";
import { CONFIG_DESCRIPTIONS, configSchema, DEFAULT_CONFIG } from "./schema.js";
import { CONFIG_PATH } from "./load.js";

interface Row {
  key: string;
  type: string;
  default: unknown;
  description: string;
}

function typeName(schema: z.ZodMiniType): string {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as {
    type?: string;
    enum?: unknown[];
    items?: { type?: string };
  };
  if (json.enum) return json.enum.map((v) => `\`${String(v)}\``).join(" \\| ");
  if (json.type === "array") return `list of ${json.items?.type ?? "object"}`;
  return json.type ?? "object";
}

function rows(shape: Record<string, z.ZodMiniType>, defaults: Record<string, unknown>, prefix = ""): Row[] {
  return Object.entries(shape).flatMap(([name, schema]) => {
    const key = `${prefix}${name}`;
    const inner = schema instanceof z.ZodMiniDefault ? (schema.def.innerType as z.ZodMiniType) : schema;
    if (inner instanceof z.ZodMiniObject) {
      return rows(
        inner.shape as Record<string, z.ZodMiniType>,
        (defaults[name] ?? {}) as Record<string, unknown>,
        `${key}.`,
      );
    }
    const description = CONFIG_DESCRIPTIONS[key];
    if (description === undefined) throw new Error(`CONFIG_DESCRIPTIONS has no description of \`${key}\``);
    return [{ key, type: typeName(schema), default: defaults[name], description }];
  });
}

export function renderConfigDocs(): string {
  const table = rows(configSchema.shape as Record<string, z.ZodMiniType>, DEFAULT_CONFIG as Record<string, unknown>)
    .map((r) => `| \`${r.key}\` | ${r.type} | \`${JSON.stringify(r.default)}\` | ${r.description} |`)
    .join("\n");
  return `<!-- Generated from src/config/schema.ts by src/config/docs.ts; do not edit by hand. -->
# Configuration

handoff reads \`${CONFIG_PATH}\` from the default branch once per event. Every setting is optional. With the App, the
file may also live in the organisation's \`.github\` repository, and \`_extends: other-repo\` inherits another
repository's file. An invalid file is reported (a reply on the comment's thread, or the App's log for a push) and
nothing is filed.

| Setting | Type | Default | Description |
| --- | --- | --- | --- |
${table}

## Example

\`\`\`yaml
directory: .handoffs/
labels: [agents]
minimum_permission: write
on_remove: close
link_sub_issues: true
redact:
  extra_patterns:
    - kind: customer-id
      pattern: "CUST-[0-9]{6}"
trusted: [my-agent[bot]]
dry_run: false
\`\`\`
`;
}
