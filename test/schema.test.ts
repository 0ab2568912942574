import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { splitFrontmatter } from "../src/core/frontmatter.js";
import { FrontmatterSchema, handoffJsonSchema } from "../src/core/schema.js";

const committedText = readFileSync(new URL("../schema/handoff.schema.json", import.meta.url), "utf8");
const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/documents/${name}`, import.meta.url), "utf8");
const frontmatterOf = (name: string): unknown => parseYaml(splitFrontmatter(fixture(name)).yaml ?? "");

const validate = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true }).compile(
  JSON.parse(committedText) as object,
);

describe("schema/handoff.schema.json", () => {
  it("is what `npm run schema` generates from the zod schema (run it if this fails)", () => {
    expect(JSON.parse(committedText)).toEqual(handoffJsonSchema());
  });

  it("is pretty-printed with a trailing newline", () => {
    expect(committedText).toBe(`${JSON.stringify(handoffJsonSchema(), null, 2)}\n`);
  });

  it.each(["frontmatter.md", "parent-to-child-brief.md", "return-handoff.md", "crlf.md"])(
    "accepts the frontmatter of %s",
    (name) => {
      expect(validate(frontmatterOf(name)), JSON.stringify(validate.errors)).toBe(true);
    },
  );

  it("accepts `kind` in any letter case, as the parser does", () => {
    expect(validate({ kind: "Return" })).toBe(true);
  });

  it("allows unknown keys, which the parser keeps with a warning", () => {
    expect(validate({ priority: "high" })).toBe(true);
  });

  it.each([
    ["an unknown kind", { kind: "request" }],
    ["a parent that is not an issue reference", { parent: "the login issue" }],
    ["a list of labels that are objects", { labels: [{ name: "bug" }] }],
    ["an empty title", { title: "" }],
  ])("rejects %s", (_name, frontmatter) => {
    expect(validate(frontmatter)).toBe(false);
  });
});

/** A field's description, as the JSON Schema carries it to editors. */
const descriptionOf = (key: string): unknown =>
  (handoffJsonSchema() as { properties: Record<string, { description?: unknown }> }).properties[key]?.description;

describe("FrontmatterSchema", () => {
  it("describes every field, so the JSON Schema and the docs can explain it", () => {
    for (const key of Object.keys(FrontmatterSchema.shape)) {
      expect(descriptionOf(key), key).toBeTruthy();
    }
  });

  it("has every field in docs/handoff-format.md with the same description", () => {
    const format = readFileSync(new URL("../docs/handoff-format.md", import.meta.url), "utf8");
    for (const key of Object.keys(FrontmatterSchema.shape)) {
      expect(format).toContain(`| \`${key}\` |`);
      expect(format, key).toContain(descriptionOf(key) ?? "(no description)");
    }
  });
});
