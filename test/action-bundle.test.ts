// The committed bundle is what GitHub runs: it must match the sources, stay small, and run.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { transform } from "esbuild";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { BUNDLE } from "./action-harness.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DIST = join(ROOT, "action/dist");

/** Every file of the committed bundle: the entry and the chunks it loads on demand. */
function distFiles(): string[] {
  return readdirSync(DIST, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

function bundleCheck(cwd: string) {
  return spawnSync(process.execPath, ["scripts/bundle.mjs", "--check"], { cwd, encoding: "utf8" });
}

describe("the Action bundle", () => {
  it("is fresh: rebuilding the sources gives the committed action/dist/index.js", () => {
    const result = bundleCheck(ROOT);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("fails the check, saying what to do, when the committed bundle is stale", () => {
    // A copy of the sources with a stale bundle: the real working tree is never touched.
    const copy = mkdtempSync(join(tmpdir(), "handoff-bundle-"));
    try {
      for (const dir of ["src", "scripts", "action"]) cpSync(join(ROOT, dir), join(copy, dir), { recursive: true });
      cpSync(join(ROOT, "package.json"), join(copy, "package.json"));
      symlinkSync(join(ROOT, "node_modules"), join(copy, "node_modules"), "dir");
      writeFileSync(join(copy, "action/dist/index.js"), `${readFileSync(BUNDLE, "utf8")}\n// stale\n`);
      const result = bundleCheck(copy);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain("action/dist is stale: run npm run bundle and commit it");
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }, 120_000);

  it("fails the check when a chunk is left over from an earlier build", () => {
    const copy = mkdtempSync(join(tmpdir(), "handoff-bundle-"));
    try {
      for (const dir of ["src", "scripts", "action"]) cpSync(join(ROOT, dir), join(copy, dir), { recursive: true });
      cpSync(join(ROOT, "package.json"), join(copy, "package.json"));
      symlinkSync(join(ROOT, "node_modules"), join(copy, "node_modules"), "dir");
      writeFileSync(join(copy, "action/dist/chunks/chunk-OLD.js"), "export {};\n");
      const result = bundleCheck(copy);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain("chunks/chunk-OLD.js");
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }, 120_000);

  it("is within its 0.8 MB budget, all of action/dist counted (scripts/bundle.mjs fails the build over it)", () => {
    const total = distFiles().reduce((sum, file) => sum + statSync(file).size, 0);
    expect(total).toBeLessThanOrEqual(800_000);
  });

  it("leaves node-forge out: secretlint's .p12 check never runs on the text handoff scans", () => {
    const bundle = distFiles()
      .map((file) => readFileSync(file, "utf8"))
      .join("\n");
    expect(bundle).not.toContain("pkcs12FromAsn1=");
    expect(bundle).toContain("node-forge is not bundled with handoff");
  });

  it("says node-forge is left out, should anything ever reach its stand-in", async () => {
    const { i } = await import("../src/action/shims/node-forge.js");
    expect(() => i.default).toThrow(
      "node-forge is not bundled with handoff: secretlint's .p12 file check is not supported",
    );
  });

  it("is ES modules, each of which that reads require, __filename or __dirname declares it first", async () => {
    expect(distFiles()).toContain(BUNDLE);
    const declarations: Record<string, string> = {
      require: "const require = __handoffCreateRequire(import.meta.url);",
      __filename: "const __filename = __handoffFileURLToPath(import.meta.url);",
      __dirname: "const __dirname = __handoffDirname(__filename);",
    };
    const readers: string[] = [];
    // Two files are CommonJS, where `require` is the module's own, read from disk on first use: yaml (lazyYaml),
    // and parse5 with entities (lazyHtml).
    expect(distFiles().filter((file) => !file.endsWith(".js"))).toEqual([
      join(DIST, "chunks", "html.cjs"),
      join(DIST, "chunks", "yaml.cjs"),
    ]);
    for (const file of distFiles().filter((name) => name.endsWith(".js"))) {
      const text = readFileSync(file, "utf8");
      // A global the file reads, as esbuild sees it: defined as a probe, it replaces free references only (not a
      // string such as bottleneck's "require$$2", a property name, or the file's own declaration of it).
      const define = Object.fromEntries(Object.keys(declarations).map((name) => [name, `__probe_${name}`]));
      const { code } = await transform(
        text.replace(/^(?:import \{ \w+ as __handoff\w+ \}.*\n|const (?:require|__filename|__dirname) = .*\n)+/m, ""),
        { format: "esm", define, logLevel: "silent" },
      );
      for (const [name, declaration] of Object.entries(declarations)) {
        if (!code.includes(`__probe_${name}`)) continue;
        readers.push(file);
        expect(text.slice(0, 1000), `${file} reads ${name}`).toContain(declaration);
      }
    }
    // Bundled CommonJS (bottleneck, secretlint's rules) reaches require through esbuild's shared helper.
    expect(readers.length).toBeGreaterThan(0);
  });

  it("imports no Node builtin whose ES namespace would load more code, nor the ones it loads on first use", () => {
    // As an ES module, node:http's namespace runs its WebSocket getter, which loads Node's whole internal undici
    // (34 ms against 3 ms through require); node:fs's runs `promises`. crypto, child_process, assert and
    // fs/promises are loaded when first called, after the run's first request.
    const costly = ["fs", "http", "https", "util", "crypto", "child_process", "assert", "fs/promises"];
    const imports = distFiles().flatMap((file) =>
      [
        ...readFileSync(file, "utf8").matchAll(
          /\bimport\s*(?:(?:\{[^}]*\}|\*\s*as\s+[\w$]+|[\w$]+(?:\s*,\s*\{[^}]*\})?)\s*from\s*)?["']([^"'.][^"']*)["']/g,
        ),
      ].map(([, specifier]) => ({ specifier: specifier!.replace(/^node:/, ""), file })),
    );
    expect(imports.map((found) => found.specifier)).toContain("path");
    expect(imports.filter((found) => costly.includes(found.specifier))).toEqual([]);
  });

  it("runs from action/dist alone, its chunks and their require included", () => {
    // Every chunk imported, from a copy with nothing else around it: each one's top-level code runs, CommonJS
    // wrappers included (whether a call inside a function finds require is the test above's business).
    const copy = mkdtempSync(join(tmpdir(), "handoff-dist-"));
    try {
      cpSync(DIST, join(copy, "dist"), { recursive: true });
      writeFileSync(join(copy, "package.json"), '{"type":"module"}');
      const chunks = readdirSync(join(copy, "dist/chunks")).map((name) => `./dist/chunks/${name}`);
      const script = `for (const c of ${JSON.stringify(chunks)}) await import(c); console.log("loaded", ${chunks.length});`;
      const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
        cwd: copy,
        encoding: "utf8",
      });
      expect(result.stderr).toBe("");
      expect(result.stdout.trim()).toBe(`loaded ${chunks.length}`);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it("is what action.yml runs, on node24", () => {
    const action = parse(readFileSync(join(ROOT, "action.yml"), "utf8")) as { runs: { using: string; main: string } };
    expect(action.runs).toEqual({ using: "node24", main: "action/dist/index.js" });
  });

  it("declares every input the code reads, and the code reads every input action.yml declares", async () => {
    const { INPUT_NAMES } = await import("../src/action/inputs.js");
    const action = parse(readFileSync(join(ROOT, "action.yml"), "utf8")) as { inputs: Record<string, unknown> };
    expect(Object.keys(action.inputs).sort()).toEqual([...INPUT_NAMES].sort());
  });
});
