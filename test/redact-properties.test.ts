import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { redact, shannonEntropy } from "../src/core/redact/index.js";
import { fakeExamples, seeded } from "./fixtures/redact/fakes.js";

const lineCount = (text: string) => text.split("\n").length;

/** Lines that look like the markdown agents write: headings, lists, fences, tables, quotes, code. */
const markdownLine = fc.oneof(
  fc.constantFrom(
    "# Handoff: fix the cache",
    "## Next steps",
    "```ts",
    "```",
    "| File | Lines |",
    "| ---- | ----- |",
    "| src/a.ts | 10-20 |",
    "> Quoted note from the reviewer.",
    "- [ ] write the test",
    "1. Run `npm test` (takes 12.5s).",
    "See src/core/parse.ts:42-87 and #418 at 3f2a1bc.",
    "const token = await getToken(config.url);",
    "PORT=3000",
    "",
    "    indented code block",
    '<!-- handoff:v1 {"v":1} -->',
  ),
  fc.string({ unit: "grapheme-ascii", maxLength: 60 }),
  fc.stringMatching(/^[a-z]{1,10}(?: [a-z]{1,10}){0,8}[.:]?$/),
);

const markdown = fc.array(markdownLine, { maxLength: 25 }).map((lines) => lines.join("\n"));

/** Where in a line a secret lands: alone, at the start or end of prose, or inside markup. */
const placements: ((secret: string, words: string) => string)[] = [
  (s) => s,
  (s, w) => `${s} ${w}`,
  (s, w) => `${w} ${s}`,
  (s, w) => `- ${w} ${s}`,
  (s, w) => `> ${w} ${s}`,
  (s, w) => `| ${w} | ${s} |`,
  (s) => `\`\`\`\n${s}\n\`\`\``,
  (s, w) => `${w}: \`${s}\``,
  (s) => `  ${s}`,
];

describe("redaction properties", () => {
  it("is idempotent on arbitrary markdown-ish text", async () => {
    await fc.assert(
      fc.asyncProperty(markdown, fc.integer(), async (doc, seed) => {
        const examples = fakeExamples(seeded(seed));
        const withSecrets = `${doc}\n${examples[Math.abs(seed) % examples.length]?.text ?? ""}\n${doc}`;
        const once = await redact(withSecrets);
        const twice = await redact(once.text);
        expect(twice.text).toBe(once.text);
        expect(twice.report).toEqual({ total: 0, kinds: {} });
      }),
      { numRuns: 150 },
    );
  });

  it("is a function of its text: the same text gives the same text and report, whatever was redacted before", async () => {
    await fc.assert(
      fc.asyncProperty(markdown, markdown, fc.integer(), async (doc, between, seed) => {
        const examples = fakeExamples(seeded(seed));
        const text = `${doc}\n${examples[Math.abs(seed) % examples.length]?.text ?? ""}`;
        const first = await redact(text);
        await redact(`${between}\n${examples[Math.abs(seed + 1) % examples.length]?.text ?? ""}`);
        expect(await redact(text)).toEqual(first);
      }),
      { numRuns: 100 },
    );
  });

  it("lets no seeded secret survive, wherever it is inserted in random markdown", async () => {
    const exampleCount = fakeExamples(seeded(0)).length;
    await fc.assert(
      fc.asyncProperty(
        markdown,
        markdown,
        fc.integer(),
        fc.nat({ max: exampleCount - 1 }),
        fc.nat({ max: placements.length - 1 }),
        fc.stringMatching(/^[a-z]{1,8}(?: [a-z]{1,8}){0,3}$/),
        async (before, after, seed, which, where, words) => {
          const example = fakeExamples(seeded(seed))[which];
          const place = placements[where];
          if (!example || !place) throw new Error("generator out of range");
          const doc = `${before}\n${place(example.text, words)}\n${after}`;
          const { text, report } = await redact(doc);
          for (const secret of example.secrets) expect(text).not.toContain(secret);
          expect(report.kinds[example.kind] ?? 0).toBeGreaterThanOrEqual(1);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("preserves the line count of any document", async () => {
    await fc.assert(
      fc.asyncProperty(markdown, fc.integer(), fc.nat(), async (doc, seed, at) => {
        const examples = fakeExamples(seeded(seed));
        const lines = doc.split("\n");
        lines.splice(at % (lines.length + 1), 0, ...examples.map((e) => e.text));
        const input = lines.join("\n");
        const { text } = await redact(input);
        expect(lineCount(text)).toBe(lineCount(input));
      }),
      { numRuns: 100 },
    );
  });
});

describe("shannonEntropy", () => {
  /** The definition, written plainly: count each character (code point) of the string, sum -p·log2(p) in first-seen order. */
  function byDefinition(value: string): number {
    if (value.length === 0) return 0;
    const counts = new Map<string, number>();
    for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    const length = [...value].length;
    let bits = 0;
    for (const count of counts.values()) bits -= (count / length) * Math.log2(count / length);
    return bits;
  }

  it("gives exactly the definition's bits, to the last one, on any string (surrogates too)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" }), fc.base64String()), (s) => {
        expect(shannonEntropy(s)).toBe(byDefinition(s));
      }),
      { numRuns: 5000 },
    );
    for (const s of ["\ud800", "a\udc00b", "😀😀a", "\ud83d"]) expect(shannonEntropy(s)).toBe(byDefinition(s));
  });
});
