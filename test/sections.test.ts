import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseHandoff } from "../src/core/parse.js";
import {
  SECTION_ALIASES,
  canonicalSection,
  cleanHeading,
  readBlocks,
  sectionText,
  splitSections,
} from "../src/core/sections.js";
import { SECTION_NAMES } from "../src/core/types.js";

const doc = (...lines: string[]): string => lines.join("\n");
const outline = (text: string) => parseHandoff(text).sections.map((s) => [s.canonical, s.heading]);

describe("heading aliases", () => {
  it.each([
    ["Next steps", "next-steps"],
    ["NEXT STEPS", "next-steps"],
    ["1. Next steps", "next-steps"],
    ["2) Next steps", "next-steps"],
    ["Step 3: Next steps", "next-steps"],
    ["➡️ Next steps", "next-steps"],
    ["Next steps:", "next-steps"],
    ["**Next steps**", "next-steps"],
    ["_Next steps_", "next-steps"],
    ["`TODO`", "next-steps"],
    ["Immediate next steps", "next-steps"],
    ["Next steps (in priority order)", "next-steps"],
    ["What's next", "next-steps"],
    ["What’s next", "next-steps"],
    ["Background", "context"],
    ["Where we are", "context"],
    ["Non-goals", "out-of-scope"],
    ["Lessons & don'ts", "out-of-scope"],
    ["Key files", "pointers"],
    ["Sources of truth", "pointers"],
    ["Design decisions", "decisions"],
    ["Known issues", "open-questions"],
    ["Blockers", "open-questions"],
    ["What was done", "done"],
    ["Done so far", "done"],
    ["Definition of done", "acceptance"],
    ["How to verify", "acceptance"],
    ["Suggested skills", "skills"],
    ["Reason for handoff", "reason"],
    ["Nächste Schritte", "next-steps"],
    ["次のステップ", "next-steps"],
  ])("maps `%s` to %s", (heading, name) => {
    expect(canonicalSection(heading)).toBe(name);
  });

  it("maps every canonical name, written as words, to itself", () => {
    for (const name of SECTION_NAMES) expect(canonicalSection(name.replaceAll("-", " "))).toBe(name);
  });

  it("maps every alias in the table to its section", () => {
    for (const [name, aliases] of Object.entries(SECTION_ALIASES)) {
      for (const alias of aliases) expect([alias, canonicalSection(alias)]).toEqual([alias, name]);
    }
  });

  it.each(["Architecture in 60 seconds", "Note", "Fun facts", "2025-09-01", "Next door neighbours"])(
    "does not recognise `%s`",
    (heading) => {
      expect(canonicalSection(heading)).toBeNull();
    },
  );

  it("cleans a heading of markdown, numbering, emoji and trailing colons but keeps its case", () => {
    expect(cleanHeading("3. 🚧 **Open** `Questions`:")).toBe("Open Questions");
  });

  it("keeps a heading that is nothing but a number", () => {
    expect(cleanHeading("2024")).toBe("2024");
  });
});

describe("splitting the body", () => {
  it("uses the H2s below a single H1 title as sections and leaves the title out", () => {
    expect(outline(doc("# Title", "", "## Context", "a", "## Next steps", "b"))).toEqual([
      ["context", "Context"],
      ["next-steps", "Next steps"],
    ]);
  });

  it("keeps deeper headings inside their section", () => {
    const parsed = parseHandoff(doc("# T", "## Next steps", "### Phase 1", "do x", "### Open questions", "why?"));
    expect(parsed.sections.map((s) => s.canonical)).toEqual(["next-steps"]);
    expect(parsed.sections[0]?.text).toBe(doc("### Phase 1", "do x", "### Open questions", "why?"));
  });

  it("uses H1s as sections when the document has several", () => {
    expect(outline(doc("# Context", "a", "# Next steps", "b"))).toEqual([
      ["context", "Context"],
      ["next-steps", "Next steps"],
    ]);
  });

  it("lets recognised headings inside an unrecognised section (a dated log entry) start their own sections", () => {
    const text = doc(
      "# Log",
      "## 2025-01-01",
      "### Done",
      "a",
      "### Notes",
      "n",
      "## 2025-01-02",
      "### Next steps",
      "b",
    );
    expect(outline(text)).toEqual([
      [null, "2025-01-01"],
      ["done", "Done"],
      [null, "Notes"],
      [null, "2025-01-02"],
      ["next-steps", "Next steps"],
    ]);
  });

  it("keeps unrecognised sections, in order", () => {
    expect(outline(doc("## Zeta", "z", "## Context", "c", "## Alpha", "a"))).toEqual([
      [null, "Zeta"],
      ["context", "Context"],
      [null, "Alpha"],
    ]);
  });

  it("keeps text before the first section as a preamble with an empty heading", () => {
    const parsed = parseHandoff(doc("# Title", "", "Intro text.", "", "## Context", "c"));
    expect(parsed.sections[0]).toEqual({ canonical: null, heading: "", text: "Intro text.", line: 3 });
  });

  it("gives each section the document line of its heading", () => {
    const parsed = parseHandoff(doc("---", "title: T", "---", "## Context", "", "c"));
    expect(parsed.sections[0]).toMatchObject({ canonical: "context", line: 4, text: "c" });
  });

  it("does not treat a heading inside a code fence as a heading", () => {
    expect(outline(doc("## Context", "```", "## Next steps", "```"))).toEqual([["context", "Context"]]);
  });

  it("does not treat a heading inside a block quote as a section", () => {
    expect(outline(doc("## Context", "> ## Next steps", "> quoted"))).toEqual([["context", "Context"]]);
  });

  it("reads setext headings", () => {
    expect(outline(doc("Context", "-------", "a", "", "Next steps", "----------", "b"))).toEqual([
      ["context", "Context"],
      ["next-steps", "Next steps"],
    ]);
  });
});

describe("a heading that names the work without a direction", () => {
  it("is the work to do in a brief and the work done in a return", () => {
    const brief = doc("# 実装指示書: 雰囲気ライティング", "", "## 目的", "x", "", "## 作業内容", "- 追加する");
    expect(outline(brief)).toEqual([
      ["reason", "目的"],
      ["scope", "作業内容"],
    ]);
    const report = doc("# 作業報告書", "", "## 作業概要", "x", "", "## 作業内容", "- 追加した");
    expect(parseHandoff(report).sections.at(-1)).toMatchObject({
      canonical: "done",
      rule: 'in a return, the work it names is the work done (keywords: "作業内容")',
    });
  });
});

describe("bold pseudo-headings", () => {
  it("starts a section at a paragraph that is only a recognised bold label", () => {
    const parsed = parseHandoff(doc("## Context", "c", "", "**Next steps:**", "- do it"));
    expect(parsed.sections.map((s) => [s.canonical, s.text])).toEqual([
      ["context", "c"],
      ["next-steps", "- do it"],
    ]);
  });

  it("starts a section at a paragraph that opens with a recognised bold label followed by text", () => {
    const parsed = parseHandoff(doc("Intro", "", "**Next steps**: ship it", "today"));
    expect(parsed.sections[1]).toMatchObject({
      canonical: "next-steps",
      heading: "Next steps",
      text: "ship it\ntoday",
      line: 3,
    });
  });

  it("keeps a bold label under a deeper heading of a recognised section as that item's detail", () => {
    const text = doc(
      "# 作業報告書",
      "",
      "## 作業内容",
      "",
      "### 1. テストクラスの新規作成",
      "",
      "**目的：**",
      "",
      "テスト実装。",
    );
    expect(outline(text)).toEqual([["done", "作業内容"]]);
  });

  it("does not split at a bold label it does not recognise", () => {
    const parsed = parseHandoff(doc("## Context", "c", "", "**Note:** careful"));
    expect(parsed.sections).toHaveLength(1);
    expect(parsed.sections[0]?.text).toContain("**Note:** careful");
  });

  it("does not split at bold status metadata", () => {
    expect(parseHandoff(doc("# T", "", "**Status:** READY")).sections.map((s) => s.canonical)).toEqual([null]);
  });

  it("does not split at a bold label in the middle of a paragraph", () => {
    expect(parseHandoff(doc("Some text and then", "**Next steps:** not a heading")).sections).toHaveLength(1);
  });
});

describe("sectionText", () => {
  it("joins a section that appears twice", () => {
    const parsed = parseHandoff(doc("## Next steps", "one", "## Context", "c", "## TODO", "two"));
    expect(sectionText(parsed, "next-steps")).toBe("one\n\ntwo");
  });

  it("is empty for a section the document does not have", () => {
    expect(sectionText(parseHandoff("## Context\nc"), "decisions")).toBe("");
  });
});

describe("docs/handoff-format.md", () => {
  const format = readFileSync(new URL("../docs/handoff-format.md", import.meta.url), "utf8");

  it("names every canonical section", () => {
    for (const name of SECTION_NAMES) expect(format).toContain(`\`${name}\``);
  });

  it("lists every alias of the alias table", () => {
    const missing = Object.values(SECTION_ALIASES)
      .flat()
      .filter((alias) => !format.includes(`\`${alias}\``));
    expect(missing).toEqual([]);
  });
});

describe("section texts sliced from the body a run of lines at a time", () => {
  const line = fc.constantFrom(
    "# Title",
    "## Next steps",
    "## Notes",
    "### Done",
    "#### 2026-04-14 – Rewrite",
    "**Next steps:** do it",
    "**Open questions**",
    "**Done:**   ",
    "- **done:** the parser",
    "- **next:** the bench",
    "- item",
    "1. first",
    "text",
    "```",
    "`",
    "> quoted",
    "",
    "",
    "   ",
    "\t",
    "\u00a0",
    "| a | b |",
    "| --- | --- |",
  );
  const document = fc
    .tuple(fc.array(line, { maxLength: 25 }), fc.constantFrom("\n", "\n", "\r\n"))
    .map(([lines, eol]) => lines.join(eol));

  it("equal the texts built line by line, with the same lines and rules", () => {
    let sections = 0;
    fc.assert(
      fc.property(document, (body) => {
        const blocks = readBlocks(body);
        const lineByLine = splitSections(body, 3, blocks, true);
        sections += lineByLine.length;
        expect(splitSections(body, 3, blocks)).toStrictEqual(lineByLine);
      }),
      { numRuns: 3_000 },
    );
    expect(sections).toBeGreaterThan(3_000);
  });
});
