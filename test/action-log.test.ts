import nock from "nock";
import { describe, expect, it } from "vitest";
import { inertLogLine } from "../src/action/log.js";
import { createGitHub } from "../src/action/octokit.js";
import type { Log } from "../src/github/client.js";
import { useNock } from "./support/nock.js";

/** What the runner would treat as a workflow command: any line starting with `::` after leading spaces. */
const commandLines = (text: string) => text.split(/\r\n|\r|\n/).filter((line) => /^\s*::/.test(line));

describe("the Action's info log", () => {
  it("keeps a message with newlines on one line, so quoted text cannot start a workflow command", () => {
    const key = "x\n::add-mask::https\n::set-output name=foo::bar";
    const line = inertLogLine(`return.md:2:1 warning: Unknown frontmatter key \`${key}\``);
    expect(commandLines(line)).toEqual([]);
    expect(line).toContain("::add-mask::https");
  });

  it("defuses a message that itself starts with a command", () => {
    expect(commandLines(inertLogLine("  ::stop-commands::abc"))).toEqual([]);
  });

  it("leaves ordinary messages alone", () => {
    expect(inertLogLine("claimed octo-org/widgets#12 until 2026-11-24T01:00:00Z")).toBe(
      "claimed octo-org/widgets#12 until 2026-11-24T01:00:00Z",
    );
  });
});

describe("the Action's log of GitHub requests", () => {
  useNock();

  function recordingLog() {
    const lines: { level: keyof Log; message: string }[] = [];
    const log: Log = {
      info: (message) => lines.push({ level: "info", message }),
      warn: (message) => lines.push({ level: "warn", message }),
      error: (message) => lines.push({ level: "error", message }),
      debug: (message) => lines.push({ level: "debug", message }),
    };
    return { log, lines };
  }

  it("logs the expected 404 of a missing .github/handoff.yml as debug, never as an error annotation", async () => {
    nock("https://api.github.com").get("/repos/octo-org/widgets/contents/.github%2Fhandoff.yml").reply(404, {
      message: "Not Found",
      documentation_url: "https://docs.github.com/rest/repos/contents#get-repository-content",
      status: "404",
    });
    const { log, lines } = recordingLog();
    const gh = createGitHub("ghs_test", "https://api.github.com", log);
    const failure = await gh
      .request("GET /repos/{owner}/{repo}/contents/{path}", {
        owner: "octo-org",
        repo: "widgets",
        path: ".github/handoff.yml",
      })
      .catch((e: { status: number }) => e);
    expect(failure).toMatchObject({ status: 404 });
    expect(lines.filter((l) => l.level === "error" || l.level === "warn")).toEqual([]);
    expect(lines).toContainEqual({
      level: "debug",
      message: expect.stringMatching(/^GET \/repos\/octo-org\/widgets\/contents\/.* - 404 with id/),
    });
  });

  it("logs a request GitHub failed with a 5xx as a warning, not an error annotation", async () => {
    nock("https://api.github.com").get("/repos/octo-org/widgets/issues/12").reply(502, "Bad Gateway");
    const { log, lines } = recordingLog();
    const gh = createGitHub("ghs_test", "https://api.github.com", log);
    // No retries: the plugin's waits would only slow the test down; the log line is the same.
    const failure = await gh
      .request("GET /repos/{owner}/{repo}/issues/{issue_number}", {
        owner: "octo-org",
        repo: "widgets",
        issue_number: 12,
        request: { retries: 0 },
      })
      .catch((e: { status: number }) => e);
    expect(failure).toMatchObject({ status: 502 });
    expect(lines.filter((l) => l.level === "error")).toEqual([]);
    expect(lines).toContainEqual({
      level: "warn",
      message: expect.stringMatching(/^GET \/repos\/octo-org\/widgets\/issues\/12 - 502 with id/),
    });
  });
});
