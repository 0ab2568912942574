import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_TITLE_CHARS } from "../src/core/limits.js";
import { hasErrors, parseHandoff } from "../src/core/parse.js";

const doc = (...lines: string[]): string => lines.join("\n");

describe("frontmatter", () => {
  it("reads the known fields of a YAML frontmatter", () => {
    const parsed = parseHandoff(
      doc("---", "title: Fix login", "kind: handoff", "agent: claude", "id: 7", "---", "Body"),
    );
    expect(parsed).toMatchObject({ title: "Fix login", kind: "handoff", agent: "claude", id: "7" });
  });

  it("keeps the raw frontmatter text and starts the body after the closing fence", () => {
    const parsed = parseHandoff(doc("---", "title: A", "---", "First body line"));
    expect(parsed.frontmatterText).toBe("title: A");
    expect(parsed.body).toBe("First body line");
    expect(parsed.bodyLine).toBe(4);
  });

  it("accepts `...` as the closing fence", () => {
    const parsed = parseHandoff(doc("---", "title: Dots", "...", "Body"));
    expect(parsed.title).toBe("Dots");
  });

  it("tolerates a byte-order mark and CRLF line endings", () => {
    const parsed = parseHandoff("\uFEFF---\r\ntitle: Windows\r\nlabels: a, b\r\n---\r\nBody\r\n");
    expect(parsed.title).toBe("Windows");
    expect(parsed.labels).toEqual(["a", "b"]);
    expect(parsed.bodyLine).toBe(5);
  });

  it("treats a document without an opening fence as all body", () => {
    const parsed = parseHandoff(doc("title: not frontmatter", "", "Text"));
    expect(parsed.frontmatterText).toBeNull();
    expect(parsed.bodyLine).toBe(1);
  });

  it("reads `kind` in any letter case", () => {
    expect(parseHandoff(doc("---", "kind: RETURN", "---")).kind).toBe("return");
  });

  it("stores `status` in lower case", () => {
    expect(parseHandoff(doc("---", "status: Blocked", "---")).status).toBe("blocked");
  });

  it.each([
    ["'#12'", { number: 12 }],
    ["12", { number: 12 }],
    ["octo/app#12", { owner: "octo", repo: "app", number: 12 }],
    ["https://github.com/octo/app/issues/12", { owner: "octo", repo: "app", number: 12 }],
    ["https://github.com/octo/app/pull/34#issuecomment-99", { owner: "octo", repo: "app", number: 34 }],
    ["https://ghe.example.com/team/svc/issues/5", { owner: "team", repo: "svc", number: 5 }],
  ])("reads parent %s as an issue reference", (written, expected) => {
    expect(parseHandoff(doc("---", `parent: ${written}`, "---")).parent).toEqual(expected);
  });

  it("reads labels, assignees and skills from a YAML list or a comma-separated string", () => {
    const parsed = parseHandoff(
      doc("---", "labels: [bug, agent]", "assignees: '@octocat, hubot'", "skills:", "  - redis", "---"),
    );
    expect(parsed.labels).toEqual(["bug", "agent"]);
    expect(parsed.assignees).toEqual(["octocat", "hubot"]);
    expect(parsed.skills).toEqual(["redis"]);
  });

  it("keeps unknown keys in `extra` and warns about each one", () => {
    const parsed = parseHandoff(doc("---", "title: T", "priority: high", "---"));
    expect(parsed.extra).toEqual({ priority: "high" });
    expect(parsed.diagnostics).toEqual([
      expect.objectContaining({ severity: "warning", code: "unknown-key", line: 3, column: 1 }),
    ]);
    expect(hasErrors(parsed)).toBe(false);
  });

  it("reports a field of the wrong type at its key, with a hint, and keeps the other fields", () => {
    const parsed = parseHandoff(doc("---", "title: Kept", "  # comment", "parent: not an issue", "---"));
    expect(parsed.title).toBe("Kept");
    expect(parsed.parent).toBeUndefined();
    const [diagnostic] = parsed.diagnostics;
    expect(diagnostic).toMatchObject({ severity: "error", code: "invalid-field", line: 4, column: 1 });
    expect(diagnostic?.hint).toContain("owner/repo#12");
  });

  it("reports an invalid kind as an error", () => {
    const parsed = parseHandoff(doc("---", "kind: request", "---"));
    expect(parsed.kind).toBe("handoff");
    expect(parsed.diagnostics[0]).toMatchObject({ code: "invalid-field", line: 2 });
  });

  it("reports malformed YAML with its line and column in the whole document", () => {
    const parsed = parseHandoff(doc("---", "title: ok", "labels: [a, b", "kind: return", "---", "# Body"));
    expect(parsed.diagnostics).toEqual([
      expect.objectContaining({ severity: "error", code: "yaml-syntax", line: 4, column: 1 }),
    ]);
  });

  it("does not use the fields of malformed YAML", () => {
    const parsed = parseHandoff(doc("---", "kind: return", "title: [unclosed", "---", "# From the body"));
    expect(parsed.kind).toBe("handoff");
    expect(parsed.title).toBe("From the body");
  });

  it("reports a frontmatter that is a list rather than a mapping", () => {
    const parsed = parseHandoff(doc("---", "- a", "- b", "---"));
    expect(parsed.diagnostics).toEqual([
      expect.objectContaining({ severity: "error", code: "frontmatter-not-mapping", line: 2 }),
    ]);
  });

  it("reports a frontmatter that is a single value", () => {
    expect(parseHandoff(doc("---", "just text", "---")).diagnostics[0]?.code).toBe("frontmatter-not-mapping");
  });

  it("reports an unclosed frontmatter with a hint and keeps the text as body", () => {
    const parsed = parseHandoff(doc("---", "title: never closed", "", "# Heading"));
    expect(parsed.diagnostics[0]).toMatchObject({ severity: "error", code: "frontmatter-unclosed", line: 1 });
    expect(parsed.diagnostics[0]?.hint).toBeTruthy();
    expect(parsed.body).toContain("title: never closed");
  });

  it("refuses `---js` frontmatter as code and reads it as text", () => {
    const parsed = parseHandoff(doc("---js", "{ title: 'x' }", "---", "# Real"));
    expect(parsed.diagnostics[0]).toMatchObject({ severity: "error", code: "frontmatter-executable" });
    expect(parsed.frontmatterText).toBeNull();
    expect(parsed.title).toBe("Real");
  });

  it("stops a YAML alias bomb with an error instead of expanding it", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (const [i, name] of ["b", "c", "d", "e", "f", "g", "h"].entries()) {
      const previous = i === 0 ? "a" : (["b", "c", "d", "e", "f", "g"][i - 1] as string);
      bomb.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(", ")}]`);
    }
    const parsed = parseHandoff(doc("---", ...bomb, "---", "Body"));
    expect(parsed.diagnostics).toEqual([expect.objectContaining({ severity: "error", code: "yaml-aliases" })]);
    expect(parsed.extra).toEqual({});
  });

  it("warns about an unknown YAML tag and reads its value as text", () => {
    const parsed = parseHandoff(doc("---", "title: !shell echo hi", "---"));
    expect(parsed.title).toBe("echo hi");
    expect(parsed.diagnostics).toEqual([
      expect.objectContaining({ severity: "warning", code: "yaml-unknown-tag", line: 2 }),
    ]);
  });

  it("treats an empty field as not set", () => {
    const parsed = parseHandoff(doc("---", "parent:", "---"));
    expect(parsed.parent).toBeUndefined();
    expect(parsed.diagnostics).toEqual([]);
  });

  it("does not let a `__proto__` key change the prototype of `extra`", () => {
    const parsed = parseHandoff(doc("---", "__proto__: { polluted: true }", "---"));
    expect(Object.getPrototypeOf(parsed.extra)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("title", () => {
  it("prefers the frontmatter title over the first H1", () => {
    expect(parseHandoff(doc("---", "title: From frontmatter", "---", "# From heading")).title).toBe("From frontmatter");
  });

  it("uses the first H1 when there is no frontmatter title", () => {
    expect(parseHandoff(doc("Intro line", "", "# The heading", "", "# Second")).title).toBe("The heading");
  });

  it("takes a numbered first heading above the others as the title without its number", () => {
    expect(
      parseHandoff(doc("## 1. Informe para el Consejo", "", "### Hecho", "x", "", "### Preguntas", "y")).title,
    ).toBe("Informe para el Consejo");
  });

  it("uses a task tracker's frontmatter `name` when the body has no H1, and the H1 when it has one", () => {
    const tracker = doc("---", "id: S-03-B", "name: Proveedores y clientes", "---", "", "## Objetivo", "", "text");
    expect(parseHandoff(tracker).title).toBe("Proveedores y clientes");
    expect(parseHandoff(doc("---", "name: the task", "---", "# The heading")).title).toBe("The heading");
  });

  it("falls back to the first meaningful line, skipping rules, comments, fences and metadata", () => {
    const text = doc(
      "<!-- generated -->",
      "",
      "---",
      "",
      "**Status:** READY",
      "",
      "```",
      "code",
      "```",
      "",
      "Rename the *billing* module",
    );
    expect(parseHandoff(text).title).toBe("Rename the billing module");
  });

  it("strips emphasis, code ticks and links from the title", () => {
    expect(parseHandoff("# Fix **the** `parse()` [redirect](https://example.com) bug").title).toBe(
      "Fix the parse() redirect bug",
    );
  });

  it("keeps underscores inside identifiers", () => {
    expect(parseHandoff("# Rename _max_retries_ to __retry_limit__").title).toBe("Rename max_retries to retry_limit");
  });

  it("collapses whitespace", () => {
    expect(parseHandoff("# A   title\twith   gaps").title).toBe("A title with gaps");
  });

  it("cuts a long title at a word boundary, with an ellipsis, within GitHub's limit", () => {
    const title = parseHandoff(`# ${"word ".repeat(100)}`).title;
    expect(title.length).toBeLessThanOrEqual(MAX_TITLE_CHARS);
    expect(title.endsWith("word…")).toBe(true);
  });

  it("falls back to `Untitled handoff` for an empty document", () => {
    expect(parseHandoff("").title).toBe("Untitled handoff");
    expect(parseHandoff("\n\n<!-- only a comment -->\n").title).toBe("Untitled handoff");
  });
});

describe("kind", () => {
  it("is `handoff` by default", () => {
    expect(parseHandoff("# Do a thing").kind).toBe("handoff");
  });

  it("comes from `Kind:` or `Type:` metadata when the frontmatter has none", () => {
    expect(parseHandoff(doc("# Report", "", "**Type:** return handoff")).kind).toBe("return");
    expect(parseHandoff(doc("# Report", "", "Kind: return")).kind).toBe("return");
  });

  it.each(["# Return handoff: search index", "# Return: search index", "# return — search index"])(
    "is `return` for a title like %s",
    (title) => {
      expect(parseHandoff(title).kind).toBe("return");
    },
  );

  it("is `return` when the first heading reads as a return even if the frontmatter sets the title", () => {
    expect(parseHandoff(doc("---", "title: Search index", "---", "## Return: search index")).kind).toBe("return");
  });

  it("does not read `Returning users` as a return handoff", () => {
    expect(parseHandoff("# Returning users see a blank page").kind).toBe("handoff");
  });

  it("prefers the frontmatter kind over the title", () => {
    expect(parseHandoff(doc("---", "kind: handoff", "---", "# Return: not really")).kind).toBe("handoff");
  });
});

describe("metadata", () => {
  it("reads bold, list and plain `Key: value` lines near the top, with keys lower-cased and stripped", () => {
    const parsed = parseHandoff(
      doc(
        "# T",
        "",
        "**Status:** READY",
        "- **Branch:** main",
        "- Last Updated: 2025-01-02",
        "",
        "Owner: platform team",
      ),
    );
    expect(parsed.metadata).toEqual({
      status: "READY",
      branch: "main",
      "last updated": "2025-01-02",
      owner: "platform team",
    });
  });

  it("accepts the colon outside the bold key", () => {
    expect(parseHandoff("**Priority**: high").metadata).toEqual({ priority: "high" });
  });

  it("fills in status, parent, agent and reason from metadata", () => {
    const parsed = parseHandoff(
      doc(
        "# T",
        "",
        "**Status:** ✅ DONE",
        "**Parent:** [#9](https://github.com/o/r/issues/9)",
        "**Agent:** codex",
        "**Reason:** context ran out",
      ),
    );
    expect(parsed).toMatchObject({
      status: "done",
      parent: { owner: "o", repo: "r", number: 9 },
      agent: "codex",
      reason: "context ran out",
    });
  });

  it("lets the frontmatter win over metadata", () => {
    expect(parseHandoff(doc("---", "status: partial", "---", "**Status:** done")).status).toBe("partial");
  });

  it("does not read a URL as metadata", () => {
    expect(parseHandoff(doc("# T", "", "https://example.com/path")).metadata).toEqual({});
  });

  it("does not read a sentence with a colon as metadata", () => {
    expect(parseHandoff(doc("# T", "", "We tried the obvious fix: it made things worse.")).metadata).toEqual({});
  });

  it("does not read an unknown plain key on a line of its own as metadata", () => {
    const parsed = parseHandoff(doc("Handoff: webhook signatures", "", "Body text."));
    expect(parsed.metadata).toEqual({});
    expect(parsed.title).toBe("Handoff: webhook signatures");
  });

  it("reads metadata only above the first section", () => {
    expect(parseHandoff(doc("# T", "", "## Context", "", "**Status:** late")).metadata).toEqual({});
  });

  it("ignores `Key: value` lines inside a code fence", () => {
    expect(parseHandoff(doc("# T", "", "```", "Status: inside", "```")).metadata).toEqual({});
  });
});

describe("parseHandoff never throws", () => {
  const markdownish = fc
    .array(
      fc.oneof(
        fc.constantFrom(
          "---",
          "...",
          "---js",
          "```",
          "~~~",
          "# ",
          "## ",
          "**",
          "__",
          ":",
          "- ",
          "1. ",
          "> ",
          "`",
          "[",
          "](",
          ")",
          "#L",
          "\r\n",
          "\n",
          "\r",
          "\uFEFF",
          "&a",
          "*a",
          "!tag ",
          "{",
          "}",
          "<!--",
          "-->",
          "=",
        ),
        fc.string({ maxLength: 12 }),
      ),
      { maxLength: 60 },
    )
    .map((parts) => parts.join(""));

  it("returns a document for any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 400 }), (text) => {
        const parsed = parseHandoff(text);
        expect(parsed.source).toBe(text);
        expect(parsed.title.length).toBeGreaterThan(0);
        expect(parsed.diagnostics.filter((d) => d.code === "internal-error")).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("returns a document, without an internal error, for any markdown-ish string", () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        const parsed = parseHandoff(text);
        expect(parsed.diagnostics.filter((d) => d.code === "internal-error")).toEqual([]);
        expect(parsed.title.length).toBeLessThanOrEqual(MAX_TITLE_CHARS);
      }),
      { numRuns: 500 },
    );
  });

  it("returns a document when called with something that is not a string", () => {
    expect(parseHandoff(undefined as unknown as string).title).toBe("Untitled handoff");
  });
});

describe("large documents (hang guards, not timings)", () => {
  it("parses a 1 MB document", { timeout: 60_000 }, () => {
    const section = doc(
      "## Next steps",
      "",
      "- Look at `src/app.ts:10-20` and **bold** text.",
      "",
      "Some prose line that is fairly long.",
      "",
    );
    const text = `# Big\n\n${section.repeat(Math.ceil(1_000_000 / section.length))}`;
    const parsed = parseHandoff(text);
    expect(parsed.sections.length).toBeGreaterThan(1000);
    expect(parsed.pointers).toHaveLength(1);
  });

  it("parses a document of 10,000 headings", { timeout: 60_000 }, () => {
    const text = Array.from({ length: 10_000 }, (_, i) => `## Heading ${i}\n\ntext ${i}\n`).join("\n");
    expect(parseHandoff(text).sections).toHaveLength(10_000);
  });

  it("parses a single 1 MB line", { timeout: 60_000 }, () => {
    const line = "[a](b `c` **d** _e_ src/f.ts:1 ".repeat(Math.ceil(1_000_000 / 32));
    const parsed = parseHandoff(line);
    expect(parsed.title.length).toBeLessThanOrEqual(MAX_TITLE_CHARS);
    expect(parsed.pointers).toEqual([expect.objectContaining({ path: "src/f.ts", startLine: 1 })]);
  });
});

describe("oversized frontmatter", () => {
  it("is reported with its position and not parsed, and the body is still read", () => {
    const yaml = Array.from({ length: 5000 }, (_, i) => `key${i}: value`).join("\n");
    const doc = parseHandoff(`---\n${yaml}\n---\n\n# The body's title\n`);
    expect(doc.diagnostics.filter((d) => d.severity === "error").map((d) => [d.code, d.line, d.column])).toEqual([
      ["frontmatter-too-large", 2, 1],
    ]);
    expect(doc.extra).toEqual({});
    expect(doc.title).toBe("The body's title");
  });

  it("is read in full just under the cap", () => {
    const doc = parseHandoff(`---\ntitle: Small\nnote: ${"x".repeat(60 * 1024)}\n---\n`);
    expect(doc.diagnostics.some((d) => d.code === "frontmatter-too-large")).toBe(false);
    expect(doc.title).toBe("Small");
  });
});
