// Every hostile case goes through the pipeline the shells use (prepareIssue: redact → parse → render), is read
// back from the rendered body, sanitised for the agent and placed in the Action's prompt; each must end in its
// expected outcome, a clear error or safe output, and never crash or hang (the timeout is a hang guard only).
// The index is test/fixtures/hostile/cases.json, written by scripts/make-hostile-corpus.ts.
import { existsSync, rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fencedData, renderPrompt } from "../src/action/prompt.js";
import { findMarker, findMarkers } from "../src/core/marker.js";
import { prepareIssue, type PreparedIssue } from "../src/core/prepare.js";
import { joinRenderedBodies, parseRenderedBody } from "../src/core/read-rendered.js";
import { RedactionError } from "../src/core/redact/index.js";
import { sanitizeForAgent, sanitizeTitleForAgent } from "../src/core/sanitize.js";
import { MAX_BODY_CHARS, MAX_TITLE_CHARS } from "../src/core/limits.js";
import { parseCommand } from "../src/flows/parse-command.js";
import type { HandoffSource } from "../src/core/marker.js";
import { corpusFiles, loadCase, loadIndex, type HostileCase } from "./fixtures/hostile/load.js";

const HANG_GUARD_MS = 120_000;
const SOURCE: HandoffSource = {
  type: "file",
  repo: "octo-org/widgets",
  path: ".handoffs/hostile.md",
  url: "https://github.com/octo-org/widgets/blob/main/.handoffs/hostile.md",
};
/** What the sanitiser promises to remove: format, private-use and unassigned characters, tags, variation selectors. */
const INVISIBLE = /[\p{Cf}\p{Co}\p{Cn}\u{E0000}-\u{E007F}\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}]/u;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, "gu");

const cases = loadIndex();

/** Every text we would post or hand on, with invisible characters removed: a split secret must not hide there. */
function postedTexts(prepared: PreparedIssue): string[] {
  const { title, labels, body, overflow } = prepared.issue;
  return [title, labels.join("\n"), body, ...overflow, prepared.redactedText].map((t) => t.replace(INVISIBLE_ALL, ""));
}

function assertRendered(c: HostileCase, prepared: PreparedIssue): void {
  const { issue } = prepared;
  // Fits GitHub's limits, or the shell's write would fail half-way.
  expect(issue.body.length).toBeLessThanOrEqual(MAX_BODY_CHARS);
  for (const part of issue.overflow) expect(part.length).toBeLessThanOrEqual(MAX_BODY_CHARS);
  expect([...issue.title].length).toBeLessThanOrEqual(MAX_TITLE_CHARS);

  // Our marker comes first and is ours, whatever the document quoted; each overflow part names its place.
  expect(findMarker(issue.body)).toEqual({
    v: 1,
    kind: prepared.document.kind,
    source: SOURCE,
    hash: prepared.hash,
    ...(prepared.parent ? { parent: prepared.parent } : {}),
  });
  issue.overflow.forEach((part, i) =>
    expect(findMarker(part)).toMatchObject({ hash: prepared.hash, role: "overflow", part: i + 1 }),
  );

  // Outside the document's own text, a body holds exactly one marker: ours.
  for (const body of [issue.body, ...issue.overflow]) {
    const carried = parseRenderedBody(body)?.document ?? "";
    expect(findMarkers(body).length - findMarkers(carried).length).toBe(1);
  }

  // The render inverse gives back exactly the redacted document, whatever delimiters it contains.
  expect(joinRenderedBodies([issue.body, ...issue.overflow])).toBe(prepared.redactedText);
  expect(c.file).toBeTruthy();
}

function assertAgentText(c: HostileCase, prepared: PreparedIssue): void {
  const sanitized = sanitizeForAgent(prepared.redactedText);
  const title = sanitizeTitleForAgent(prepared.issue.title).text;
  expect(sanitized.text).not.toMatch(INVISIBLE);
  expect(title).not.toMatch(INVISIBLE);
  expect(sanitizeForAgent(sanitized.text).text).toBe(sanitized.text);
  for (const hidden of c.mustNotReachAgent ?? []) expect(sanitized.text).not.toContain(hidden);
  for (const shown of c.mustReachAgent ?? []) expect(sanitized.text).toContain(shown);

  // Visible text cannot be removed, so the prompt fences the document as data, and the document cannot close the fence.
  const prompt = renderPrompt({
    issue: "octo-org/widgets#7",
    issueUrl: "https://github.com/octo-org/widgets/issues/7",
    title,
    document: sanitized.text,
    returnFile: ".handoffs/return-7.md",
    branch: "handoff/7-hostile",
  });
  const tag = /^<<<(HANDOFF-[0-9A-F]{16})$/m.exec(prompt)?.[1];
  expect(tag).toBeDefined();
  // The explanation above the fence names the tag too; only whole lines delimit.
  const lines = prompt.split("\n");
  expect(lines.filter((l) => l === `<<<${tag}`)).toHaveLength(1);
  expect(lines.filter((l) => l === `${tag}>>>`)).toHaveLength(1);
  const open = lines.indexOf(`<<<${tag}`);
  const close = lines.indexOf(`${tag}>>>`);
  expect(lines.slice(open + 1, close).join("\n")).toBe(fencedData(title, sanitized.text));
}

async function runCase(c: HostileCase): Promise<void> {
  if (c.executes) rmSync(c.executes.file, { force: true });
  const { text, secrets } = loadCase(c);

  if (c.command !== undefined) expect(parseCommand(text) !== null).toBe(c.command);

  if (c.expect === "redaction-error") {
    const failure = prepareIssue(text, { source: SOURCE });
    await expect(failure).rejects.toBeInstanceOf(RedactionError);
    await expect(failure).rejects.toThrow(/limit/);
    return;
  }

  const prepared = await prepareIssue(text, { source: SOURCE });
  const diagnostics = [...prepared.errors, ...prepared.warnings];
  expect(diagnostics.map((d) => d.code)).not.toContain("internal-error");
  if (c.expect === "diagnostic") {
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: c.diagnostic?.code, line: c.diagnostic?.line }));
  } else {
    expect(prepared.errors).toEqual([]);
  }

  for (const secret of secrets) for (const posted of postedTexts(prepared)) expect(posted).not.toContain(secret);
  assertRendered(c, prepared);
  assertAgentText(c, prepared);

  // Frontmatter is data: nothing in it ever runs, and no key reaches Object.prototype.
  if (c.executes) {
    expect(Reflect.get(globalThis, c.executes.global)).toBeUndefined();
    expect(existsSync(c.executes.file)).toBe(false);
  }
  expect(Reflect.get({}, "polluted")).toBeUndefined();
}

describe("the hostile corpus index", () => {
  it("lists every file in the corpus, and every case it lists exists", () => {
    expect(cases.map((c) => c.file).sort()).toEqual(corpusFiles());
  });

  it("holds at least a hundred cases across every category", () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
    expect(new Set(cases.map((c) => c.category))).toEqual(
      new Set(["size", "yaml", "encoding", "unicode", "command", "injection", "marker", "secrets"]),
    );
  });

  it("gives every diagnostic case the code and line it must report", () => {
    expect(cases.filter((c) => c.expect === "diagnostic" && !c.diagnostic).map((c) => c.file)).toEqual([]);
  });
});

for (const category of [...new Set(cases.map((c) => c.category))]) {
  describe(`hostile ${category}`, () => {
    for (const c of cases.filter((x) => x.category === category)) {
      const name = `${c.file} ends in ${c.expect === "safe" ? "safe output" : c.expect}: ${c.why}`;
      // A known weakness (reported, not yet fixed) is an expected failure: it turns red once the core is fixed.
      if (c.known) it.fails(`${name} [known: ${c.known}]`, () => runCase(c), HANG_GUARD_MS);
      else it(name, () => runCase(c), HANG_GUARD_MS);
    }
  });
}
