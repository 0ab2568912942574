// The `handoff` command. node:util's parseArgs is enough for a handful of subcommands; no CLI framework needed.
import path from "node:path";
import { parseArgs } from "node:util";
import { CONFIG_PATH } from "../config/load.js";
import { normalizeDirectory } from "../config/schema.js";
import { RedactionError } from "../core/redact/index.js";
import { lintFiles } from "./lint.js";
import { newHandoff } from "./new.js";
import { formatPreview, previewFile } from "./preview.js";
import { repoContext } from "./repo-context.js";
import type { Io } from "./io.js";
import { runPublish, runStatus, runWait } from "./remote-commands.js";

const USAGE = `Usage: handoff <command> [options]

Commands:
  lint <file>...            Validate handoff documents; prints file:line:col for each problem, and
                            for anything redaction would remove (its kind, never its value).
                            Exits 1 when any document has an error (--strict: or a warning).
  preview <file> [--json]   Print the issue that would be filed (title, labels, body) after
                            redaction, with a report of what was redacted.
                            The repository comes from the git remote (--repo owner/repo to override);
                            labels and extra patterns from .github/handoff.yml.
  new "<title>"             Write a handoff template where the App looks: directory: in
                            .github/handoff.yml, else .handoffs/ (--dir to change).
  serve                     Run the GitHub App's webhook server (production). Reads APP_ID, PRIVATE_KEY,
                            WEBHOOK_SECRET, ... from the environment and ./.env; see docs/deploy.md.
  worker                    Run a queue worker (REDIS_URL and HANDOFF_QUEUE=true): docs/scaling.md.
  queue                     Print the delivery queue: counts, dead-letter list, stuck jobs.
  publish <file>            Redact and lint locally, then file the handoff: as a /handoff comment on
                            its parent for the App (--parent N, else the document's parent), or
                            --direct with your own token. Writes an id into the file; publishing
                            again updates the same issue. --json: { issue, url, created, redactions }.
  wait <issue>              Wait for the handoff's return and print it, sanitised for an agent.
                            --timeout 30m, --interval 10s, --trusted LOGIN (repeatable).
                            Exits 0 when it says done, 3 partial/blocked/failed, 2 on timeout.
                            --json: { issue, status, return, url }.
  status [issue]            Open handoffs (or one) and their state: ready, claimed (by which run,
                            until when), returned, failed. --json for scripts.

GitHub access (publish, wait, status):
  --repo owner/repo         Default: the git remote (origin).
  --token TOKEN             Default: GH_TOKEN, GITHUB_TOKEN, then \`gh auth token\`.
                            GITHUB_API_URL selects GitHub Enterprise Server.

Options:
  -h, --help                Show this help.
  -v, --version             Show the version.

The format: docs/handoff-format.md`;

/** The name on the npm registry (`handoff` there is someone else's package); the command stays `handoff`. */
export const PACKAGE_NAME = "agent-handoff";

export type { Io } from "./io.js";

const defaultIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Runs the CLI and returns the exit code; never calls process.exit itself, so tests can drive it. */
export async function main(argv: string[], io: Io = defaultIo, cwd: string = process.cwd()): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: "boolean", default: false },
        strict: { type: "boolean", default: false },
        repo: { type: "string" },
        dir: { type: "string" },
        token: { type: "string" },
        parent: { type: "string" },
        direct: { type: "boolean", default: false },
        timeout: { type: "string" },
        interval: { type: "string" },
        trusted: { type: "string", multiple: true, default: [] },
        help: { type: "boolean", short: "h", default: false },
        version: { type: "boolean", short: "v", default: false },
      },
    });
  } catch (error) {
    io.err(`handoff: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...args] = positionals;
  if (values.version) {
    io.out(await version());
    return 0;
  }
  if (values.help || !command) {
    (command || values.help ? io.out : io.err)(USAGE);
    return values.help ? 0 : 2;
  }

  try {
    switch (command) {
      case "lint": {
        if (args.length === 0) return usageError(io, "lint needs at least one file");
        const context = await repoContext(cwd);
        let configErrors = 0;
        if (!context.config.ok) {
          configErrors = 1;
          io.out(`${CONFIG_PATH}:1:1 error ${context.config.message.split("\n").join(" ")} [config]`);
        }
        const extraPatterns = context.config.ok ? context.config.config.redact.extra_patterns : [];
        const outcome = await lintFiles(args, { cwd, extraPatterns });
        for (const line of outcome.lines) io.out(line);
        const errors = outcome.errors + configErrors;
        io.out(`${args.length} file(s): ${errors} error(s), ${outcome.warnings} warning(s)`);
        return errors > 0 || (values.strict && outcome.warnings > 0) ? 1 : 0;
      }
      case "preview": {
        if (args.length !== 1) return usageError(io, "preview takes exactly one file");
        const file = path.resolve(cwd, args[0]!);
        const preview = await previewFile(file, { repo: values.repo, context: await repoContext(path.dirname(file)) });
        io.out(values.json ? JSON.stringify(preview, null, 2) : formatPreview(preview));
        return 0;
      }
      case "new": {
        const title = args.join(" ").trim();
        if (!title) return usageError(io, 'new needs a title: handoff new "Fix the flaky login test"');
        const directory = values.dir !== undefined ? path.resolve(cwd, values.dir) : await configuredDirectory(cwd);
        const written = await newHandoff(title, directory);
        const relative = path.relative(cwd, written);
        io.out(`Wrote ${relative.startsWith("..") || path.isAbsolute(relative) ? written : relative}`);
        return 0;
      }
      case "serve": {
        if (args.length > 0) return usageError(io, "serve takes no arguments; it is configured by the environment");
        // Loaded only here: the other commands never pay for Probot.
        const { serve } = await import("../server/serve.js");
        await serve();
        // The listening server keeps the process alive; SIGTERM stops it gracefully.
        return 0;
      }
      case "worker":
      case "queue": {
        if (args.length > 0)
          return usageError(io, `${command} takes no arguments; it is configured by the environment`);
        const { reportQueue, work } = await import("../server/serve.js");
        await (command === "worker" ? work() : reportQueue());
        return 0;
      }
      case "publish":
        if (args.length !== 1) return usageError(io, "publish takes exactly one file");
        return await runPublish(args[0]!, values, io);
      case "wait":
        if (args.length !== 1 || !/^#?\d+$/.test(args[0]!)) return usageError(io, "wait takes one issue number");
        return await runWait(Number(args[0]!.replace("#", "")), values, io);
      case "status":
        if (args.length > 1 || (args[0] !== undefined && !/^#?\d+$/.test(args[0])))
          return usageError(io, "status takes at most one issue number");
        return await runStatus(args[0] === undefined ? undefined : Number(args[0].replace("#", "")), values, io);
      default:
        return usageError(io, `unknown command "${command}"`);
    }
  } catch (error) {
    // Fail closed and say so: a redaction failure must never print the unredacted document.
    const reason = error instanceof RedactionError ? error.message : (error as Error).message;
    io.err(`handoff ${command}: ${reason}`);
    return 1;
  }
}

/** Where the App looks: `directory:` of `.github/handoff.yml`, from the top of the working tree. */
async function configuredDirectory(cwd: string): Promise<string> {
  const context = await repoContext(cwd);
  if (!context.config.ok) throw new Error(context.config.message);
  return path.join(context.root, normalizeDirectory(context.config.config.directory) || ".");
}

function usageError(io: Io, message: string): number {
  io.err(`handoff: ${message}\n\n${USAGE}`);
  return 2;
}

/** The package's version, found by walking up from this file: it runs from src/ in tests and lib/src/ when built. */
async function version(): Promise<string> {
  const { readFile } = await import("node:fs/promises");
  for (let dir = new URL(".", import.meta.url); dir.pathname !== "/"; dir = new URL("..", dir)) {
    try {
      const pkg = JSON.parse(await readFile(new URL("package.json", dir), "utf8")) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === PACKAGE_NAME && pkg.version) return pkg.version;
    } catch {
      // not here; keep walking up
    }
  }
  return "unknown";
}
