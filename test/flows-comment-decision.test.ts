// decideComment: what a comment asks for, from the payload alone. The usual comments (no command; the command on
// the first line) are decided without markdown-it or yaml, so the Action's mode file sends its first request before
// loading them. These tests pin both halves: the answer is the full parse's answer for every comment, hidden
// commands included, and the parsers are loaded only for a comment whose answer needs them.
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { CommentDecision } from "../src/flows/comment-decision.js";
import { parseCommentEvent, type CommentEvent } from "../src/flows/events.js";
import { ACTIONS_BOT, identityOf } from "../src/flows/identity.js";
import { looksLikeReturnDocument, parseCommand } from "../src/flows/parse-command.js";
import { commentPayload, type UserOverride } from "./support/payloads.js";

/** Which of the two parsers' modules were evaluated since the last reset. */
const loaded = new Set<string>();

/** Registered anew for each fresh module graph: a factory runs when its module is first imported there. */
function watchParsers(): void {
  vi.doMock("../src/core/markdown.js", async (importOriginal) => {
    loaded.add("markdown-it");
    return importOriginal();
  });
  vi.doMock("../src/core/frontmatter.js", async (importOriginal) => {
    loaded.add("yaml");
    return importOriginal();
  });
}

const PERSON: UserOverride = { login: "alice", type: "User" };
const AGENT: UserOverride = { login: "my-agent[bot]", type: "Bot" };
const identity = () => Promise.resolve(identityOf(ACTIONS_BOT, ["my-agent"]));

function commentEvent(body: string, user: UserOverride = PERSON): CommentEvent {
  return parseCommentEvent(commentPayload({ body, user }));
}

/** A fresh module graph, so that what one decision loads is seen by itself. */
async function decideFresh(body: string, user?: UserOverride): Promise<{ decision: CommentDecision; loads: string[] }> {
  vi.resetModules();
  loaded.clear();
  watchParsers();
  const { decideComment } = await import("../src/flows/comment-decision.js");
  const decision = await decideComment(commentEvent(body, user), identity);
  return { decision, loads: [...loaded].sort() };
}

/** The decision as the full parsers make it (markdown-it for every comment with a `/handoff` line, yaml for a fence). */
function fullParseDecision(body: string, isBot: boolean): CommentDecision["type"] | "return-command" {
  const command = parseCommand(body);
  if (command?.kind === "return") return "return-command";
  if (!command && looksLikeReturnDocument(body)) return "return";
  if (isBot || !command) return "none";
  return "file";
}

describe("decideComment without markdown-it or yaml", () => {
  afterEach(() => {
    vi.doUnmock("../src/core/markdown.js");
    vi.doUnmock("../src/core/frontmatter.js");
  });

  it("ignores a comment with no /handoff line, and a bot's, without loading either parser", async () => {
    expect(await decideFresh("Thanks, looks good to me.\n\n- one\n- two")).toEqual({
      decision: { type: "none", reason: "no /handoff command" },
      loads: [],
    });
    expect(await decideFresh("Build passed.", AGENT)).toEqual({
      decision: { type: "none", reason: "comments by bots are ignored" },
      loads: [],
    });
  });

  it("files the command on the first line without loading either parser", async () => {
    const { decision, loads } = await decideFresh("/handoff Fix the flaky login test --dry-run\n## Context\nx");
    expect(decision).toEqual({
      type: "file",
      command: { kind: "handoff", title: "Fix the flaky login test", dryRun: true, document: "## Context\nx", line: 1 },
    });
    expect(loads).toEqual([]);
  });

  it("takes /handoff return on the first line as a return without loading either parser", async () => {
    expect(await decideFresh("/handoff return\n# Done", AGENT)).toEqual({
      decision: { type: "return", text: "# Done" },
      loads: [],
    });
  });

  it("parses the markdown for a /handoff line below the first, and files it only when GitHub shows it", async () => {
    const shown = await decideFresh("Hi all\n\n/handoff Fix it\ndoc");
    expect(shown.decision).toMatchObject({ type: "file", command: { title: "Fix it", line: 3, document: "doc" } });
    expect(shown.loads).toContain("markdown-it");
    for (const hidden of [
      "```\n/handoff Fix it\n```",
      "> quoted text\n/handoff Fix it\ndoc",
      "Looks harmless. <!--\n/handoff Fix it\n-->",
      "Type `the\n/handoff Fix it\ncommand` to file.",
      "<div>\n/handoff Fix it\n</div>",
    ]) {
      const { decision, loads } = await decideFresh(hidden);
      expect(decision, hidden).toEqual({ type: "none", reason: "no /handoff command" });
      expect(loads, hidden).toContain("markdown-it");
    }
  });

  it("reads the frontmatter (yaml) only for a comment that opens with a fence", async () => {
    const returned = await decideFresh("\n---\nkind: return\n---\n# Done", AGENT);
    expect(returned.decision).toEqual({ type: "return", text: "\n---\nkind: return\n---\n# Done" });
    expect(returned.loads).toContain("yaml");
    const notReturn = await decideFresh("---\nkind: handoff\n---\n# Doc", AGENT);
    expect(notReturn.decision).toEqual({ type: "none", reason: "comments by bots are ignored" });
  });
});

describe("decideComment agrees with the full parse on every comment", () => {
  // Lines that hide, quote or open things, around command lines and frontmatter fences, in any order.
  const line = fc.constantFrom(
    "/handoff Fix it",
    "/handoff return",
    "   /handoff --dry-run",
    "/handoffx",
    "text",
    "```",
    "~~~",
    "    code",
    "> quote",
    "<!--",
    "-->",
    "<!-- c -->",
    "<div>",
    "`",
    "---",
    "kind: return",
    "kind: handoff",
    "",
  );
  const body = fc
    .tuple(
      fc.constantFrom("", "\n", " ", "\uFEFF", "\uFEFF\n"),
      // Frontmatter, whole or broken, or none: the only way to return without the command.
      fc.constantFrom([], ["---", "kind: return", "---"], ["---", "kind: handoff", "---"], ["---", "kind: return"]),
      fc.array(line, { maxLength: 8 }),
      fc.constantFrom("\n", "\r\n", "\r"),
    )
    .map(([lead, frontmatter, lines, eol]) => lead + [...frontmatter, ...lines].join(eol));

  it("files, returns or ignores exactly as parseCommand and looksLikeReturnDocument say", async () => {
    const { decideComment } = await import("../src/flows/comment-decision.js");
    await fc.assert(
      fc.asyncProperty(body, fc.boolean(), async (text, bot) => {
        const decision = await decideComment(commentEvent(text, bot ? AGENT : PERSON), identity);
        const expected = fullParseDecision(text, bot);
        if (expected === "return-command")
          expect(decision).toEqual({ type: "return", text: parseCommand(text)!.document });
        else if (expected === "return") expect(decision).toEqual({ type: "return", text });
        else if (expected === "file") expect(decision).toEqual({ type: "file", command: parseCommand(text) });
        else expect(decision.type).toBe("none");
      }),
      { numRuns: 1500 },
    );
  });
});
