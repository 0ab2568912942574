import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_BODY_CHARS } from "../src/core/limits.js";
import { findMarker } from "../src/core/marker.js";
import { parseHandoff } from "../src/core/parse.js";
import {
  joinRenderedBodies,
  parseRenderedBody,
  renderIssue,
  renderLabels,
  renderReturnComment,
  type RenderContext,
} from "../src/core/render.js";

const fixture = (name: string): string => readFileSync(new URL(`fixtures/render/${name}`, import.meta.url), "utf8");

const context: RenderContext = {
  source: {
    type: "comment",
    repo: "acme/app",
    commentId: 42,
    url: "https://github.com/acme/app/issues/7#issuecomment-42",
    thread: 7,
  },
  parent: "acme/app#7",
  labels: ["agent-work"],
  redactions: { total: 3, kinds: { "github-token": 2, email: 1 } },
  hash: "0f1e2d",
  author: "octocat",
};

/** Lines that open or close a fence (3+ backticks after optional indentation). */
const fenceLines = (text: string): number => text.split("\n").filter((line) => /^\s*```/.test(line)).length;

/** A document of about `size` characters: paragraphs with a small code block now and then. */
function longDocument(size: number): string {
  let text = "# A long handoff\n\n";
  for (let i = 0; text.length < size; i++) {
    text +=
      i % 20 === 0
        ? "```ts\n" + `const value${i} = ${i};\n`.repeat(30) + "```\n\n"
        : `Paragraph ${i}: the work continues with more detail.\n\n`;
  }
  return text;
}

describe("renderIssue: title and labels", () => {
  it("uses the document's title", () => {
    expect(renderIssue(parseHandoff(fixture("handoff.md")), context).title).toBe("Make the parser tolerate CRLF");
  });

  it("labels with handoff, then the configured labels, then the document's, without case-insensitive duplicates", () => {
    expect(renderIssue(parseHandoff(fixture("handoff.md")), context).labels).toEqual([
      "handoff",
      "agent-work",
      "parser",
      "bug",
    ]);
  });

  it("cuts every label to GitHub's 50-character limit", () => {
    const labels = renderLabels(["x".repeat(80), "X".repeat(60)]);
    expect(labels).toEqual(["handoff", "x".repeat(50)]);
  });
});

describe("renderIssue: body", () => {
  const doc = parseHandoff(fixture("handoff.md"));
  const { body } = renderIssue(doc, context);

  it("starts with our marker, carrying the source, parent and hash", () => {
    expect(body.startsWith("<!-- handoff:v1 ")).toBe(true);
    expect(findMarker(body)).toEqual({
      v: 1,
      kind: "handoff",
      source: context.source,
      parent: "acme/app#7",
      hash: "0f1e2d",
    });
  });

  it("names the source with a link, the author and the redactions by kind and count", () => {
    const header = body.split("\n")[1];
    expect(header).toContain("[a comment](https://github.com/acme/app/issues/7#issuecomment-42)");
    expect(header).toContain("by @octocat");
    expect(header).toContain("redacted: 2 github-token, 1 email");
  });

  it("shows the frontmatter in a collapsed YAML block", () => {
    expect(body).toMatch(
      /<details><summary>Frontmatter<\/summary>[\s\S]*```yaml\n---\ntitle: Make the parser tolerate CRLF\n[\s\S]*<\/details>/,
    );
  });

  it("shows the document's body as markdown", () => {
    expect(body).toContain("## Why handed off\nThe session ran out of context");
  });

  it("lists the file pointers as permalinks when a ref is given", () => {
    const withLinks = renderIssue(doc, { ...context, permalinks: { owner: "acme", repo: "app", ref: "abc123" } }).body;
    expect(withLinks).toContain("(https://github.com/acme/app/blob/abc123/src/core/parse.ts#L10-L20)");
    expect(body).not.toContain("/blob/");
  });

  it("gives back the exact document text and the marker", () => {
    const read = parseRenderedBody(body);
    expect(read?.document).toBe(fixture("handoff.md"));
    expect(read?.marker).toEqual(findMarker(body));
  });

  it("keeps our marker first and reads the document back even when it quotes our marker and delimiters", () => {
    const quoting = renderIssue(parseHandoff(fixture("quotes-our-delimiters.md")), context).body;
    expect(findMarker(quoting)?.hash).toBe("0f1e2d");
    expect(parseRenderedBody(quoting)?.document).toBe(fixture("quotes-our-delimiters.md"));
  });

  it("returns null for a body we did not render", () => {
    expect(parseRenderedBody("# Just an issue\n\nWritten by a person.")).toBeNull();
  });
});

describe("renderIssue: documents longer than one issue", () => {
  const text = longDocument(200_000);
  const issue = renderIssue(parseHandoff(text), context);
  const bodies = [issue.body, ...issue.overflow];

  it("keeps the issue and every overflow comment within GitHub's limit", () => {
    expect(issue.overflow.length).toBeGreaterThanOrEqual(3);
    for (const body of bodies) expect(body.length).toBeLessThanOrEqual(MAX_BODY_CHARS);
  });

  it("gives back the whole document when the parts are joined", () => {
    expect(joinRenderedBodies(bodies)).toBe(text);
  });

  it("joins the parts back in any order", () => {
    expect(joinRenderedBodies([...bodies].reverse())).toBe(text);
  });

  it("says how many comments follow and links the source", () => {
    expect(issue.body).toContain(`the rest follows in ${issue.overflow.length} comments`);
    expect(issue.body).toContain("(https://github.com/acme/app/issues/7#issuecomment-42)");
  });

  it("marks every overflow comment with role overflow and its part number", () => {
    expect(issue.overflow.map((body) => findMarker(body))).toEqual(
      issue.overflow.map((_, i) => ({
        v: 1,
        kind: "handoff",
        source: context.source,
        parent: "acme/app#7",
        hash: "0f1e2d",
        role: "overflow",
        part: i + 1,
      })),
    );
  });

  it("cuts outside code fences when it can", () => {
    for (const body of bodies) {
      const share = parseRenderedBody(body)?.document ?? "";
      expect(fenceLines(share) % 2).toBe(0);
      expect(body).not.toContain(" reopen -->");
    }
  });

  it("closes a fence larger than one part and reopens it in the next", () => {
    const code = "```python\n" + "print('a line of a very long listing')\n".repeat(5_000) + "```\n";
    const big = renderIssue(parseHandoff(`# Listing\n\n${code}\nThe end.\n`), context);
    const parts = [big.body, ...big.overflow];
    expect(parts.length).toBeGreaterThan(2);
    for (const body of parts) {
      expect(body.length).toBeLessThanOrEqual(MAX_BODY_CHARS);
      expect(fenceLines(body) % 2).toBe(0);
    }
    expect(big.overflow[0]).toContain(" reopen -->\n```python\n");
    expect(joinRenderedBodies(parts)).toBe(`# Listing\n\n${code}\nThe end.\n`);
  });

  it("never cuts inside a surrogate pair", () => {
    const emoji = `# Emoji\n\n${"🙂".repeat(70_000)}\n`;
    const parts = ((r) => [r.body, ...r.overflow])(renderIssue(parseHandoff(emoji), context));
    for (const body of parts) {
      const share = parseRenderedBody(body)?.document ?? "";
      expect(share).not.toMatch(/[\uD800-\uDBFF]$|^[\uDC00-\uDFFF]/);
    }
    expect(joinRenderedBodies(parts)).toBe(emoji);
  });
});

describe("renderReturnComment", () => {
  const doc = parseHandoff(fixture("return.md"));

  it("shows the status prominently", () => {
    expect(doc.status?.toLowerCase()).toBe("done");
    expect(renderReturnComment(doc, context).body.split("\n")[1]).toBe(
      `### Return handoff · status: **${doc.status}**`,
    );
  });

  it("marks the comment as a return with the role asked for", () => {
    expect(findMarker(renderReturnComment(doc, context).body)).toMatchObject({ kind: "return", role: "return" });
    expect(findMarker(renderReturnComment(doc, { ...context, role: "relay" }).body)).toMatchObject({ role: "relay" });
  });

  it("gives back the exact return document", () => {
    expect(parseRenderedBody(renderReturnComment(doc, context).body)?.document).toBe(fixture("return.md"));
  });
});

describe("round trip", () => {
  const line = fc.stringMatching(/^[^\r\n]{0,40}$/);
  const block = fc.oneof(
    line.map((t) => `## ${t}`),
    fc.array(line, { minLength: 1, maxLength: 4 }).map((items) => items.map((t) => `- ${t}`).join("\n")),
    fc.array(line, { maxLength: 4 }).map((lines) => "```js\n" + lines.join("\n") + "\n```"),
    line,
    fc.constantFrom("<!-- handoff:body n=3 -->", "<!-- /handoff:body -->", "<!-- handoff:v1 {} -->", "~~~", "```"),
  );
  const frontmatter = fc.option(
    fc
      .record({ title: line, labels: fc.array(fc.stringMatching(/^[a-z]{1,10}$/), { maxLength: 3 }) })
      .map(({ title, labels }) => `---\ntitle: ${JSON.stringify(title)}\nlabels: [${labels.join(", ")}]\n---\n`),
    { nil: "" },
  );
  const documentText = fc
    .tuple(frontmatter, line, fc.array(block, { maxLength: 8 }), fc.constantFrom("", "\n", "\r\n"))
    .map(([fm, title, blocks, end]) => `${fm}# ${title}\n\n${blocks.join("\n\n")}${end}`);

  it("parsing a rendered issue body gives back the document text and the marker", () => {
    fc.assert(
      fc.property(documentText, (text) => {
        const body = renderIssue(parseHandoff(text), context).body;
        const read = parseRenderedBody(body);
        expect(read?.document).toBe(text);
        expect(read?.marker?.hash).toBe(context.hash);
      }),
    );
  });

  it("re-parsing the text read back gives the same document", () => {
    fc.assert(
      fc.property(documentText, (text) => {
        const read = parseRenderedBody(renderReturnComment(parseHandoff(text), context).body);
        expect(parseHandoff(read?.document ?? "")).toEqual(parseHandoff(text));
      }),
      { numRuns: 50 },
    );
  });
});
