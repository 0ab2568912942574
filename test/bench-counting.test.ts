// The bench's request counting: a known sequence of Octokit calls against the fake GitHub gives known counts.
import { Octokit } from "@octokit/rest";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { countRequests, logCursor, routeOf, TOKEN_EXCHANGE } from "../bench/counter.js";
import { BUDGETS, explain } from "../bench/minimums.js";
import { startStandIn, type StandIn } from "../bench/stand-in.js";

let standIn: StandIn;
beforeEach(async () => {
  standIn = await startStandIn();
});
afterEach(async () => {
  expect(standIn.github.violations).toEqual([]);
  await standIn.close();
});

const repo = { owner: "octo-org", repo: "widgets" };

describe("bench request counting", () => {
  it("counts every request, the content-creating ones apart, and the token exchange and GET /app outside both", async () => {
    const octokit = new Octokit({ baseUrl: standIn.url, auth: "any-token" });
    const cursor = logCursor(standIn.log);
    await octokit.rest.apps.createInstallationAccessToken({ installation_id: 1 });
    await octokit.rest.apps.getAuthenticated();
    const { data: issue } = await octokit.rest.issues.create({ ...repo, title: "One" });
    await octokit.rest.issues.get({ ...repo, issue_number: issue.number });
    await octokit.rest.issues.addLabels({ ...repo, issue_number: issue.number, labels: ["handoff"] });
    await octokit.rest.issues.update({ ...repo, issue_number: issue.number, state: "closed" });
    await octokit.rest.issues.removeLabel({ ...repo, issue_number: issue.number, name: "handoff" });
    await octokit.rest.issues.listForRepo({ ...repo, state: "all" });

    const count = countRequests(cursor.since());
    expect(count).toMatchObject({ total: 6, writes: 4, tokenExchanges: 1, identity: 1 });
    expect(count.sequence).toEqual([
      "POST /repos/{owner}/{repo}/issues",
      "GET /repos/{owner}/{repo}/issues/{issue_number}",
      "POST /repos/{owner}/{repo}/issues/{issue_number}/labels",
      "PATCH /repos/{owner}/{repo}/issues/{issue_number}",
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}",
      "GET /repos/{owner}/{repo}/issues",
    ]);
    expect(count.statuses).toEqual([201, 200, 200, 200, 200, 200]);
  });

  it("counts only what came after the cursor", async () => {
    const octokit = new Octokit({ baseUrl: standIn.url });
    await octokit.rest.issues.create({ ...repo, title: "Before" });
    const cursor = logCursor(standIn.log);
    await octokit.rest.repos.get(repo);
    expect(countRequests(cursor.since())).toMatchObject({
      total: 1,
      writes: 0,
      sequence: ["GET /repos/{owner}/{repo}"],
    });
  });

  it("tells configuration reads and reactions apart by what they read and react with", () => {
    expect(routeOf({ method: "GET", path: "/repos/o/r/contents/.github%2Fhandoff.yml" })).toBe(
      "GET /repos/{owner}/{repo}/contents/{path} [config]",
    );
    expect(routeOf({ method: "GET", path: "/repos/o/.github/contents/.github%2Fhandoff.yml" })).toBe(
      "GET /repos/{owner}/{repo}/contents/{path} [org config]",
    );
    expect(routeOf({ method: "GET", path: "/repos/o/r/contents/.handoffs/a.md" })).toBe(
      "GET /repos/{owner}/{repo}/contents/{path}",
    );
    expect(routeOf({ method: "POST", path: "/repos/o/r/issues/comments/9/reactions", body: { content: "eyes" } })).toBe(
      "POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions [eyes]",
    );
    expect(routeOf({ method: "POST", path: "/app/installations/1/access_tokens" })).toBe(TOKEN_EXCHANGE);
  });

  it("explains each request by the minimum first, then a justified extra, and flags what neither covers", () => {
    const sequence = [
      "GET /repos/{owner}/{repo}/contents/{path} [config]",
      "GET /repos/{owner}/{repo}/contents/{path} [org config]",
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}",
    ];
    const { calls, missing } = explain(sequence, [404, 404, 404], BUDGETS["push-markdown"]!);
    expect(calls.map((c) => c.kind)).toEqual(["minimum", "extra", "unexplained"]);
    expect(missing).toEqual([]);
  });
});
