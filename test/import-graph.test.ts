// The shape of src/: no import cycles (type-only imports included: they couple two files' meaning just the same),
// and the pure core never reaches a shell or GitHub's client libraries.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL("../src", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** file → the files of src/ it imports or re-exports (relative specifiers, `.js` read as `.ts`). */
function importGraph(): Map<string, { local: string[]; packages: string[] }> {
  const graph = new Map<string, { local: string[]; packages: string[] }>();
  for (const file of sourceFiles(SRC)) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, false);
    const local: string[] = [];
    const packages: string[] = [];
    for (const { fileName } of importedFiles) {
      if (fileName.startsWith(".")) local.push(resolve(dirname(file), fileName.replace(/\.js$/, ".ts")));
      else packages.push(fileName);
    }
    graph.set(file, { local, packages });
  }
  return graph;
}

/** Every cycle found by a depth-first search, each as the files around it (src/-relative). */
function cycles(graph: Map<string, { local: string[] }>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, "open");
    stack.push(file);
    for (const next of graph.get(file)?.local ?? []) {
      if (state.get(next) === "open")
        found.push([...stack.slice(stack.indexOf(next)), next].map((f) => relative(SRC, f)));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

describe("the import graph of src/", () => {
  const graph = importGraph();

  it("resolves every relative import to a file of src/", () => {
    const missing = [...graph.entries()].flatMap(([file, { local }]) =>
      local.filter((to) => !graph.has(to)).map((to) => `${relative(SRC, file)} → ${to}`),
    );
    expect(missing).toEqual([]);
  });

  it("has no import cycles", () => {
    expect(cycles(graph)).toEqual([]);
  });

  it("finds a cycle when there is one, so the check above can fail", () => {
    const a = "/x/a.ts";
    const b = "/x/b.ts";
    expect(
      cycles(
        new Map([
          [a, { local: [b] }],
          [b, { local: [a] }],
        ]),
      ),
    ).toHaveLength(1);
  });

  it("keeps the core pure: nothing in src/core imports Probot, Octokit, @actions or another layer", () => {
    const core = join(SRC, "core");
    const impure = [...graph.entries()]
      .filter(([file]) => file.startsWith(core))
      .flatMap(([file, { local, packages }]) => [
        ...packages
          .filter((name) => /^(probot|@octokit\/|@actions\/)/.test(name))
          .map((name) => `${relative(SRC, file)} → ${name}`),
        ...local.filter((to) => !to.startsWith(core)).map((to) => `${relative(SRC, file)} → ${relative(SRC, to)}`),
      ]);
    expect(impure).toEqual([]);
  });
});
