// The size of src/'s files (STYLE.md, issue #10): a file over 250 lines says why at its top, on its first line, as
// `// Over 250 lines: <why it is one idea>`. A file that grows past 250 lines without one fails here.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL("../src", import.meta.url));
const MAX_LINES = 250;
const REASON = /^\/\/ Over 250 lines: .{10,}/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Lines as `wc -l` counts them: newline characters. */
function lineCount(text: string): number {
  return text.split("\n").length - 1;
}

/** Why a file breaks the rule, or null when it keeps it. */
function sizeProblem(text: string): string | null {
  const lines = lineCount(text);
  if (lines <= MAX_LINES) return null;
  const first = text.slice(0, text.indexOf("\n"));
  return REASON.test(first) ? null : `${lines} lines, and no "// Over 250 lines: <why>" on its first line`;
}

describe("the size of src/'s files", () => {
  it("gives every file over 250 lines a reason on its first line", () => {
    const problems = sourceFiles(SRC).flatMap((file) => {
      const problem = sizeProblem(readFileSync(file, "utf8"));
      return problem ? [`${relative(SRC, file)}: ${problem}`] : [];
    });
    expect(problems).toEqual([]);
  });

  it("counts lines as wc -l does", () => {
    expect(lineCount("a\nb\n")).toBe(2);
    expect(lineCount("a\nb")).toBe(1);
  });

  it("fails a file of 251 lines without a reason, and passes one of 250", () => {
    expect(sizeProblem("const x = 1;\n".repeat(251))).toBe(
      '251 lines, and no "// Over 250 lines: <why>" on its first line',
    );
    expect(sizeProblem("const x = 1;\n".repeat(250))).toBeNull();
  });

  it("accepts a reason only on the first line, and only with words after the marker", () => {
    const body = "const x = 1;\n".repeat(260);
    expect(sizeProblem(`// Over 250 lines: data, one table of rules.\n${body}`)).toBeNull();
    expect(sizeProblem(`// A header.\n// Over 250 lines: data, one table of rules.\n${body}`)).not.toBeNull();
    expect(sizeProblem(`// Over 250 lines:\n${body}`)).not.toBeNull();
  });
});
