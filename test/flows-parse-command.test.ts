import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { looksLikeReturnDocument, parseCommand, shownLines } from "../src/flows/parse-command.js";
import { withCommandTitle } from "../src/flows/command-document.js";

describe("parseCommand", () => {
  it("finds /handoff at the start of a line and takes the rest of the line as the title", () => {
    expect(parseCommand("/handoff Fix the flaky login test\n## Context\nx")).toEqual({
      kind: "handoff",
      title: "Fix the flaky login test",
      dryRun: false,
      document: "## Context\nx",
      line: 1,
    });
  });

  it("takes the document from the lines after the command, ignoring text before it", () => {
    expect(parseCommand("Hi all\n\n/handoff\n\n# Doc\n\n")?.document).toBe("# Doc");
  });

  it("reads --dry-run anywhere on the command line", () => {
    expect(parseCommand("/handoff Fix it --dry-run\nx")).toMatchObject({ title: "Fix it", dryRun: true });
  });

  it("reads /handoff return as a return", () => {
    expect(parseCommand("/handoff return\n# Done")).toMatchObject({ kind: "return", title: "", document: "# Done" });
  });

  it("ignores the command inside a fenced code block", () => {
    expect(parseCommand("```\n/handoff\n```\nafter")).toBeNull();
    expect(parseCommand("~~~md\n/handoff\n~~~")).toBeNull();
  });

  it("finds the command after a closed fence", () => {
    expect(parseCommand("```\ncode\n```\n/handoff Go\nx")?.title).toBe("Go");
  });

  it("ignores the command in a block quote", () => {
    expect(parseCommand("> /handoff Fix it\n> doc")).toBeNull();
  });

  it("ignores the command on a lazy continuation line of a block quote, which GitHub shows inside the quote", () => {
    expect(parseCommand("> quoted text\n/handoff Fix it\ndoc")).toBeNull();
  });

  it("finds the command after a block quote ended by a blank line", () => {
    expect(parseCommand("> quoted text\n\n/handoff Fix it\ndoc")?.title).toBe("Fix it");
  });

  it("ignores the command inside a multi-line HTML comment, which GitHub does not show", () => {
    expect(parseCommand("Looks harmless.\n\n<!--\n/handoff Fix it\n-->\n")).toBeNull();
  });

  it("ignores the command inside an HTML comment opened in the middle of a paragraph", () => {
    expect(parseCommand("Looks harmless. <!--\n/handoff Fix it\n-->\n")).toBeNull();
  });

  it("ignores the command inside a code span that runs over several lines", () => {
    expect(parseCommand("Type `the\n/handoff Fix it\ncommand` to file.")).toBeNull();
  });

  it("ignores the command inside a raw HTML block", () => {
    expect(parseCommand("<div>\n/handoff Fix it\n</div>\n")).toBeNull();
  });

  it("finds the command after a closed HTML comment", () => {
    expect(parseCommand("<!-- a note -->\n/handoff Fix it\ndoc")).toMatchObject({
      title: "Fix it",
      document: "doc",
      line: 2,
    });
  });

  it("finds the first visible command when an earlier one is hidden", () => {
    expect(parseCommand("<!--\n/handoff Hidden\n-->\n\n/handoff Shown\ndoc")).toMatchObject({
      title: "Shown",
      document: "doc",
      line: 5,
    });
  });

  it("ignores a homoglyph of the command", () => {
    expect(parseCommand("/h\u0430ndoff Fix it\nx")).toBeNull();
    expect(parseCommand("\uff0fhandoff Fix it\nx")).toBeNull();
  });

  it("ignores words that only start with the command", () => {
    expect(parseCommand("/handoffs\nx")).toBeNull();
    expect(parseCommand("see /handoff\nx")).toBeNull();
  });

  it("counts only the first command; later ones are part of the document", () => {
    const command = parseCommand("/handoff One\n/handoff Two\n");
    expect(command).toMatchObject({ title: "One", document: "/handoff Two" });
  });

  it("accepts CRLF line endings and up to three leading spaces", () => {
    expect(parseCommand("   /handoff T\r\nbody\r\n")).toMatchObject({ title: "T", document: "body" });
    expect(parseCommand("    /handoff T\nbody")).toBeNull();
  });

  it("gives an empty document for a bare /handoff", () => {
    expect(parseCommand("/handoff")?.document).toBe("");
  });
});

describe("looksLikeReturnDocument", () => {
  it("recognises frontmatter with kind: return", () => {
    expect(looksLikeReturnDocument("---\nkind: return\nstatus: done\n---\n# X")).toBe(true);
  });

  it("does not take kind: return in the body for frontmatter", () => {
    expect(looksLikeReturnDocument("# X\n\nkind: return\n")).toBe(false);
    expect(looksLikeReturnDocument("---\nkind: handoff\n---\n")).toBe(false);
  });
});

describe("withCommandTitle", () => {
  it("makes the command text the title when the document has none", () => {
    expect(withCommandTitle("## Context\nx", "Fix it")).toBe("# Fix it\n\n## Context\nx");
  });

  it("puts the title after the frontmatter", () => {
    expect(withCommandTitle("---\nlabels: [a]\n---\n## Context", "Fix it")).toBe(
      "---\nlabels: [a]\n---\n# Fix it\n\n## Context",
    );
  });

  it("makes the command text the reason when the document has its own title", () => {
    expect(withCommandTitle("# Own title\nx", "because")).toBe("Reason: because\n\n# Own title\nx");
  });
});

describe("a command on the first line (read without a markdown parse)", () => {
  // Pieces that hide or quote lines, opened on the command line itself or after it.
  const opener = fc.constantFrom("", " `x", " <!-- x", " <div>", " | a |", " [^1]", " **", " <", " ```");
  const line = fc.constantFrom(
    "text",
    "```",
    "~~~",
    "    code",
    "> quote",
    "<!-- c -->",
    "<div>",
    "`",
    "-->",
    "| --- |",
    "---",
    "===",
    "- item",
    "[^1]: note",
    "/handoff again",
    "",
  );
  const body = fc
    .tuple(fc.constantFrom("", " ", "  ", "   "), fc.constantFrom("", " Title", " return"), opener, fc.array(line))
    .map(([indent, words, open, rest]) => [`${indent}/handoff${words}${open}`, ...rest].join("\n"));

  it("is what markdown-it shows as the commenter's prose, whatever follows it", () => {
    fc.assert(
      fc.property(body, (text) => {
        expect(shownLines(text, text.split("\n").length)[0]).toBe(true);
        expect(parseCommand(text)?.line).toBe(1);
      }),
      { numRuns: 2000 },
    );
  });
});
