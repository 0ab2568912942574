// The run's context, read from the GITHUB_* variables and the event file the runner writes. We read
// them ourselves instead of using @actions/github: it is one file of code, and it keeps the bundle small.
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as z from "../core/zod.js";
import type { RepoRef } from "../github/client.js";

/** The parts of an event payload the Action looks at; everything else passes through untouched. */
const EventSchema = z.looseObject({
  action: z.optional(z.string()),
  issue: z.optional(z.looseObject({ number: z.number().check(z.int(), z.positive()) })),
  comment: z.optional(z.looseObject({ id: z.number().check(z.int()) })),
  inputs: z.nullish(z.record(z.string(), z.unknown())),
  sender: z.optional(z.looseObject({ login: z.string() })),
});
export type ActionEvent = z.infer<typeof EventSchema>;

export interface ActionContext {
  repo: RepoRef;
  eventName: string;
  event: ActionEvent;
  sha: string;
  runId: string;
  runAttempt: number;
  /** Who started this run: the re-runner of a re-run (GITHUB_TRIGGERING_ACTOR), else GITHUB_ACTOR. */
  actor: string;
  serverUrl: string;
  apiUrl: string;
  runnerTemp: string;
  /** The link to this run, for comments and the summary. */
  runUrl: string;
  /** When this step began; comments written later are never given to the agent. */
  startedAt: Date;
}

function env(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === "" ? undefined : value;
}

function required(name: string): string {
  const value = env(name);
  if (!value) throw new Error(`${name} is not set: the Action must run inside a GitHub Actions job`);
  return value;
}

function readEvent(path: string | undefined): ActionEvent {
  if (!path) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`cannot read the event payload at ${path}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = EventSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`the event payload at ${path} is not a GitHub event: ${parsed.error.message}`);
  return parsed.data;
}

export function readContext(startedAt = new Date()): ActionContext {
  const repository = required("GITHUB_REPOSITORY");
  const [owner, repo] = repository.split("/");
  if (!owner || !repo) throw new Error(`GITHUB_REPOSITORY must be owner/repo, got "${repository}"`);
  const serverUrl = (env("GITHUB_SERVER_URL") ?? "https://github.com").replace(/\/+$/, "");
  const runId = required("GITHUB_RUN_ID");
  return {
    repo: { owner, repo },
    eventName: env("GITHUB_EVENT_NAME") ?? "",
    event: readEvent(env("GITHUB_EVENT_PATH")),
    sha: required("GITHUB_SHA"),
    runId,
    runAttempt: Number(env("GITHUB_RUN_ATTEMPT") ?? "1") || 1,
    actor: env("GITHUB_TRIGGERING_ACTOR") ?? required("GITHUB_ACTOR"),
    serverUrl,
    // GitHub Enterprise Server sets this to https://HOST/api/v3; honouring it is all GHES needs.
    apiUrl: (env("GITHUB_API_URL") ?? "https://api.github.com").replace(/\/+$/, ""),
    runnerTemp: env("RUNNER_TEMP") ?? tmpdir(),
    runUrl: `${serverUrl}/${owner}/${repo}/actions/runs/${runId}`,
    startedAt,
  };
}

/** The issue the event is about: `issues.*`, `issue_comment.*`, or `workflow_dispatch` with an `issue` input. */
export function issueFromEvent(context: ActionContext): number | undefined {
  if (context.event.issue) return context.event.issue.number;
  const input = context.event.inputs?.["issue"];
  if (typeof input === "number") return input;
  if (typeof input === "string") return parseIssueNumber(input);
  return undefined;
}

/** `12` or `#12` → 12; anything else → undefined. */
export function parseIssueNumber(text: string): number | undefined {
  const match = /^#?(\d{1,10})$/.exec(text.trim());
  if (!match) return undefined;
  const number = Number(match[1]);
  return number > 0 ? number : undefined;
}
