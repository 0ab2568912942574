import { readFileSync } from "node:fs";
import fc from "fast-check";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { neutralizeForRelay, neutralizeMentions } from "../src/core/neutralize.js";

const fixture = (name: string): string => readFileSync(new URL(`fixtures/render/${name}`, import.meta.url), "utf8");

/** Rendered as GitHub would (CommonMark with HTML), the text outside code elements: where mentions would live. */
const markdown = new MarkdownIt({ html: true });
function proseOf(text: string): string {
  // A code element separates text nodes, and GitHub looks for mentions within one text node: a space stands for it.
  return markdown.render(text).replace(/<pre>[\s\S]*?<\/pre>|<code>[\s\S]*?<\/code>/g, " ");
}
const liveMention = /(?<![\w/])@[A-Za-z0-9]/;

describe("neutralizeMentions makes triggers inert", () => {
  it.each([
    "@claude",
    "@copilot",
    "@codex",
    "@gemini-cli",
    "@openhands-agent",
    "@cursor",
    "@devin-ai-integration",
    "@coderabbitai",
    "@sweep-ai",
  ])("wraps the agent trigger %s in inline code", (mention) => {
    expect(neutralizeMentions(`Over to ${mention}, please take it.`)).toEqual({
      text: `Over to \`${mention}\`, please take it.`,
      neutralized: 1,
    });
  });

  it("wraps every user mention, not only agents, so relaying pings nobody", () => {
    expect(neutralizeMentions("@octocat and @someone-else").text).toBe("`@octocat` and `@someone-else`");
  });

  it("wraps team and bot mentions whole", () => {
    expect(neutralizeMentions("cc @acme/reviewers and @dependabot[bot]").text).toBe(
      "cc `@acme/reviewers` and `@dependabot[bot]`",
    );
  });

  it.each([
    ["fixes #12", "`fixes #12`"],
    ["Closes owner/repo#3", "`Closes owner/repo#3`"],
    ["RESOLVED GH-4", "`RESOLVED GH-4`"],
    ["fix: #5", "`fix: #5`"],
    ["closed https://github.com/acme/app/issues/9", "`closed https://github.com/acme/app/issues/9`"],
  ])("wraps the closing keyword in %j", (input, output) => {
    expect(neutralizeMentions(`This ${input}.`).text).toBe(`This ${output}.`);
  });

  it("wraps mentions in raw HTML blocks in <code>, where backticks are literal", () => {
    expect(neutralizeMentions("<div>\n@claude go\n</div>\n").text).toBe("<div>\n<code>@claude</code> go\n</div>\n");
  });

  it("is not turned inside out by a stray backtick before the mention", () => {
    const { text } = neutralizeMentions("a ` b @claude c");
    expect(proseOf(text)).not.toMatch(liveMention);
  });

  it("is not undone by a backslash before the mention", () => {
    const { text } = neutralizeMentions("\\@claude");
    expect(proseOf(text)).not.toMatch(liveMention);
  });

  it("leaves no live mention in a realistic return document", () => {
    const { text, neutralized } = neutralizeMentions(fixture("relay.md"));
    expect(proseOf(text)).not.toMatch(liveMention);
    expect(proseOf(text)).not.toMatch(/fixes #12/);
    expect(neutralized).toBe(3);
  });
});

describe("neutralizeMentions reads mentions and keywords as GitHub renders them", () => {
  it.each([
    ["a mention in underscore emphasis", "over to _@claude_ now", "over to _`@claude`_ now"],
    ["a mention in strong underscore emphasis", "__@octocat__ please", "__`@octocat`__ please"],
    ["a decimal character reference for @", "ping &#64;claude", "ping `@claude`"],
    ["a hexadecimal character reference for @", "ping &#x40;claude", "ping `@claude`"],
    ["the named reference &commat;", "ping &commat;claude", "ping `@claude`"],
    ["a backslash-escaped @", "ping \\@claude", "ping `@claude`"],
    ["a closing keyword in emphasis", "This _fixes #12_ now", "This _`fixes #12`_ now"],
    ["a closing keyword with an encoded #", "This fixes &#35;12", "This `fixes #12`"],
    ["a closing keyword spelled with references", "This &#102;ixes #12", "This `fixes #12`"],
  ])("makes %s inert", (_name, input, output) => {
    // The case is real: rendered as it stands, GitHub would see a live mention or keyword.
    expect(proseOf(input)).toMatch(/(?<![\w/])@[A-Za-z0-9]|fixes #12/);
    expect(neutralizeMentions(input)).toEqual({ text: output, neutralized: 1 });
    expect(proseOf(output)).not.toMatch(liveMention);
    expect(proseOf(output)).not.toMatch(/fixes #12/);
  });

  it("still leaves an address whose @ is written as a reference alone", () => {
    expect(neutralizeMentions("write to maintainer&#64;example.com").neutralized).toBe(0);
  });
});

describe("neutralizeMentions leaves the rest alone", () => {
  it("leaves code blocks and inline code untouched", () => {
    const text = fixture("relay.md");
    const out = neutralizeMentions(text).text;
    expect(out).toContain("```sh\ngit log --author=@copilot  # code stays as it is\n```");
    expect(out).toContain("Inline `@codex` is already code.");
  });

  it("leaves email addresses untouched", () => {
    expect(neutralizeMentions("Write to maintainer@example.com or a.b-c@d.org")).toEqual({
      text: "Write to maintainer@example.com or a.b-c@d.org",
      neutralized: 0,
    });
  });

  it("leaves @ in URL paths untouched", () => {
    expect(neutralizeMentions("See https://medium.com/@author/post").neutralized).toBe(0);
  });

  it("leaves words that merely contain a keyword untouched", () => {
    expect(neutralizeMentions("prefixes #12 and suffixed #3").neutralized).toBe(0);
  });

  it("relays the neutralised text", () => {
    expect(neutralizeForRelay("ping @claude")).toBe("ping `@\u2060claude`");
  });
});

describe("neutralizeMentions is idempotent and complete", () => {
  const fragment = fc.constantFrom(
    "@claude",
    "@acme/team",
    "fixes #1",
    "a@b.co",
    "`",
    "``",
    "```\n",
    "\n",
    "\n\n",
    " ",
    "x",
    "\\",
    "<div>\n",
    "</div>\n",
    "    ",
    "> ",
    "- ",
    "*",
    "_",
    "__",
    "&#64;",
    "&commat;",
    "&#35;",
    "\\@",
    "fixes ",
  );
  const text = fc.array(fragment, { maxLength: 25 }).map((parts) => parts.join(""));

  it("changes nothing the second time", () => {
    fc.assert(
      fc.property(text, (input) => {
        const once = neutralizeMentions(input).text;
        expect(neutralizeMentions(once)).toEqual({ text: once, neutralized: 0 });
      }),
      { numRuns: 500 },
    );
  });

  it("leaves no mention outside code once rendered", () => {
    fc.assert(
      fc.property(text, (input) => {
        expect(proseOf(neutralizeMentions(input).text)).not.toMatch(liveMention);
      }),
      { numRuns: 500 },
    );
  });
});

describe("neutralizeForRelay defeats substring triggers", () => {
  const filters = ["@claude", "@codex", "@copilot", "@gemini-cli", "@openhands-agent"];

  it("leaves no agent trigger as a substring, not even inside code blocks", () => {
    const relayed = neutralizeForRelay(
      "Done. @claude take the rest.\n\n```\n@codex run tests\n```\n\n`@copilot` and @gemini-cli, @openhands-agent",
    );
    for (const trigger of filters) expect(relayed.toLowerCase()).not.toContain(trigger);
  });

  it("still reads the same to a person once invisible characters are dropped", () => {
    expect(neutralizeForRelay("over to @Claude").replace(/\u2060/g, "")).toBe("over to `@Claude`");
  });

  it("leaves longer names that merely start with a trigger alone", () => {
    expect(neutralizeForRelay("```\n@claudette\n```")).toBe("```\n@claudette\n```");
  });

  it("is idempotent", () => {
    const once = neutralizeForRelay("@claude fixes #12 and ```\n@codex\n```");
    expect(neutralizeForRelay(once)).toBe(once);
  });
});
