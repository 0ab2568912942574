import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * What makes a test file stateful: it replaces or resets modules (vi.mock, vi.doMock, vi.resetModules, and the
 * in-process Action and CLI harnesses, which do), fakes timers or stubs globals, installs nock's interceptors,
 * writes process.env or process.stdout, or drives the fleet or the load harness; itself or through any test
 * module it imports. Such a file gets a fresh worker of its own. Every other file only calls our modules, reads
 * files and talks to local servers it closes; those share their worker, so markdown-it, secretlint, zod and the
 * core are evaluated once per worker instead of once per file (the suite's largest fixed cost: about 0.3 s of
 * start-up and a few hundred ms of imports per file). A new file is classified here, with nothing to list by hand.
 */
const STATEFUL = new RegExp(
  [
    String.raw`\bvi\.(mock|doMock|unmock|doUnmock|resetModules|stubGlobal|stubEnv|useFakeTimers|spyOn)\b`,
    String.raw`\bnock\b`,
    String.raw`process\.env(\[[^\]]+\]|\.\w+)?\s*=[^=]|delete process\.env|Object\.assign\(process\.env`,
    String.raw`process\.(stdout|stderr)\.write\s*=|process\.exitCode\s*=`,
    String.raw`(action|cli-loop|load)-harness|fleet\/harness`,
  ].join("|"),
);

const TEST_DIR = fileURLToPath(new URL("./test/", import.meta.url));

/** A test module and every test module it imports (relative imports that stay under test/), read once. */
function testSources(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file) || !file.startsWith(TEST_DIR) || !existsSync(file)) return [];
  seen.add(file);
  const text = readFileSync(file, "utf8");
  const imports = [...text.matchAll(/from "(\.{1,2}\/[^"]+)"|import\("(\.{1,2}\/[^"]+)"\)/g)].map((m) =>
    path.resolve(path.dirname(file), (m[1] ?? m[2]!).replace(/\.js$/, ".ts")),
  );
  return [text, ...imports.flatMap((next) => testSources(next, seen))];
}

/**
 * Files that assert wall-clock time under a load they make themselves (the fleet answers a burst of webhooks
 * within 1 s at p99): they run after the rest, one at a time, as they did when the suite ran one file at a time,
 * so that the suite's own parallel files are not part of the load they measure.
 */
const TIMED = ["fleet-load.test.ts"];

const testFiles = readdirSync(TEST_DIR).filter((name) => name.endsWith(".test.ts") && !TIMED.includes(name));
const stateful = testFiles.filter((name) => testSources(path.join(TEST_DIR, name)).some((text) => STATEFUL.test(text)));
const shared = testFiles.filter((name) => !stateful.includes(name));

/**
 * vitest's order (longest first, by the last run's durations or, on a clean clone, by file size), except that the
 * shared-worker files go before the isolated ones instead of after them: the isolated files, many and short,
 * then fill both workers to the end, rather than the longest shared file running alone on one core at the end.
 */
class SharedFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return sorted.sort((a, b) => Number(a.project.config.isolate) - Number(b.project.config.isolate));
  }
}

export default defineConfig({
  test: {
    // Bundle and HTTP tests spawn Node processes and local servers; keep them well away from the default 5 s.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    // vitest's default is one worker fewer than the cores: on CI's 2 cores, one file at a time, and the suite's
    // waits on servers and child processes then leave a core idle. One worker per core instead.
    maxWorkers: "100%",
    setupFiles: ["test/setup/fast-check.ts"],
    sequence: { sequencer: SharedFirst },
    // The Action's tests run it in-process with a fresh module state per run (test/action-harness.ts). @actions/core
    // keeps state between calls (the job summary's file and buffer); inlined, vi.resetModules renews it too.
    server: { deps: { inline: ["@actions/core"] } },
    projects: [
      { extends: true, test: { name: "isolated", include: stateful.map((name) => `test/${name}`) } },
      { extends: true, test: { name: "shared", include: shared.map((name) => `test/${name}`), isolate: false } },
      {
        extends: true,
        test: {
          name: "timed",
          include: TIMED.map((name) => `test/${name}`),
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
