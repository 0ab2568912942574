import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { forEachLine } from "../src/core/line-breaks.js";
import { POINTER_PATTERNS, findPointers, isPointerChar, permalink } from "../src/core/pointers.js";

const paths = (body: string) => findPointers(body, 1).map((p) => [p.path, p.startLine, p.endLine]);

describe("findPointers", () => {
  it.each([
    ["see src/foo.ts:10 for the bug", ["src/foo.ts", 10, undefined]],
    ["see src/foo.ts:10-20.", ["src/foo.ts", 10, 20]],
    ["(src/foo.ts#L10-L20)", ["src/foo.ts", 10, 20]],
    ["src/foo.ts#L10", ["src/foo.ts", 10, undefined]],
    ["`src/foo.ts`", ["src/foo.ts", undefined, undefined]],
    ["`package.json`", ["package.json", undefined, undefined]],
    ["`.github/workflows/ci.yml`", [".github/workflows/ci.yml", undefined, undefined]],
    ["`Makefile`", ["Makefile", undefined, undefined]],
    ["`./scripts/run.sh:3`", ["scripts/run.sh", 3, undefined]],
    ["`node_modules/@scope/pkg/index.d.ts`", ["node_modules/@scope/pkg/index.d.ts", undefined, undefined]],
    ["[the helper](src/util.ts#L5-L9)", ["src/util.ts", 5, 9]],
  ])("finds the pointer in %s", (body, expected) => {
    expect(paths(body)).toEqual([expected]);
  });

  it("keeps the pointer as written and the document line it was found on", () => {
    expect(findPointers("intro\n\n- `src/a.ts:3-4` here", 10)).toEqual([
      { raw: "src/a.ts:3-4", path: "src/a.ts", startLine: 3, endLine: 4, line: 12 },
    ]);
  });

  it.each([
    ["a URL", "https://github.com/o/r/blob/main/src/a.ts#L10"],
    ["a URL in backticks", "`https://example.com/a.js`"],
    ["a version number", "upgraded to 1.2.3 and `1.2.3` and v2.0.1:4"],
    ["an abbreviation", "e.g. this, i.e. that, `e.g.`"],
    ["a host and port", "connect to example.com:443 or 127.0.0.1:5432 or localhost:3000"],
    ["a time", "at 10:30 we met"],
    ["a bare path without lines outside backticks", "edit src/foo.ts please"],
    ["an e-mail address", "`someone@example.com`"],
    ["a code span that is a command", "`npm run test`"],
    ["a domain-like path in backticks", "`example.com/index.js`"],
  ])("ignores %s", (_name, body) => {
    expect(findPointers(body, 1)).toEqual([]);
  });

  it("ignores pointers inside a code fence", () => {
    expect(findPointers("```\nat f (src/a.ts:10)\n```\nthen src/b.ts:2", 1).map((p) => p.path)).toEqual(["src/b.ts"]);
  });

  it("de-duplicates the same pointer written twice", () => {
    expect(findPointers("`src/a.ts:1` and again src/a.ts:1", 1)).toHaveLength(1);
  });

  it("keeps different line ranges of the same file apart", () => {
    expect(paths("src/a.ts:1 and src/a.ts:5-6")).toEqual([
      ["src/a.ts", 1, undefined],
      ["src/a.ts", 5, 6],
    ]);
  });

  it("drops an end line that is not after the start", () => {
    expect(paths("src/a.ts:20-10")).toEqual([["src/a.ts", 20, undefined]]);
  });
});

describe("permalink", () => {
  const at = { owner: "octo", repo: "app", ref: "0123abc" };

  it("links to a line range", () => {
    expect(permalink({ raw: "src/a.ts:10-20", path: "src/a.ts", startLine: 10, endLine: 20, line: 1 }, at)).toBe(
      "https://github.com/octo/app/blob/0123abc/src/a.ts#L10-L20",
    );
  });

  it("links to a single line", () => {
    expect(permalink({ raw: "src/a.ts:7", path: "src/a.ts", startLine: 7, line: 1 }, at)).toBe(
      "https://github.com/octo/app/blob/0123abc/src/a.ts#L7",
    );
  });

  it("links to a whole file without an anchor", () => {
    expect(permalink({ raw: "README.md", path: "README.md", line: 1 }, at)).toBe(
      "https://github.com/octo/app/blob/0123abc/README.md",
    );
  });

  it("uses a GitHub Enterprise server URL", () => {
    expect(permalink({ raw: "a.md", path: "a.md", line: 1 }, { ...at, serverUrl: "https://ghe.example.com/" })).toBe(
      "https://ghe.example.com/octo/app/blob/0123abc/a.md",
    );
  });

  it("encodes unusual characters in the path but keeps its slashes", () => {
    expect(permalink({ raw: "`docs/a b#c.md`", path: "docs/a b#c.md", line: 1 }, { ...at, ref: "feature/x" })).toBe(
      "https://github.com/octo/app/blob/feature/x/docs/a%20b%23c.md",
    );
  });
});

describe("cutting a body into lines", () => {
  it("gives the lines, and their numbers, that splitting at every kind of line break gives", () => {
    // Bodies with and without carriage returns: forEachLine takes a faster way through the second.
    const text = fc.oneof(
      fc.string({ maxLength: 40, unit: fc.constantFrom("a", " ", "`", "\n", "\r", "\r\n", "é") }),
      fc.string({ maxLength: 40, unit: fc.constantFrom("a", " ", "`", "\n", "\n\n", "é") }),
    );
    fc.assert(
      fc.property(text, (body) => {
        const lines: [string, number][] = [];
        forEachLine(body, (line, index) => lines.push([line, index]));
        expect(lines).toStrictEqual(body.split(POINTER_PATTERNS.newline).map((line, index) => [line, index]));
      }),
      { numRuns: 3_000 },
    );
  });
});

describe("a pointer's characters", () => {
  it("are the ones POINTER_PATTERNS.tokenChar matches, for every UTF-16 unit", () => {
    const differ: number[] = [];
    for (let c = 0; c <= 0xffff; c++)
      if (isPointerChar(c) !== POINTER_PATTERNS.tokenChar.test(String.fromCharCode(c))) differ.push(c);
    expect(differ).toEqual([]);
  });
});
