// Routing across agents (src/core/routing.ts): the document's `agent:` becomes `agent:<name>` when it is filed, the
// configuration maps names, `ready_on_file` adds the ready label, and the example workflows split the work on it.
import { readFileSync } from "node:fs";
import { data, Evaluator, Lexer, Parser } from "@actions/expressions";
import { truthy } from "@actions/expressions/result";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { DEFAULT_CONFIG } from "../src/config/schema.js";
import { parseHandoff } from "../src/core/parse.js";
import { agentLabel, filingLabels } from "../src/core/routing.js";
import { commentPayload, delivery, labeledPayload } from "./support/payloads.js";
import { loadedProbot, useApp } from "./fixtures/app/harness.js";

const fixture = (name: string): string => readFileSync(new URL(`fixtures/routing/${name}`, import.meta.url), "utf8");
const defaults = { agents: DEFAULT_CONFIG.agents, ready_on_file: false };

describe("the agent label", () => {
  it("comes from the frontmatter's agent, with spaces and case folded", () => {
    expect(filingLabels(parseHandoff(fixture("agent-frontmatter.md")), defaults)).toEqual(["agent:claude-code"]);
  });

  it("comes from an `**Agent:**` metadata line when there is no frontmatter", () => {
    expect(filingLabels(parseHandoff(fixture("agent-metadata-line.md")), defaults)).toEqual(["agent:codex"]);
  });

  it("maps the names in the default configuration: claude to claude-code, OpenAI Codex to codex", () => {
    expect(agentLabel("claude", DEFAULT_CONFIG.agents)).toBe("agent:claude-code");
    expect(agentLabel("OpenAI Codex", DEFAULT_CONFIG.agents)).toBe("agent:codex");
  });

  it("labels an agent the configuration does not list as itself", () => {
    expect(agentLabel("Gemini CLI", DEFAULT_CONFIG.agents)).toBe("agent:gemini-cli");
  });

  it("follows a configured mapping", () => {
    expect(agentLabel("claude_code", { "claude code": "anthropic" })).toBe("agent:anthropic");
  });

  it("is absent when the document names no agent, or a name with nothing usable in it", () => {
    expect(filingLabels(parseHandoff("# No agent here\n"), defaults)).toEqual([]);
    expect(agentLabel("🤖 !!", DEFAULT_CONFIG.agents)).toBeNull();
  });

  it("fits GitHub's 50-character label limit", () => {
    expect(agentLabel("a".repeat(120), {})).toBe(`agent:${"a".repeat(44)}`);
  });

  it("is joined by the ready label when ready_on_file is set", () => {
    expect(filingLabels(parseHandoff(fixture("agent-metadata-line.md")), { ...defaults, ready_on_file: true })).toEqual(
      ["agent:codex", "handoff:ready"],
    );
  });
});

describe("filing with routing", () => {
  const app = useApp();

  it("labels the new issue with the document's agent, and ready when the configuration asks for it", async () => {
    app.github.permissions.set("Codertocat", "write");
    app.github.config = "ready_on_file: true\n";
    await (
      await loadedProbot()
    ).receive(delivery("issue_comment", commentPayload({ body: `/handoff\n${fixture("agent-frontmatter.md")}` })));
    expect(app.github.ours()[0]!.labels).toEqual(["handoff", "agent:claude-code", "handoff:ready"]);
  });

  it("adds no ready label by default", async () => {
    app.github.permissions.set("Codertocat", "write");
    await (
      await loadedProbot()
    ).receive(delivery("issue_comment", commentPayload({ body: `/handoff\n${fixture("agent-metadata-line.md")}` })));
    expect(app.github.ours()[0]!.labels).toEqual(["handoff", "agent:codex"]);
  });
});

/** Whether a workflow's pickup job runs for this event, by GitHub's own expression evaluator. */
function pickupRuns(workflow: string, event: { name: string; payload: unknown }): boolean {
  const parsed = parse(readFileSync(new URL(`../examples/workflows/${workflow}`, import.meta.url), "utf8")) as {
    jobs: { pickup: { if: string } };
  };
  const lexed = new Lexer(parsed.jobs.pickup.if).lex();
  const expression = new Parser(lexed.tokens, ["github"], []).parse();
  const github = JSON.parse(
    JSON.stringify({ event_name: event.name, event: event.payload }),
    data.reviver,
  ) as data.Dictionary;
  const context = new data.Dictionary({ key: "github", value: github });
  return truthy(new Evaluator(expression, context).evaluate());
}

const ready = (labels: string[]) => ({
  name: "issues",
  payload: labeledPayload({ label: "handoff:ready", labels: ["handoff", ...labels, "handoff:ready"] }),
});

describe("the example workflows split the work by agent label", () => {
  it("gives an issue labelled agent:codex to the Codex workflow only", () => {
    expect([
      pickupRuns("claude-code.yml", ready(["agent:codex"])),
      pickupRuns("codex.yml", ready(["agent:codex"])),
    ]).toEqual([false, true]);
  });

  it("gives an issue labelled agent:claude-code to the Claude Code workflow only", () => {
    expect([
      pickupRuns("claude-code.yml", ready(["agent:claude-code"])),
      pickupRuns("codex.yml", ready(["agent:claude-code"])),
    ]).toEqual([true, false]);
  });

  it("gives an issue that names no agent to the Claude Code workflow", () => {
    expect([pickupRuns("claude-code.yml", ready([])), pickupRuns("codex.yml", ready([]))]).toEqual([true, false]);
  });

  it("leaves an issue for another agent to neither", () => {
    expect([
      pickupRuns("claude-code.yml", ready(["agent:gemini-cli"])),
      pickupRuns("codex.yml", ready(["agent:gemini-cli"])),
    ]).toEqual([false, false]);
  });

  it("starts neither on a label other than handoff:ready", () => {
    const other = { name: "issues", payload: labeledPayload({ label: "bug", labels: ["handoff", "bug"] }) };
    expect([pickupRuns("claude-code.yml", other), pickupRuns("codex.yml", other)]).toEqual([false, false]);
  });
});
