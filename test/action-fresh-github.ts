// The set-up most Action test files share: a fresh fake GitHub (startGitHub's repository, token and people) for each
// test, and after it the check that every request matched GitHub's REST description. Apart from action-harness.ts,
// which the bench imports too, because this registers vitest hooks.
import { afterEach, beforeEach, expect } from "vitest";
import type { FakeGitHub } from "./support/fake-github/index.js";
import { startGitHub } from "./action-harness.js";

/** Registers the hooks; `use` receives each test's fake GitHub before the test runs. */
export function freshGitHubEachTest(use: (github: FakeGitHub) => void): void {
  let github: FakeGitHub;
  beforeEach(async () => {
    github = await startGitHub();
    use(github);
  });
  afterEach(async () => {
    expect(github.violations).toEqual([]);
    await github.close();
  });
}
