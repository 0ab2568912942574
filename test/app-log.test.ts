// What the App's log shows at Probot's default level (info): one line per delivery it acts on, naming the outcome
// and the issue; the steps in between ("reply created on …", "filed octo-org/widgets#2") at debug.
import type { Probot } from "probot";
import { describe, expect, it } from "vitest";
import app from "../src/index.js";
import { commentPayload, delivery } from "./support/payloads.js";
import { createProbot, documentFixture, useApp, type ProbotLog } from "./fixtures/app/harness.js";

const harness = useApp();

type Level = "trace" | "debug" | "info" | "warn" | "error" | "fatal";

/** A logger that keeps every message with its level, for Probot, its children and its Octokit alike. */
function recordingLog(): { log: ProbotLog; lines: Array<{ level: Level; message: string }> } {
  const lines: Array<{ level: Level; message: string }> = [];
  const at =
    (level: Level) =>
    (...args: unknown[]): void => {
      const message = args.find((a): a is string => typeof a === "string");
      if (message !== undefined) lines.push({ level, message });
    };
  const log = {
    level: "info",
    child: () => log,
    trace: at("trace"),
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    fatal: at("fatal"),
  };
  return { log: log as unknown as ProbotLog, lines };
}

async function probotLoggingTo(log: ProbotLog): Promise<Probot> {
  const probot = createProbot(log);
  await probot.load(app);
  return probot;
}

describe("the App's log", () => {
  it("has one info line for a filed /handoff, with the outcome and the issue; the steps are at debug", async () => {
    harness.github.permissions.set("Codertocat", "write");
    const { log, lines } = recordingLog();
    const probot = await probotLoggingTo(log);
    await probot.receive(
      delivery("issue_comment", commentPayload({ body: `/handoff Fix it\n${documentFixture("simple")}` })),
    );

    const [issue] = harness.github.ours();
    const info = lines.filter((l) => l.level === "info").map((l) => l.message);
    expect(info).toEqual([
      expect.stringMatching(
        new RegExp(`: filed #${issue!.number} \\(https://github\\.com/octo-org/widgets/issues/${issue!.number}\\)$`),
      ),
    ]);
    const debug = lines.filter((l) => l.level === "debug").map((l) => l.message);
    expect(debug).toContain(`filed octo-org/widgets#${issue!.number}`);
    expect(debug).toContainEqual(expect.stringMatching(/^reply created on octo-org\/widgets#1$/));
  });

  it("has one info line for an edit that updates the issue, and none for a comment it ignores", async () => {
    harness.github.permissions.set("Codertocat", "write");
    const { log, lines } = recordingLog();
    const probot = await probotLoggingTo(log);
    const body = `/handoff Fix it\n${documentFixture("simple")}`;
    await probot.receive(delivery("issue_comment", commentPayload({ body })));
    lines.length = 0;
    await probot.receive(
      delivery("issue_comment", commentPayload({ action: "edited", body: `${body}\nOne more line.\n` })),
    );
    await probot.receive(delivery("issue_comment", commentPayload({ body: "Thanks, looks good." })));

    const [issue] = harness.github.ours();
    expect(lines.filter((l) => l.level === "info").map((l) => l.message)).toEqual([
      expect.stringMatching(
        new RegExp(`: updated #${issue!.number} \\(https://github\\.com/octo-org/widgets/issues/${issue!.number}\\)$`),
      ),
    ]);
    expect(lines.filter((l) => l.level === "debug").map((l) => l.message)).toContainEqual(
      expect.stringMatching(/: updated #\d+$/),
    );
  });
});
