import { describe, expect, it } from "vitest";
import { inertLogLine } from "../src/action/log.js";

/** What the runner would treat as a workflow command: any line starting with `::` after leading spaces. */
const commandLines = (text: string) => text.split(/\r\n|\r|\n/).filter((line) => /^\s*::/.test(line));

describe("the Action's info log", () => {
  it("keeps a message with newlines on one line, so quoted text cannot start a workflow command", () => {
    const key = 'x\n::add-mask::https\n::set-output name=foo::bar';
    const line = inertLogLine(`return.md:2:1 warning: Unknown frontmatter key \`${key}\``);
    expect(commandLines(line)).toEqual([]);
    expect(line).toContain("::add-mask::https");
  });

  it("defuses a message that itself starts with a command", () => {
    expect(commandLines(inertLogLine("  ::stop-commands::abc"))).toEqual([]);
  });

  it("leaves ordinary messages alone", () => {
    expect(inertLogLine("claimed octo-org/widgets#12 until 2026-11-24T01:00:00Z")).toBe("claimed octo-org/widgets#12 until 2026-11-24T01:00:00Z");
  });
});
