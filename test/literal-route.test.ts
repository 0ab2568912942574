import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Octokit } from "@octokit/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { guardRequests } from "../src/app/request-guard.js";
import { expandRouteInPlace } from "../src/github/literal-route.js";

const { endpoint } = new Octokit({ baseUrl: "https://api.github.com" }).request;

/** Every route our code names (`request("GET /…"`, `paginate("GET /…"`), read from src/, plus Probot's config read. */
function routesInSource(): string[] {
  const routes = new Set(["GET /repos/{owner}/{repo}/contents/{path}"]);
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (path.endsWith(".ts"))
        for (const match of readFileSync(path, "utf8").matchAll(/(?:request|paginate|iterator)\("([A-Z]+ \/[^"]*)"/g))
          routes.add(match[1]!);
    }
  };
  walk(new URL("../src", import.meta.url).pathname);
  return [...routes].sort();
}

/** Octokit's request as it would go out: method, full URL, headers and body. */
function parsed(options: ReturnType<typeof endpoint.merge>) {
  return endpoint.parse(options);
}

// Values as hostile as a path, a ref or a login can be: slashes, spaces, percent signs, braces, colons, `!'()*`, Unicode.
const value = fc.oneof(
  fc.string({
    minLength: 1,
    maxLength: 12,
    unit: fc.constantFrom(
      "a",
      "Z",
      "0",
      "-",
      ".",
      "_",
      "/",
      " ",
      "%",
      "{",
      "}",
      ":",
      "!",
      "'",
      "(",
      ")",
      "*",
      "é",
      "?",
      "#",
      "&",
      "=",
    ),
  }),
  fc.integer({ min: 0, max: 2 ** 40 }),
);

describe("expandRouteInPlace", () => {
  const routes = routesInSource();

  it("finds the routes the code names", () => {
    expect(routes).toContain("PATCH /repos/{owner}/{repo}/issues/{issue_number}");
    expect(routes.length).toBeGreaterThan(15);
  });

  it.each(routes)("gives Octokit's own request for %s, whatever the values", (route) => {
    const names = [...route.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    fc.assert(
      fc.property(fc.array(value, { minLength: names.length, maxLength: names.length }), (values) => {
        const params: Record<string, unknown> = { per_page: 100, labels: "handoff", body: "text" };
        names.forEach((name, i) => (params[name] = values[i]));
        const options = endpoint.merge(route, params);
        const expected = parsed(endpoint.merge(route, params));
        expandRouteInPlace(options);
        expect(options.url).not.toContain("{");
        expect(parsed(options)).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it("leaves a template it does not handle as it was", () => {
    const cases = [
      endpoint.merge("GET /repos/{owner}/{repo}", { owner: "o", repo: "" }),
      endpoint.merge("GET /repos/{owner}/{repo}", { owner: "o" }),
      endpoint.merge("GET /repos/{owner}/{repo}", { owner: "o", repo: { name: "r" } }),
      endpoint.merge("GET /repos/{owner}/{repo}/contents/{+path}", { owner: "o", repo: "r", path: "a/b" }),
      endpoint.merge("GET /repos/:owner/{repo}", { owner: "o", repo: "r" }),
    ];
    for (const options of cases) {
      const before = { ...options };
      expandRouteInPlace(options);
      expect(options).toEqual(before);
    }
  });
});

describe("guardRequests", () => {
  it("hands every other hook the literal path, and sends the request Octokit would have", async () => {
    const sent: string[] = [];
    const seenByHooks: string[] = [];
    const octokit = new Octokit({
      request: {
        fetch: async (url: string) => {
          sent.push(url);
          return new Response("{}", { status: 200, headers: { "content-type": "application/json" } });
        },
      },
    });
    // Registered before the guard, as Probot's plugins are: it must see the path the guard built.
    octokit.hook.before("request", (options) => void seenByHooks.push(options.url));
    guardRequests(octokit as unknown as Parameters<typeof guardRequests>[0]);
    await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
      owner: "octo-org",
      repo: "widgets",
      path: ".github/handoff.yml",
    });
    expect(seenByHooks).toEqual(["/repos/octo-org/widgets/contents/.github%2Fhandoff.yml"]);
    expect(sent).toEqual(["https://api.github.com/repos/octo-org/widgets/contents/.github%2Fhandoff.yml"]);
  });
});
