// The differential test: for every red-team case, what the sanitiser keeps is what a person sees on GitHub.
// The oracle (test/support/github-visible.ts) renders with its own GitHub-configured markdown-it and reads the
// visible text with a different HTML parser; the sanitiser's output is run through the same oracle, so its
// escapes and layout are allowed, but not one visible character more or less (whitespace aside). A second check
// compares letters and digits only, on the raw output minus link targets and list markers: hidden text cannot
// ride along in markup either.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sanitizeForAgent } from "../src/core/sanitize.js";
import { loadHiddenCorpus } from "./fixtures/redteam/hidden/load.js";
import { githubVisibleText, withoutWhitespace } from "./support/github-visible.js";

const cases = loadHiddenCorpus();

/** Letters and digits of the agent's text, less what is ours: link targets, image sources, list markers, checkboxes. */
function lettersOfOutput(text: string): string {
  return text
    .replace(/\]\((?:<[^>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)\)/g, "]")
    .replace(/^(?:[ \t]*>)*[ \t]*(?:[-*]|[0-9]{1,9}[.)])(?:[ \t]+\[[ x]\])?(?=[ \t]|$)/gm, "")
    .replace(/[^\p{L}\p{N}]/gu, "");
}

const letters = (text: string): string => text.replace(/[^\p{L}\p{N}]/gu, "");
const collapse = (text: string): string => text.replace(/\s+/g, " ");

describe("the red-team corpus for sanitising", () => {
  it("holds at least a hundred cases across ten families", () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
    expect(new Set(cases.map((c) => c.family)).size).toBeGreaterThanOrEqual(10);
  });
});

describe.each(cases.map((c) => [`${c.family}: ${c.name}`, c] as const))("%s", (_name, c) => {
  const { text } = sanitizeForAgent(c.text);

  it("keeps exactly the text GitHub shows", () => {
    expect(withoutWhitespace(githubVisibleText(text))).toBe(withoutWhitespace(githubVisibleText(c.text)));
  });

  it("adds no letter or digit beyond it", () => {
    expect(lettersOfOutput(text)).toBe(letters(githubVisibleText(c.text)));
  });

  it("lets nothing hidden through and everything shown", () => {
    for (const hidden of c.hidden) expect(text).not.toContain(hidden);
    const seen = collapse(githubVisibleText(text));
    for (const shown of c.shown) expect(seen).toContain(collapse(shown));
  });
});

describe("the sanitiser against the oracle on generated documents", () => {
  // Fragments of every construct the families use, glued at random: shapes nobody wrote down.
  const fragment = fc.constantFrom(
    "<!--",
    "-->",
    "<",
    ">",
    "`",
    "```",
    "\n",
    "\n\n",
    " ",
    "a",
    "b",
    "![",
    "](",
    "u",
    ' "t")',
    "<div hidden>",
    "</div>",
    '<img alt="x">',
    "\u200B",
    "&#xE0041;",
    "    ",
    "> ",
    "<script>",
    "</script>",
    "[x]",
    "]: u",
    "][x]",
    "[",
    "]",
    "<?",
    "?>",
    "<!",
    "D",
    "_",
    "*",
    "#",
    "1.",
    "|",
    "- [ ] ",
    "[^1]",
    "[^1]: ",
    "~~",
    "&amp;",
    "http://x.test/a_b",
    "<b>",
    "</b>",
    "\\",
    "| a | b |\n| --- | --- |\n",
    "<table><tr><td>",
    "<ul><li>",
    "</li></ul>",
    "<details>",
    "<summary>",
    "- ",
    "1. ",
    "\t",
    "=",
    "---",
    "```mermaid\n",
    "%% c\n",
  );

  it("keeps exactly the visible text of any of them", () => {
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 25 }), (parts) => {
        const input = parts.join("");
        expect(withoutWhitespace(githubVisibleText(sanitizeForAgent(input).text))).toBe(
          withoutWhitespace(githubVisibleText(input)),
        );
      }),
      { numRuns: 1000 },
    );
  });
});
