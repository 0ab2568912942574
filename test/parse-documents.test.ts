import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { hasErrors, parseHandoff } from "../src/core/parse.js";
import type { HandoffDocument, SectionName } from "../src/core/types.js";

// Documents of the shapes found in public repositories (see docs/handoff-format.md, "Shapes seen in the wild").
// `sections` lists every section in order: a canonical name, or null for a kept, unrecognised one (the preamble too).
interface Expected {
  title: string;
  kind: HandoffDocument["kind"];
  sections: (SectionName | null)[];
  fields?: Partial<HandoffDocument>;
  metadata?: Record<string, string>;
  diagnostics?: { severity: "error" | "warning"; code: string; line: number; column?: number }[];
}

const EXPECTED: Record<string, Expected> = {
  "no-frontmatter.md": {
    title: "Handoff: flaky checkout test",
    kind: "handoff",
    sections: ["reason", "context", "next-steps", "open-questions"],
  },
  "frontmatter.md": {
    title: "Move session storage to Redis",
    kind: "handoff",
    sections: ["context", "scope", "out-of-scope", "acceptance"],
    fields: {
      labels: ["backend", "sessions"],
      assignees: ["octo-dev", "hubot"],
      skills: ["redis", "typescript"],
      agent: "claude",
      id: "2041",
      extra: { priority: "high" },
    },
    diagnostics: [{ severity: "warning", code: "unknown-key", line: 11, column: 1 }],
  },
  "bold-metadata.md": {
    title: "Session Handoff — search indexing",
    kind: "handoff",
    sections: [null, "reason", "done", "next-steps"],
    fields: { status: "ready", parent: { number: 318 }, agent: "codex" },
    metadata: { branch: "`feat/search-index`", "last commit": "`a1b2c3d`", date: "2025-11-04" },
  },
  "numbered-headings.md": {
    title: "Payments service — handoff for next session",
    kind: "handoff",
    sections: [null, null, "context", "open-questions", "decisions", "next-steps", "out-of-scope"],
  },
  "emoji-headings.md": {
    title: "🚀 Handoff: dark mode for the dashboard",
    kind: "handoff",
    sections: ["reason", "done", "open-questions", "next-steps", "acceptance", null],
  },
  "yaml-fence-in-body.md": {
    title: "Config loader handoff",
    kind: "handoff",
    sections: [null, "scope", "next-steps"],
    fields: { frontmatterText: null, bodyLine: 1 },
  },
  "session-log.md": {
    title: "Session log: CLI rewrite",
    kind: "handoff",
    sections: [null, null, "done", "next-steps", null, "done", "decisions", "next-steps"],
  },
  "parent-to-child-brief.md": {
    title: "Add keyboard navigation to the product carousel",
    kind: "handoff",
    sections: ["reason", "scope", "out-of-scope", "pointers", "decisions", "acceptance", "skills"],
    fields: {
      parent: { owner: "acme", repo: "webshop", number: 12 },
      labels: ["agent-task"],
      skills: ["playwright", "accessibility"],
    },
  },
  "return-handoff.md": {
    title: "Return handoff: carousel keyboard navigation",
    kind: "return",
    sections: ["done", "decisions", "open-questions", "pointers"],
    fields: { status: "done", parent: { owner: "acme", repo: "webshop", number: 57 } },
  },
  "return-by-title.md": {
    title: "Return: rate limiter spike",
    kind: "return",
    sections: [null, "context", "next-steps"],
    fields: { status: "partial" },
  },
  "non-english-german.md": {
    title: "Übergabe: Suchindex neu aufbauen",
    kind: "handoff",
    sections: [null, "context", "scope", null, "open-questions", "next-steps"],
    fields: { status: "in arbeit" },
  },
  "japanese.md": {
    title: "引き継ぎ: 検索インデックスの再構築",
    kind: "handoff",
    sections: ["context", "scope", null, "next-steps"],
  },
  "pasted-log.md": {
    title: "CI failure on main after the dependency bump",
    kind: "handoff",
    sections: [null, "next-steps"],
  },
  "all-caps-headings.md": {
    title: "HANDOFF: EXPORT TO CSV",
    kind: "handoff",
    sections: ["context", "scope", "open-questions", "next-steps", "open-questions"],
  },
  "trailing-colons.md": {
    title: "Image pipeline cleanup",
    kind: "handoff",
    sections: ["context", "decisions", "next-steps", "acceptance"],
  },
  "setext-headings.md": {
    title: "Migrate the docs site to the new theme",
    kind: "handoff",
    sections: ["context", "scope", "next-steps"],
  },
  "crlf.md": {
    title: "Windows line endings",
    kind: "handoff",
    sections: [null, "context", "next-steps"],
    fields: { status: "ready", bodyLine: 5 },
  },
  "bad-yaml.md": {
    title: "Fix the retry loop",
    kind: "handoff",
    sections: ["next-steps"],
    fields: { labels: [] },
    diagnostics: [{ severity: "error", code: "yaml-syntax", line: 4, column: 1 }],
  },
  "javascript-frontmatter.md": {
    title: "Harmless looking handoff",
    kind: "handoff",
    sections: [null, null, "next-steps"],
    fields: { frontmatterText: null },
    diagnostics: [{ severity: "error", code: "frontmatter-executable", line: 1, column: 1 }],
  },
  "bold-pseudo-headings.md": {
    title: "Handoff: webhook signature check",
    kind: "handoff",
    sections: [null, "reason", "next-steps", "acceptance"],
    fields: { reason: "webhooks are accepted without verifying the signature header." },
  },
};

const directory = new URL("./fixtures/documents/", import.meta.url);
const parse = (name: string): HandoffDocument => parseHandoff(readFileSync(new URL(name, directory), "utf8"));

describe("fixture documents", () => {
  it("are all in the table, and the table has no stale entries", () => {
    expect(readdirSync(directory).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it("keep their CRLF line endings on disk (crlf.md tests them)", () => {
    expect(readFileSync(new URL("crlf.md", directory), "utf8")).toContain("\r\n## Context\r\n");
  });

  describe.each(Object.entries(EXPECTED))("%s", (name, expected) => {
    const doc = parse(name);

    it("has the expected title and kind", () => {
      expect({ title: doc.title, kind: doc.kind }).toEqual({ title: expected.title, kind: expected.kind });
    });

    it("has the expected sections, in order", () => {
      expect(doc.sections.map((s) => s.canonical)).toEqual(expected.sections);
    });

    if (expected.fields) {
      const fields = expected.fields;
      it("has the expected fields", () => {
        expect(doc).toMatchObject(fields);
      });
    }

    if (expected.metadata) {
      const metadata = expected.metadata;
      it("has the expected metadata", () => {
        expect(doc.metadata).toMatchObject(metadata);
      });
    }

    it("has the expected diagnostics", () => {
      expect(doc.diagnostics.map(({ severity, code, line, column }) => ({ severity, code, line, column }))).toEqual(
        (expected.diagnostics ?? []).map((d) => ({ column: expect.any(Number), ...d })),
      );
      expect(hasErrors(doc)).toBe((expected.diagnostics ?? []).some((d) => d.severity === "error"));
    });
  });
});
