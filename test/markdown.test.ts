import { describe, expect, it } from "vitest";
import { markdown, parseBlockTokens, parseWithPositions, readBlocks } from "../src/core/markdown.js";

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
