// The CLI commands that talk to GitHub: options → connection → the command → output and exit code.
import { connect } from "./connect.js";
import { formatDuration, parseDuration } from "./duration.js";
import type { Io } from "./io.js";
import { publish } from "./publish.js";
import { PublishError } from "./publish-error.js";
import { formatStatus, handoffStatus } from "./status.js";
import { waitExitCode, waitForReturn, type WaitJson } from "./wait.js";

export interface RemoteValues {
  repo?: string;
  token?: string;
  json?: boolean;
  parent?: string;
  direct?: boolean;
  timeout?: string;
  interval?: string;
  trusted?: string[];
}

const PUBLISH_TIMEOUT = "2m";
const PUBLISH_INTERVAL = "3s";
const WAIT_TIMEOUT = "30m";
const WAIT_INTERVAL = "10s";

function connectWith(values: RemoteValues, io: Io) {
  return connect({ repo: values.repo, token: values.token, warn: (line) => io.err(`handoff: ${line}`) });
}

export async function runPublish(file: string, values: RemoteValues, io: Io): Promise<number> {
  let parent: number | undefined;
  if (values.parent !== undefined) {
    if (!/^#?\d{1,10}$/.test(values.parent)) throw new PublishError(`--parent ${values.parent} is not an issue number`);
    parent = Number(values.parent.replace("#", ""));
  }
  const { gh, repo } = await connectWith(values, io);
  try {
    const result = await publish(gh, repo, {
      file,
      parent,
      direct: values.direct ?? false,
      timeoutMs: parseDuration(values.timeout ?? PUBLISH_TIMEOUT, "--timeout"),
      intervalMs: parseDuration(values.interval ?? PUBLISH_INTERVAL, "--interval"),
      note: (line) => io.err(line),
    });
    io.out(
      values.json ? JSON.stringify(result) : `${result.created ? "Filed" : "Updated"} #${result.issue}: ${result.url}`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof PublishError)) throw error;
    io.err(`handoff publish: ${error.message}`);
    return error.exitCode;
  }
}

export async function runWait(issue: number, values: RemoteValues, io: Io): Promise<number> {
  const timeoutMs = parseDuration(values.timeout ?? WAIT_TIMEOUT, "--timeout");
  const intervalMs = parseDuration(values.interval ?? WAIT_INTERVAL, "--interval");
  const { gh, repo } = await connectWith(values, io);
  const result = await waitForReturn(gh, repo, {
    issue,
    timeoutMs,
    intervalMs,
    trusted: values.trusted ?? [],
    note: (line) => io.err(line),
  });
  if (result.outcome === "timeout") {
    io.err(
      `handoff wait: no return on ${repo.owner}/${repo.repo}#${issue} within ${formatDuration(timeoutMs)} (${result.counts.requests} requests, ${result.counts.notModified} answered 304). Wait again, or see \`handoff status ${issue}\``,
    );
    return waitExitCode(result);
  }
  if (values.json) {
    const json: WaitJson = { issue, status: result.status, return: result.return, url: result.url };
    io.out(JSON.stringify(json));
  } else {
    io.err(`Return on ${repo.owner}/${repo.repo}#${issue} by ${result.author}, status ${result.status}: ${result.url}`);
    io.out(result.return.trimEnd());
  }
  return waitExitCode(result);
}

export async function runStatus(issue: number | undefined, values: RemoteValues, io: Io): Promise<number> {
  const { gh, repo } = await connectWith(values, io);
  const rows = await handoffStatus(gh, repo, issue);
  io.out(values.json ? JSON.stringify(rows, null, 2) : formatStatus(rows, repo));
  return 0;
}
