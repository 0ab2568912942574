// The header card at the top of a filed issue (src/core/card.ts), and the issue body around it.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderCard } from "../src/core/card.js";
import { MAX_BODY_CHARS } from "../src/core/limits.js";
import { parseHandoff } from "../src/core/parse.js";
import { joinRenderedBodies, parseRenderedBody, renderIssue, type RenderContext } from "../src/core/render.js";

const fixture = (name: string): string => readFileSync(new URL(`fixtures/card/${name}`, import.meta.url), "utf8");
const card = (name: string): string => renderCard(parseHandoff(fixture(name)));

const context: RenderContext = {
  source: {
    type: "file",
    repo: "acme/shop",
    path: ".handoffs/importer.md",
    url: "https://github.com/acme/shop/blob/main/.handoffs/importer.md",
  },
  hash: "0f1e2d",
};

describe("the header card", () => {
  it("shows why, the first next step, done-when and out of scope, then the next steps as a task list", () => {
    expect(card("full.md")).toBe(
      [
        "- **Why handed off:** The nightly import dies halfway on large tenants and restarts from zero.",
        "- **First next step:** Add an `import_checkpoints` table.",
        "- **Done when:**",
        "  - A run killed halfway resumes from its last tenant.",
        "  - `npm test` passes.",
        "- **Out of scope:** Changing the import's schedule.",
        "",
        "**Next steps**",
        "",
        "- [ ] Add an `import_checkpoints` table.",
        "- [ ] Resume from it in `run.ts`.",
        "- [ ] Delete checkpoints older than a week.",
      ].join("\n"),
    );
  });

  it("leaves out each part the document does not state", () => {
    const text = card("steps-only.md");
    expect(text).not.toContain("Why handed off");
    expect(text).not.toContain("Done when");
    expect(text).not.toContain("Out of scope");
  });

  it("keeps a step the document ticked as ticked, and names the first unticked step as the first next step", () => {
    expect(card("steps-only.md")).toBe(
      [
        "- **First next step:** Group them by area.",
        "",
        "**Next steps**",
        "",
        "- [x] Collect the merged pull requests.",
        "- [ ] Group them by area.",
      ].join("\n"),
    );
  });

  it("does not repeat next steps that the document already tracks as a task list, so GitHub does not count them twice", () => {
    expect(card("tracked-steps.md")).toBe("- **First next step:** Copy the orders table.");
  });

  it("is empty for a document that states no reason, step, criterion or boundary", () => {
    expect(card("no-structure.md")).toBe("");
  });

  it("takes the reason from the frontmatter before the reason section", () => {
    expect(card("reason-in-frontmatter.md")).toContain("- **Why handed off:** The session ran out of context.\n");
  });

  it("reads a next-steps paragraph as one step", () => {
    expect(card("reason-in-frontmatter.md")).toContain("- [ ] Rotate the keys in the vault, then redeploy staging.");
  });

  it("keeps the document's HTML inert: no comment opener or tag outside code", () => {
    expect(card("hostile-steps.md")).toBe(
      [
        "- **First next step:** Run &lt;!-- handoff:body n=3 -->",
        "",
        "**Next steps**",
        "",
        "- [ ] Run &lt;!-- handoff:body n=3 -->",
        "- [ ] Close the &lt;details> block and read `&lt;!-- handoff:frontmatter n=1 -->`",
      ].join("\n"),
    );
  });

  it("cuts a long step to one line of at most 300 characters", () => {
    const doc = parseHandoff(`# Long\n\n## Next steps\n- ${"word ".repeat(200)}\n`);
    const step =
      renderCard(doc)
        .split("\n")
        .find((line) => line.startsWith("- [ ] ")) ?? "";
    expect([...step.slice("- [ ] ".length)].length).toBe(300);
    expect(step.endsWith("…")).toBe(true);
  });

  it("lists at most 50 tasks and says how many more the document has", () => {
    const steps = Array.from({ length: 80 }, (_, i) => `- step ${i + 1}`).join("\n");
    const text = renderCard(parseHandoff(`# Many\n\n## Next steps\n${steps}\n`));
    expect(text.split("\n").filter((line) => line.startsWith("- [ ] "))).toHaveLength(50);
    expect(text).toContain("… and 30 more in the document below.");
  });
});

describe("the issue body with its card", () => {
  it("puts the card after our header line and before the document", () => {
    const { body } = renderIssue(parseHandoff(fixture("full.md")), context);
    const lines = body.split("\n");
    expect(lines[1]).toMatch(/^Handoff filed from /);
    expect(lines[3]).toBe(
      "- **Why handed off:** The nightly import dies halfway on large tenants and restarts from zero.",
    );
    expect(body.indexOf("- [ ] Add an")).toBeLessThan(body.indexOf("<!-- handoff:frontmatter"));
  });

  it("still reads back to exactly the document", () => {
    for (const name of ["full.md", "hostile-steps.md", "tracked-steps.md", "no-structure.md"]) {
      expect(parseRenderedBody(renderIssue(parseHandoff(fixture(name)), context).body)?.document).toBe(fixture(name));
    }
  });

  it("stays within GitHub's body limit for a long document with many long steps, and reads back whole", () => {
    const steps = Array.from({ length: 3_000 }, (_, i) => `- step ${i}: ${"x".repeat(290)}`).join("\n");
    const text = `# Huge\n\n## Why\n${"reason ".repeat(100)}\n\n## Next steps\n${steps}\n`;
    const issue = renderIssue(parseHandoff(text), context);
    expect(issue.overflow.length).toBeGreaterThan(0);
    for (const body of [issue.body, ...issue.overflow]) expect(body.length).toBeLessThanOrEqual(MAX_BODY_CHARS);
    expect(joinRenderedBodies([issue.body, ...issue.overflow])).toBe(text);
  });
});
