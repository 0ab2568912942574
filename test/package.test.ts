// The package as npm ships it. The full proof is the smoke test (scripts/smoke.mjs: pack, install with
// --omit=dev, run); these are the fast checks that name the culprit when it fails.
import { execFile } from "node:child_process";
import { copyFile, mkdtemp, readFile, readdir } from "node:fs/promises";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const exec = promisify(execFile);
const root = path.join(import.meta.dirname, "..");
const pkg = JSON.parse(await readFile(path.join(root, "package.json"), "utf8")) as {
  name: string;
  engines: { node: string };
  exports: Record<string, string | { types: string; default: string }>;
  bin: Record<string, string>;
  files: string[];
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(".ts")).map((e) => path.join(e.parentPath, e.name));
}

/** Module specifiers that run: static imports and re-exports (not `import type`), and dynamic `import()`. */
function runtimeImports(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (
      ts.isExportDeclaration(node) &&
      !node.isTypeOnly &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteral(arg)) found.push(arg.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** `@scope/name/sub.js` → `@scope/name`; `name/sub.js` → `name`. */
function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

describe("the npm package", () => {
  it("has a name other than `handoff`, which belongs to an unrelated package on the registry", () => {
    expect(pkg.name).not.toBe("handoff");
    expect(pkg.name).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    expect(Object.keys(pkg.bin)).toEqual(["handoff"]);
  });

  it("declares Node 22 or later, which Probot 14's dependencies need", () => {
    expect(pkg.engines.node).toBe(">=22");
  });

  it("lists every package that src/ imports at run time under dependencies", async () => {
    const missing: string[] = [];
    for (const file of await sourceFiles(path.join(root, "src"))) {
      for (const specifier of runtimeImports(file, await readFile(file, "utf8"))) {
        if (specifier.startsWith(".") || specifier.startsWith("node:") || builtinModules.includes(specifier)) continue;
        const name = packageOf(specifier);
        if (!(name in pkg.dependencies)) missing.push(`${path.relative(root, file)} imports ${specifier}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("points every export at a file the build emits from src/", async () => {
    for (const [entry, target] of Object.entries(pkg.exports)) {
      if (entry === "./package.json") continue;
      const { types, default: js } = target as { types: string; default: string };
      const source = js.replace(/^\.\/lib\//, "").replace(/\.js$/, ".ts");
      expect(types, entry).toBe(js.replace(/\.js$/, ".d.ts"));
      expect(await readFile(path.join(root, source), "utf8"), `${entry} → ${source}`).toBeTruthy();
      expect(
        pkg.files.some((f) => js.slice(2).startsWith(`${f}/`)),
        `${entry} is in "files"`,
      ).toBe(true);
    }
  });
});

describe("the prepare script", () => {
  async function runPrepareWithoutTypeScript(npmCommand: string) {
    // A copy outside the repository: TypeScript cannot be resolved from there, as in an --omit=dev install.
    const dir = await mkdtemp(path.join(tmpdir(), "handoff-prepare-"));
    await copyFile(path.join(root, "scripts", "prepare.mjs"), path.join(dir, "prepare.mjs"));
    return exec(process.execPath, [path.join(dir, "prepare.mjs")], {
      cwd: dir,
      env: { ...process.env, npm_command: npmCommand },
    }).then(
      ({ stderr }) => ({ code: 0, stderr }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
  }

  it("lets a production install (`npm ci --omit=dev`) succeed without TypeScript, and says lib/ was not built", async () => {
    const result = await runPrepareWithoutTypeScript("ci");
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/TypeScript is not installed.*lib\/ was not built/);
  });

  it("fails `npm pack` without TypeScript rather than pack a package without lib/", async () => {
    const result = await runPrepareWithoutTypeScript("pack");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot be built/);
  });
});

describe("the Dockerfile", () => {
  const dockerfile = readFile(path.join(root, "Dockerfile"), "utf8");

  it("builds on Node 24 slim in every stage", async () => {
    const bases = [...(await dockerfile).matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(bases.length).toBeGreaterThanOrEqual(2);
    for (const base of bases) expect(base).toBe("node:24-slim");
  });

  it("installs the packed tarball with production dependencies only, as the smoke test does", async () => {
    const text = await dockerfile;
    expect(text).toMatch(/^RUN npm pack /m);
    expect(text).toMatch(/npm install --omit=dev [^\n]*\/tmp\/handoff\.tgz/);
  });

  it("runs `handoff serve` as a non-root user with a health check on /healthz", async () => {
    const text = await dockerfile;
    const user = text.match(/^USER (\S+)/m)?.[1];
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)$/);
    expect(text).toMatch(/^HEALTHCHECK [^\n]*\\\n[^\n]*\/healthz/m);
    expect(text).toMatch(/^CMD \["node_modules\/\.bin\/handoff", "serve"\]$/m);
  });
});
