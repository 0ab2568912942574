// The README's walk-through shows what the code produces, not a hand-written likeness: the header card of the issue
// filed from its step-1 comment, and the pickup prompt's boundaries and checklist. This test runs the same pipeline
// (parse the command, redact → parse → render, then the pickup's brief and prompt) and compares. When it fails after
// a deliberate change, paste the blocks it prints (WALKTHROUGH_PRINT=1) into README.md.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderPrompt } from "../src/action/prompt.js";
import { agentBrief } from "../src/core/brief.js";
import { renderCard } from "../src/core/card.js";
import { prepareIssue } from "../src/core/prepare.js";
import { redact } from "../src/core/redact/index.js";
import { sanitizeForAgent } from "../src/core/sanitize.js";
import { withCommandTitle } from "../src/flows/command-document.js";
import { parseCommand } from "../src/flows/parse-command.js";

const README = readFileSync(new URL("../README.md", import.meta.url), "utf8");
/** The commit the walk-through's pickup runs at. */
const SHA = "3f786850e387550fdab836ed7e6dc881de23001b";

/** The text of the fenced block (opened by `opener`) that follows `after` in the README. */
function blockAfter(after: string, opener: string): string {
  const start = README.indexOf(opener, README.indexOf(after));
  if (README.indexOf(after) < 0 || start < 0) return "";
  const from = start + opener.length;
  const fence = opener.slice(0, opener.search(/[^`]/));
  return README.slice(from, README.indexOf(`\n${fence}\n`, from));
}

/** The fence tag depends on every byte fenced; the README shows one run's, so tags are compared as a shape. */
const untagged = (text: string): string => text.replace(/HANDOFF-[0-9A-F]{16}/g, "HANDOFF-…");

async function walkthrough(): Promise<{ card: string; boundaries: string; checklist: string }> {
  const command = parseCommand(blockAfter("**1. A session hands work off.**", "````markdown\n"));
  if (!command) throw new Error("the README's step 1 holds no /handoff command");
  const source = {
    type: "comment" as const,
    repo: "acme/shop",
    commentId: 901,
    url: "https://github.com/acme/shop/pull/41#issuecomment-901",
    thread: 41,
  };
  const prepared = await prepareIssue(withCommandTitle(command.document, command.title), {
    source,
    author: "dana",
    parent: "acme/shop#41",
  });
  const body = prepared.issue.body;
  const document = (await redact(sanitizeForAgent(body).text)).text;
  const brief = await agentBrief(body, { owner: "acme", repo: "shop", ref: SHA });
  const prompt = renderPrompt({
    issue: "acme/shop#42",
    issueUrl: "https://github.com/acme/shop/issues/42",
    title: prepared.issue.title,
    document,
    returnFile: "/home/runner/work/_temp/handoff/42/return.md",
    branch: "handoff/42-make-the-nightly-importer-resumable",
    brief,
  });
  const boundaries = prompt
    .slice(prompt.indexOf("## Boundaries and checklist"), prompt.indexOf("## The return handoff format"))
    .trimEnd();
  const template = prompt.slice(prompt.indexOf("## Acceptance\n- A1"));
  return { card: renderCard(prepared.document), boundaries, checklist: template.slice(0, template.indexOf("\n````")) };
}

describe("the README's walk-through", () => {
  it("shows the header card the code renders for its step-1 document", async () => {
    const { card, boundaries, checklist } = await walkthrough();
    if (process.env["WALKTHROUGH_PRINT"]) console.log(`${card}\n\n=====\n\n${boundaries}\n\n=====\n\n${checklist}`);
    expect(blockAfter("**2. The App files it.**", "```markdown\n")).toBe(card);
  });

  it("shows the prompt's boundaries and checklist as the pickup writes them", async () => {
    const { boundaries } = await walkthrough();
    expect(untagged(blockAfter("**3. An agent picks it up.**", "````text\n"))).toBe(untagged(boundaries));
  });

  it("shows a return that answers each acceptance criterion the prompt's template asks about, by its number", async () => {
    const { checklist } = await walkthrough();
    const asked = checklist
      .split("\n")
      .filter((line) => line.startsWith("- A"))
      .map((line) => line.slice(0, line.indexOf(":") + 1));
    const answered = blockAfter("answers each criterion by its number", "```markdown\n")
      .split("\n")
      .filter((line) => /^- A\d+:/.test(line));
    expect(asked).toEqual(["- A1:", "- A2:"]);
    expect(answered.map((line) => line.slice(0, line.indexOf(":") + 1))).toEqual(asked);
  });
});
