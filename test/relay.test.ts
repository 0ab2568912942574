// What a relay leads with (src/core/relay.ts): done, open questions and next steps in that order, and a visible
// note when the return leaves the handoff's acceptance criteria unanswered.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseHandoff } from "../src/core/parse.js";
import { acceptanceNote, handoffOfIssueBody, relayLead, unansweredCriteria } from "../src/core/relay.js";
import { renderIssue } from "../src/core/render.js";

const fixture = (name: string): string => readFileSync(new URL(`fixtures/relay/${name}`, import.meta.url), "utf8");
const doc = (name: string) => parseHandoff(fixture(name));
const handoff = doc("handoff-with-criteria.md");

describe("the relay's lead", () => {
  const lead = relayLead(doc("return-out-of-order.md"), handoff);

  it("puts done first, then open questions, then next steps, whatever order the return wrote them in", () => {
    const order = ["**Done**", "**Open questions**", "**Next steps**"].map((label) => lead.indexOf(label));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("shows each item on one line, with mentions and closing keywords made inert", () => {
    expect(lead).toContain("- Should the cookie outlive the session? `@\u2060claude` might know.");
    expect(lead).toContain("- Fixed the clock skew in `test/login.test.ts`; `fixes #7`.");
  });

  it("ends with the note on the criteria the return leaves unanswered", () => {
    expect(lead.endsWith("> - A3: The cookie's lifetime is documented.")).toBe(true);
  });

  it("is empty for a return with none of those sections and a handoff without criteria", () => {
    expect(relayLead(parseHandoff("---\nkind: return\n---\n## Decisions\n- Kept the old API.\n"), null)).toBe("");
  });
});

describe("which acceptance criteria a return answers", () => {
  it("reads answers by the number the prompt gave them, and a template line left as it was as no answer", () => {
    expect(unansweredCriteria(handoff, doc("return-out-of-order.md"))).toEqual({ total: 3, unanswered: [3] });
  });

  it("reads unnumbered answers in order", () => {
    expect(unansweredCriteria(handoff, doc("return-unnumbered.md"))).toEqual({ total: 3, unanswered: [] });
  });

  it("counts every criterion unanswered when the return has no acceptance section", () => {
    expect(unansweredCriteria(handoff, doc("return-no-acceptance.md"))).toEqual({ total: 3, unanswered: [1, 2, 3] });
  });
});

describe("the unanswered-criteria note", () => {
  it("is a visible warning naming each unanswered criterion", () => {
    expect(acceptanceNote(handoff, doc("return-no-acceptance.md"))).toBe(
      [
        "> [!WARNING]",
        "> This return does not answer any of the 3 acceptance criteria of the handoff:",
        "> - A1: The login test passes 50 times in a row.",
        "> - A2: No sleep is added to the test.",
        "> - A3: The cookie's lifetime is documented.",
      ].join("\n"),
    );
  });

  it("says how many of them when it answers some", () => {
    expect(acceptanceNote(handoff, doc("return-out-of-order.md"))).toContain(
      "does not answer 1 of the 3 acceptance criteria",
    );
  });

  it("is absent when every criterion is answered, or when the handoff has none", () => {
    expect(acceptanceNote(handoff, doc("return-unnumbered.md"))).toBe("");
    expect(acceptanceNote(parseHandoff("# No criteria\n"), doc("return-no-acceptance.md"))).toBe("");
    expect(acceptanceNote(null, doc("return-no-acceptance.md"))).toBe("");
  });

  it("reads the criteria from the handoff issue's own document, not from its header card", () => {
    const body = renderIssue(handoff, {
      source: { type: "issue", repo: "acme/app", number: 1, url: "https://github.com/acme/app/issues/1" },
      hash: "0",
    }).body;
    const read = handoffOfIssueBody(body);
    expect(read?.source).toBe(fixture("handoff-with-criteria.md"));
    expect(handoffOfIssueBody("A body without regions of ours")).toBeNull();
  });
});
