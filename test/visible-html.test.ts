// The sanitiser's fast path (src/core/visible-html.ts) against parse5: wherever it builds a tree, that tree is the
// one parse5 builds from the same HTML, node for node; and it builds one for most documents, or it saves nothing.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { parseFragment } from "parse5";
import { describe, expect, it } from "vitest";
import { markdown } from "../src/core/markdown.js";
import { simpleFragment } from "../src/core/visible-html.js";
import { loadHiddenCorpus } from "./fixtures/redteam/hidden/load.js";

type Tree = { name: string; attrs?: unknown; text?: string; children?: Tree[] };

/** A tree as plain data: names, attributes in order, text and comment data, children (no parent links). */
function shape(node: object): Tree {
  const n = node as { nodeName: string; attrs?: unknown; value?: string; data?: string; childNodes?: object[] };
  return {
    name: n.nodeName,
    ...(n.attrs ? { attrs: n.attrs } : {}),
    ...(n.value !== undefined ? { text: n.value } : n.data !== undefined ? { text: n.data } : {}),
    ...(n.childNodes ? { children: n.childNodes.map(shape) } : {}),
  };
}

/** Whether the fast path took the HTML; throws (through expect) when its tree is not parse5's. */
function agrees(html: string): boolean {
  const fast = simpleFragment(html);
  if (fast) expect(shape(fast)).toEqual(shape(parseFragment(html)));
  return fast !== undefined;
}

const render = (text: string): string => markdown.render(text);

const FIXTURES = new URL("./fixtures/", import.meta.url).pathname;
const documents = readdirSync(FIXTURES, { recursive: true, encoding: "utf8" })
  .filter((file) => file.endsWith(".md"))
  .map((file) => readFileSync(join(FIXTURES, file), "utf8"));

describe("the fast path builds parse5's tree", () => {
  it("on every markdown fixture and every red-team case it takes", () => {
    const texts = [...documents, ...loadHiddenCorpus().map((c) => c.text)];
    expect(texts.length).toBeGreaterThan(200);
    const taken = texts.filter((text) => agrees(render(text))).length;
    // Most real documents are markdown with at most comments; the red-team cases mostly are not.
    expect(taken).toBeGreaterThan(texts.length / 3);
  });

  // Pieces of every construct markdown-it renders, and of raw HTML it passes through, glued at random.
  const piece = fc.constantFrom(
    "# ",
    "## h",
    "\n",
    "\n\n",
    " ",
    "a",
    "b c",
    "*",
    "**",
    "_",
    "~~",
    "`",
    "```",
    "```mermaid\n%% c\n",
    "    ",
    "> ",
    "- ",
    "1. ",
    "3) ",
    "- [ ] ",
    "[x] ",
    "---",
    "***",
    "| a | b |\n| :-- | --: |\n| c | d |\n",
    "|",
    "[",
    "]",
    "](u",
    ' "t")',
    "![",
    "[^1]",
    "[^1]: n",
    "<https://x.test/a>",
    "https://x.test/a_b",
    "www.x.test",
    "a@b.test",
    "&",
    "&amp;",
    "&copy;",
    "&#x41;",
    "<",
    ">",
    '"',
    "'",
    "\\",
    "  \n",
    "<!-- c -->",
    "<!-->",
    "<!--->",
    "<!-- a --->",
    "<!-- a --!> b -->",
    "<!--",
    "-->",
    "<em>",
    "</em>",
    '<a href="u">',
    "</a>",
    "<br>",
    "<br/>",
    "<p>",
    "</p>",
    "<div hidden>",
    "</div>",
    "<li>",
    "<td>",
    "<pre>\n",
    "\u200B",
    "\0",
    "\r\n",
    "\t",
  );

  it("on generated documents, and takes most of those without raw HTML", () => {
    let plain = 0;
    let plainTaken = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const text = parts.join("");
        const taken = agrees(render(text));
        if (!/<[a-z/]/.test(text)) {
          plain += 1;
          if (taken) plainTaken += 1;
        }
      }),
      { numRuns: 3000 },
    );
    expect(plainTaken).toBeGreaterThan(plain * 0.8);
  });

  it("on generated HTML of the subset's own tags, closed in order and nested any way", () => {
    const names = "p h2 blockquote ul ol li pre code em strong s a sup section table thead tbody tr th td".split(" ");
    const open = fc.constantFrom(
      ...names.map((name) => `<${name}>`),
      '<a href="#x">',
      '<td style="text-align:right">',
      '<li data-handoff-task=" ">',
      '<a href="#x" href="#y">',
    );
    const leaf = fc.constantFrom(
      "<br>",
      "<hr>",
      '<img src="u" alt="a &amp; &quot;b&quot;">',
      "<!-- c -->",
      "\n",
      " ",
      "t",
      "&lt;",
    );
    const { node } = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        leaf,
        fc
          .tuple(open, fc.array(tie("node"), { maxLength: 4 }))
          .map(([tag, children]) => `${tag}${children.join("")}</${/<(\w+)/.exec(tag)![1]}>`),
      ),
    }));
    let taken = 0;
    fc.assert(
      fc.property(fc.array(node, { maxLength: 5 }), (parts) => {
        if (agrees(parts.join(""))) taken += 1;
      }),
      { numRuns: 5000 },
    );
    expect(taken).toBeGreaterThan(500);
  });
});

describe("what the fast path leaves to parse5", () => {
  it.each([
    ["a link inside a link (an autolink in a link's text)", "[a <http://x.test>](u)\n"],
    ["raw HTML", "<div hidden>x</div>\n"],
    ["a tag markdown-it never writes", "a <b>x</b>\n"],
    ["a tag named as an object's property", "a <constructor>x</constructor>\n"],
    ["a comment parse5 ends early", "<!-- a --!> b -->\n"],
    ["text after a comment on its line", "<!-- a --> b\n"],
  ])("%s", (_name, text) => {
    expect(simpleFragment(render(text))).toBeUndefined();
  });

  // markdown-it normalises both away from what it renders; parse5's input stream reads them its own way.
  it.each([
    ["a carriage return, which parse5 reads as a line feed", "<p>a\r\nb\rc</p>"],
    ["a NUL in text, which parse5 drops", "<p>a\0b</p>"],
    ["a NUL in a comment or an attribute, which parse5 reads as U+FFFD", '<!--\0--><p title="\0">a</p>'],
  ])("%s", (_name, html) => {
    expect(JSON.stringify(shape(parseFragment(html)))).not.toMatch(/\\r|\\u0000/);
    expect(simpleFragment(html)).toBeUndefined();
  });

  it("an entity markdown-it never writes (it decodes them all)", () => {
    expect(render("&copy; &#x41;")).toBe("<p>© A</p>\n");
    expect(simpleFragment("<p>&copy; &#x41;</p>")).toBeUndefined();
  });

  it("a newline straight after <pre>, which parse5 drops", () => {
    const html = "<pre>\nx</pre>";
    expect(simpleFragment(html)).toBeUndefined();
    expect(shape(parseFragment(html)).children?.[0]?.children).toEqual([{ name: "#text", text: "x" }]);
  });
});
