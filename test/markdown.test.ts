import fc from "fast-check";
import MarkdownIt from "markdown-it";
import footnote from "markdown-it-footnote";
import { describe, expect, it } from "vitest";
import { markdown, parseBlockTokens, parseWithPositions, readBlocks, type Token } from "../src/core/markdown.js";
import { ADVERSARIAL } from "../bench/documents.js";

describe("the one markdown-it", () => {
  it("records where each code span and inline HTML starts and ends in its inline text", () => {
    const { env } = parseWithPositions("Say `x` then <!-- a\nb --> end");
    const ranges = env.inline.get("Say `x` then <!-- a\nb --> end") ?? [];
    expect(ranges.filter((r) => r.type === "code_inline")).toEqual([{ type: "code_inline", start: 4, end: 7 }]);
    expect(ranges.filter((r) => r.type === "html_inline")).toEqual([{ type: "html_inline", start: 13, end: 25 }]);
  });

  it("renders exactly as it does without recording positions", () => {
    const text = "Say `x` and **bold** [a](https://example.com) <b>t</b> https://example.org";
    expect(markdown.renderer.render(parseWithPositions(text).tokens, markdown.options, {})).toBe(markdown.render(text));
  });

  it("reads GitHub's tables and strikethrough, and links bare URLs as GitHub does", () => {
    expect(parseBlockTokens("| a | b |\n| - | - |\n| 1 | 2 |")[0]?.type).toBe("table_open");
    expect(markdown.renderInline("~~gone~~ https://example.org")).toBe(
      '<s>gone</s> <a href="https://example.org">https://example.org</a>',
    );
  });

  it("reads a heading inside a fence as code", () => {
    expect(readBlocks("```\n# not a heading\n```\n# Heading").map((b) => b.kind)).toEqual(["fence", "heading"]);
  });

  it("gives block tokens the same lines for \\r\\n, \\r and \\n line breaks", () => {
    const maps = (text: string) => parseBlockTokens(text).map((t) => t.map);
    expect(maps("# a\r\n\r\ntext\r\n")).toEqual(maps("# a\n\ntext\n"));
    expect(maps("# a\r\rtext\r")).toEqual(maps("# a\n\ntext\n"));
  });
});

/** A markdown-it configured as ours (GFM, raw HTML, footnotes) with none of our own rules: the oracle. */
const vanilla = new MarkdownIt("default", { html: true, linkify: true }).use(footnote);

/** markdown-it's own block tokens for `text`, every table whole. */
function wholeTableTokens(text: string): Token[] {
  const tokens: Token[] = [];
  vanilla.block.parse(text.replace(/\r\n?/g, "\n").replaceAll("\0", "\uFFFD"), vanilla, {}, tokens);
  return tokens;
}

/** The same tokens without those between `tbody_open` and `tbody_close`: a table's body rows. */
function withoutBodyRows(tokens: Token[]): Token[] {
  let inBody = false;
  return tokens.filter((token) => {
    if (token.type === "tbody_close") inBody = false;
    const keep = !inBody;
    if (token.type === "tbody_open") inBody = true;
    return keep;
  });
}

const TABLE_LINES = [
  "| a | b |",
  "| --- | --- |",
  "|:-:|--:|",
  "| - |",
  "a | b",
  "| x |",
  "| a \\| b | c |",
  "| `x|y` | <b>z</b> |",
  "|",
  "> | q | r |",
  "> | - | - |",
  "- | l | m |",
  "  | - | - |",
  "  | n | o |",
  "    | code | row |",
  "```",
  "# heading",
  "text",
  "",
  "<div>",
  "[^1]: a note",
  "---",
];

describe("block tokens for block readers", () => {
  it("are markdown-it's own, less a table's body rows", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TABLE_LINES), { maxLength: 14 }), (lines) => {
        const text = lines.join("\n");
        expect(parseBlockTokens(text)).toStrictEqual(withoutBodyRows(wholeTableTokens(text)));
      }),
      { numRuns: 2000 },
    );
  });

  it("keep a table's extent, header and body lines: the body rows are read, only not kept", () => {
    const tokens = parseBlockTokens("| a | b |\n| - | - |\n| c | d |\n| e | f |\n\npara");
    expect(tokens.find((t) => t.type === "table_open")?.map).toEqual([0, 4]);
    expect(tokens.find((t) => t.type === "tbody_open")?.map).toEqual([2, 4]);
    expect(tokens.filter((t) => t.type === "th_open")).toHaveLength(2);
    expect(tokens.some((t) => t.type === "td_open")).toBe(false);
    expect(readBlocks("| a | b |\n| - | - |\n| c | d |\n\npara").map((b) => b.content)).toEqual(["para"]);
  });

  it.each(["table-rows", "open-fences", "nested-quotes", "headings"])(
    "are markdown-it's own on the bench's %s shape",
    (shape) => {
      const text = ADVERSARIAL[shape]!.make(16 * 1024);
      expect(parseBlockTokens(text)).toStrictEqual(withoutBodyRows(wholeTableTokens(text)));
    },
  );

  it("are tokens as markdown-it makes them: its prototype, the same properties in the same order", () => {
    const text = "# h\n\n- a\n  > b\n\n```js\nx\n```\n\n| a |\n| - |\n| c |\n\n<div>\n\n[^1]: n";
    const ours = parseBlockTokens(text);
    const theirs = withoutBodyRows(wholeTableTokens(text));
    expect(ours.map((t) => Object.getPrototypeOf(t))).toEqual(theirs.map((t) => Object.getPrototypeOf(t)));
    expect(ours.map((t) => Object.keys(t))).toEqual(theirs.map((t) => Object.keys(t)));
    expect(ours).toStrictEqual(theirs);
  });

  it("leave every other parse whole: a rendered table keeps its rows", () => {
    expect(markdown.render("| a |\n| - |\n| c |")).toContain("<td>c</td>");
  });

  it("leave a table able to end a paragraph, as in markdown-it", () => {
    const text = "<b><!--\n| a | b |\n| --- | --- |\n";
    expect(parseBlockTokens(text).map((t) => t.type)).toEqual(wholeTableTokens(text).map((t) => t.type));
    expect(markdown.render(text)).toBe(vanilla.render(text));
  });

  it("leave every full parse as markdown-it's own", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TABLE_LINES), { maxLength: 14 }), (lines) => {
        const text = lines.join("\n");
        expect(markdown.parse(text, {})).toStrictEqual(vanilla.parse(text, {}));
      }),
      { numRuns: 1000 },
    );
  });
});
