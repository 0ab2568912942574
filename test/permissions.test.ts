// Least privilege that still works: the App's manifest (app.yml) and the Action's documented token permissions must
// cover every REST route the code can call, by GitHub's own per-endpoint permission data (a trimmed extract with
// its source: test/fixtures/permissions/github-app-permissions.json; the OpenAPI description does not carry it).
//
// Which routes: every `request("METHOD /route", …)` and `paginate("METHOD /route", …)` call in the files an entry
// point reaches through its imports, and any `rest.<namespace>.<method>` call resolved to its route by @octokit/rest
// itself, plus Probot's `context.config` (a contents read). Reaching a file counts as calling all of it: a
// conservative superset, so a permission is never missed for a rarely taken branch.
import { readFileSync } from "node:fs";
import path from "node:path";
import { Octokit } from "@octokit/rest";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const root = path.join(import.meta.dirname, "..");
const data = JSON.parse(
  readFileSync(path.join(root, "test/fixtures/permissions/github-app-permissions.json"), "utf8"),
) as {
  routes: { method: string; path: string; permission: string; access: "read" | "write" }[];
  appJwtRoutes: { method: string; path: string }[];
  pullRequestThreads: { permission: string; access: "read" | "write"; routes: string[] };
};

type Access = "read" | "write";
type Grants = Record<string, Access>;

/** Relative imports of a TypeScript file, resolved to files (`./x.js` → `./x.ts`). */
function importsOf(file: string, text: string): string[] {
  const specifiers = [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)\s(?!type\s)[^;]*?from\s+"(\.[^"]+)"|import\("(\.[^"]+)"\)/g),
  ];
  return specifiers.map((m) => path.resolve(path.dirname(file), (m[1] ?? m[2])!.replace(/\.js$/, ".ts")));
}

/** Every file an entry point reaches through relative imports. */
function reachable(entry: string): Map<string, string> {
  const seen = new Map<string, string>();
  const queue = [path.join(root, entry)];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    const text = readFileSync(file, "utf8");
    seen.set(file, text);
    queue.push(...importsOf(file, text));
  }
  return seen;
}

const octokit = new Octokit();
type Endpoint = { endpoint: { DEFAULTS: { method: string; url: string } } };

/** `METHOD /path` of every REST call in the files an entry reaches. */
function routesOf(entry: string): Set<string> {
  const routes = new Set<string>();
  for (const text of reachable(entry).values()) {
    for (const [, namespace, method] of text.matchAll(/\brest\.([a-zA-Z]+)\.([a-zA-Z]+)\b/g)) {
      const group = (octokit.rest as unknown as Record<string, Record<string, Endpoint>>)[namespace!];
      const defaults = group?.[method!]?.endpoint.DEFAULTS;
      if (!defaults) throw new Error(`rest.${namespace}.${method} is not an Octokit REST method`);
      routes.add(`${defaults.method} ${defaults.url}`);
    }
    for (const [, route] of text.matchAll(/\b(?:request|paginate|paginate\.iterator)\(\s*"([A-Z]+ \/[^"]*)"/g))
      routes.add(route!);
    // Probot reads `.github/handoff.yml` with GET /repos/{owner}/{repo}/contents/{path}.
    if (/\bcontext\.config\(/.test(text)) routes.add("GET /repos/{owner}/{repo}/contents/{path}");
  }
  return routes;
}

const RANK: Record<Access, number> = { read: 1, write: 2 };

/** What each route needs, and which of those the grants lack; also routes missing from the extract. */
function missing(routes: Set<string>, grants: Grants, onPullRequests: boolean): string[] {
  const problems: string[] = [];
  const jwt = new Set(data.appJwtRoutes.map((r) => `${r.method} ${r.path}`));
  for (const route of [...routes].sort()) {
    if (jwt.has(route)) continue;
    const entry = data.routes.find((r) => `${r.method} ${r.path}` === route);
    if (!entry) {
      problems.push(`${route}: not in the permission extract; add it from GitHub's data`);
      continue;
    }
    const needs: [string, Access][] = [[entry.permission, entry.access]];
    if (onPullRequests && data.pullRequestThreads.routes.includes(route))
      needs.push([data.pullRequestThreads.permission, data.pullRequestThreads.access]);
    for (const [permission, access] of needs) {
      const granted = grants[permission];
      if (!granted || RANK[granted] < RANK[access])
        problems.push(`${route} needs ${permission}: ${access}, granted ${granted ?? "nothing"}`);
    }
  }
  return problems;
}

/** The Action's modes and what docs/action.md's table says each one's token needs. */
function documentedActionPermissions(): Record<string, Grants> {
  const doc = readFileSync(path.join(root, "docs/action.md"), "utf8");
  const table: Record<string, Grants> = {};
  for (const [, mode, needs] of doc.matchAll(/^\| `(pickup|return|file)` \|[^\n]*\| ([^|\n]+) \|$/gm)) {
    const grants: Grants = { metadata: "read" }; // every GITHUB_TOKEN holds metadata: read
    for (const [, permission, access] of needs!.matchAll(/`([a-z-]+): (read|write)`/g)) {
      grants[permission!.replace(/-/g, "_")] = access as Access;
    }
    table[mode!] = grants;
  }
  return table;
}

/** Probot's `context.config`, the Action's thread replies: where each entry point starts. */
const ACTION_ENTRIES = {
  pickup: "src/action/pickup.ts",
  return: "src/action/return.ts",
  file: "src/action/file.ts",
} as const;

describe("the routes found in the code", () => {
  it("include the calls each flow is known to make", () => {
    const app = routesOf("src/app/index.ts");
    expect(app).toContain("POST /repos/{owner}/{repo}/issues");
    expect(app).toContain("POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions");
    expect(app).toContain("GET /repos/{owner}/{repo}/contents/{path}");
    expect(routesOf(ACTION_ENTRIES.pickup)).toContain("POST /repos/{owner}/{repo}/git/refs");
  });
});

describe("app.yml", () => {
  const manifest = parse(readFileSync(path.join(root, "app.yml"), "utf8")) as { default_permissions: Grants };

  it("grants every permission the App's routes need, pull requests' conversations included", () => {
    expect(missing(routesOf("src/app/index.ts"), manifest.default_permissions, true)).toEqual([]);
  });

  it("fails the check when a permission is taken away", () => {
    const { pull_requests: _dropped, ...withoutPullRequests } = manifest.default_permissions;
    expect(missing(routesOf("src/app/index.ts"), withoutPullRequests, true)).toContain(
      "POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions needs pull_requests: write, granted nothing",
    );
  });

  it("asks for nothing it never uses", () => {
    expect(Object.keys(manifest.default_permissions).sort()).toEqual([
      "contents",
      "issues",
      "metadata",
      "pull_requests",
    ]);
  });
});

describe("the Action's documented token permissions", () => {
  const documented = documentedActionPermissions();

  it("are documented for every mode", () => {
    expect(Object.keys(documented).sort()).toEqual(["file", "pickup", "return"]);
  });

  // pickup works on handoff issues only; return relays to the parent thread and file replies on the comment's
  // thread, either of which may be a pull request.
  it.each([
    ["pickup", false],
    ["return", true],
    ["file", true],
  ] as const)("cover every route mode %s calls", (mode, onPullRequests) => {
    expect(missing(routesOf(ACTION_ENTRIES[mode]), documented[mode]!, onPullRequests)).toEqual([]);
  });
});

describe("the example workflows", () => {
  const workflows = ["claude-code.yml", "codex.yml", "file-without-app.yml"].map((name) => ({
    name,
    workflow: parse(readFileSync(path.join(root, "examples/workflows", name), "utf8")) as {
      jobs: Record<
        string,
        { permissions?: Record<string, Access>; steps?: { uses?: string; with?: { mode?: string } }[] }
      >;
    },
  }));

  it("grant each job running the Action at least what its mode's documentation says", () => {
    const documented = documentedActionPermissions();
    const problems: string[] = [];
    for (const { name, workflow } of workflows) {
      for (const [id, job] of Object.entries(workflow.jobs)) {
        for (const step of job.steps ?? []) {
          const mode = step.with?.mode;
          if (!step.uses?.includes("/handoff@") || !mode) continue;
          const grants: Grants = { metadata: "read" };
          for (const [permission, access] of Object.entries(job.permissions ?? {}))
            grants[permission.replace(/-/g, "_")] = access;
          for (const [permission, access] of Object.entries(documented[mode] ?? {})) {
            if (!grants[permission] || RANK[grants[permission]!] < RANK[access])
              problems.push(`${name} job ${id} (mode ${mode}) lacks ${permission}: ${access}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
