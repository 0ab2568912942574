// The committed bundle never loads Node's internal undici: not through the global fetch (the Action's Octokit
// speaks node:http, src/github/http-fetch.ts), and not through an ESM import of node:http, whose WebSocket getters
// load it too. Undici and its WebAssembly parser were 13-16 MiB of the Action's peak memory and about 80 ms of CPU.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { FakeGitHub } from "./support/fake-github/index.js";
import { APP_BOT, readyEvent, runAction, seedHandoffIssue, tempDir } from "./action-harness.js";
import { freshGitHubEachTest } from "./action-fresh-github.js";

let github: FakeGitHub;
freshGitHubEachTest((fresh) => (github = fresh));

/** Runs a pickup from the bundle with a preload that writes, at exit, every internal module the process loaded. */
async function modulesLoadedByPickup(): Promise<string[]> {
  const dir = tempDir("handoff-transport-");
  const preload = join(dir, "modules.mjs");
  const out = join(dir, "modules.json");
  const fs = 'process.getBuiltinModule("node:fs")';
  writeFileSync(
    preload,
    `process.on("exit", () => ${fs}.writeFileSync(${JSON.stringify(out)}, JSON.stringify(process.moduleLoadList)));`,
  );
  const issue = seedHandoffIssue(github, { user: APP_BOT });
  const run = await runAction({
    github,
    inputs: { mode: "pickup", "trusted-bots": APP_BOT },
    event: readyEvent(issue),
    env: { NODE_OPTIONS: `--import=${preload}` },
    via: "bundle",
  });
  expect(run.code).toBe(0);
  expect(github.requests.length).toBeGreaterThan(3);
  return JSON.parse(readFileSync(out, "utf8")) as string[];
}

describe("the Action's transport", () => {
  it("makes its requests without loading Node's undici", async () => {
    const modules = await modulesLoadedByPickup();
    expect(modules).toContain("NativeModule _http_client");
    expect(modules.filter((name) => /undici/i.test(name))).toEqual([]);
  });
});
