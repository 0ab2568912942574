import { Octokit } from "@octokit/rest";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakeGitHub, secondaryRateLimit, type FakeGitHub } from "./support/fake-github/index.js";
import { checkResponse } from "./support/openapi.js";

const owner = "octo-org";
const repo = "widgets";
const quiet = () => undefined;

let gh: FakeGitHub;
let octokit: Octokit;

function client(auth = "app-token"): Octokit {
  return new Octokit({ baseUrl: gh.url, auth, log: { debug: quiet, info: quiet, warn: quiet, error: quiet } });
}

beforeEach(async () => {
  gh = await startFakeGitHub({
    repos: [{ owner, name: repo, id: 186853002 }],
    permissions: { "octo-org/widgets": { mona: "write", tri: "triage" } },
    tokens: { "mona-token": "mona" },
  });
  octokit = client();
});

afterEach(async () => {
  // Every request the tests made is in GitHub's description, and every answer matches its documented shape.
  expect(gh.violations).toEqual([]);
  const wrongShapes = gh.requests
    .filter((r) => !r.fault)
    .flatMap((r) => checkResponse({ method: r.method, path: r.path, status: r.status, body: r.response }).errors);
  expect(wrongShapes).toEqual([]);
  await gh.close();
});

describe("issues", () => {
  it("creates an issue authored by the token's user, with labels created on demand", async () => {
    const { data, status } = await client("mona-token").rest.issues.create({
      owner,
      repo,
      title: "Pick up the parser",
      labels: ["handoff"],
    });

    expect(status).toBe(201);
    expect(data).toMatchObject({
      number: 1,
      title: "Pick up the parser",
      state: "open",
      user: { login: "mona", type: "User" },
    });
    expect(data.labels).toEqual([expect.objectContaining({ name: "handoff" })]);
    expect(data.html_url).toBe("https://github.com/octo-org/widgets/issues/1");
  });

  it("drops labels set by someone without push access, as GitHub does", async () => {
    gh.setToken("reader-token", "rando");

    const { data } = await client("reader-token").rest.issues.create({ owner, repo, title: "t", labels: ["handoff"] });

    expect(data.labels).toEqual([]);
  });

  it("lists issues by label and creator", async () => {
    gh.seedIssue({ title: "one", labels: ["handoff"], user: "mona" });
    gh.seedIssue({ title: "two", labels: ["handoff"], user: "octocat" });
    gh.seedIssue({ title: "three", user: "mona" });

    const { data } = await octokit.rest.issues.listForRepo({
      owner,
      repo,
      labels: "handoff",
      creator: "mona",
      state: "all",
    });

    expect(data.map((i) => i.title)).toEqual(["one"]);
  });

  it("paginates with Link headers that Octokit follows", async () => {
    for (let i = 1; i <= 5; i++) gh.seedIssue({ title: `issue ${i}`, labels: ["handoff"] });

    const first = await octokit.rest.issues.listForRepo({ owner, repo, per_page: 2 });
    const all = await octokit.paginate(octokit.rest.issues.listForRepo, { owner, repo, per_page: 2 });

    expect(first.headers.link).toContain('rel="next"');
    expect(all.map((i) => i.number).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it("filters issues updated since a time", async () => {
    gh.seedIssue({ title: "old", createdAt: new Date("2020-01-01T00:00:00Z") });
    gh.seedIssue({ title: "new" });

    const { data } = await octokit.rest.issues.listForRepo({ owner, repo, since: "2021-01-01T00:00:00Z" });

    expect(data.map((i) => i.title)).toEqual(["new"]);
  });

  it("closes an issue with a state reason", async () => {
    const issue = gh.seedIssue();

    const { data } = await octokit.rest.issues.update({
      owner,
      repo,
      issue_number: issue.number,
      state: "closed",
      state_reason: "not_planned",
    });

    expect(data).toMatchObject({ state: "closed", state_reason: "not_planned" });
    expect(data.closed_at).not.toBeNull();
  });

  it("rejects a body over 65,536 characters with a 422", async () => {
    await expect(
      octokit.rest.issues.create({ owner, repo, title: "t", body: "x".repeat(65_537) }),
    ).rejects.toMatchObject({ status: 422 });
  });

  it("adds, replaces and removes labels on an issue", async () => {
    const issue = gh.seedIssue({ labels: ["a"] });

    await octokit.rest.issues.addLabels({ owner, repo, issue_number: issue.number, labels: ["b"] });
    const removed = await octokit.rest.issues.removeLabel({ owner, repo, issue_number: issue.number, name: "a" });
    const replaced = await octokit.rest.issues.setLabels({
      owner,
      repo,
      issue_number: issue.number,
      labels: ["c", "d"],
    });

    expect(removed.data.map((l) => l.name)).toEqual(["b"]);
    expect(replaced.data.map((l) => l.name)).toEqual(["c", "d"]);
  });

  it("assigns only users who can be assigned", async () => {
    const issue = gh.seedIssue();

    const { data } = await octokit.rest.issues.addAssignees({
      owner,
      repo,
      issue_number: issue.number,
      assignees: ["tri", "rando"],
    });
    const check = await octokit.rest.issues.checkUserCanBeAssigned({ owner, repo, assignee: "tri" });

    expect(data.assignees?.map((a) => a.login)).toEqual(["tri"]);
    expect(check.status).toBe(204);
    await expect(octokit.rest.issues.checkUserCanBeAssigned({ owner, repo, assignee: "rando" })).rejects.toMatchObject({
      status: 404,
    });
  });
});

describe("comments and reactions", () => {
  it("comments, edits and lists comments since a time", async () => {
    const issue = gh.seedIssue();
    gh.seedComment({ issueNumber: issue.number, body: "old", createdAt: new Date("2020-01-01T00:00:00Z") });

    const created = await octokit.rest.issues.createComment({ owner, repo, issue_number: issue.number, body: "hello" });
    await octokit.rest.issues.updateComment({ owner, repo, comment_id: created.data.id, body: "hello, edited" });
    const { data } = await octokit.rest.issues.listComments({
      owner,
      repo,
      issue_number: issue.number,
      since: "2021-01-01T00:00:00Z",
    });

    expect(created.data.html_url).toBe(`https://github.com/octo-org/widgets/issues/1#issuecomment-${created.data.id}`);
    expect(data.map((c) => c.body)).toEqual(["hello, edited"]);
  });

  it("deletes a comment", async () => {
    const comment = gh.seedComment({ issueNumber: gh.seedIssue().number, body: "bye" });

    await octokit.rest.issues.deleteComment({ owner, repo, comment_id: comment.id });

    await expect(octokit.rest.issues.getComment({ owner, repo, comment_id: comment.id })).rejects.toMatchObject({
      status: 404,
    });
  });

  it("adds a reaction once per user and content", async () => {
    const comment = gh.seedComment({ issueNumber: gh.seedIssue().number, body: "/handoff" });

    const first = await octokit.rest.reactions.createForIssueComment({
      owner,
      repo,
      comment_id: comment.id,
      content: "eyes",
    });
    const again = await octokit.rest.reactions.createForIssueComment({
      owner,
      repo,
      comment_id: comment.id,
      content: "eyes",
    });

    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.data.id).toBe(first.data.id);
  });
});

describe("sub-issues", () => {
  it("links a sub-issue by its numeric id and lists it", async () => {
    const parent = gh.seedIssue({ title: "parent" });
    const child = gh.seedIssue({ title: "child" });

    await octokit.rest.issues.addSubIssue({ owner, repo, issue_number: parent.number, sub_issue_id: child.id });
    const { data } = await octokit.rest.issues.listSubIssues({ owner, repo, issue_number: parent.number });

    expect(data.map((i) => i.title)).toEqual(["child"]);
  });

  it("refuses a pull request as the parent", async () => {
    const pr = gh.seedIssue({ isPullRequest: true });
    const child = gh.seedIssue();

    await expect(
      octokit.rest.issues.addSubIssue({ owner, repo, issue_number: pr.number, sub_issue_id: child.id }),
    ).rejects.toMatchObject({
      status: 422,
    });
  });

  it("refuses a child that already has a parent", async () => {
    const [a, b, child] = [gh.seedIssue(), gh.seedIssue(), gh.seedIssue()];
    await octokit.rest.issues.addSubIssue({ owner, repo, issue_number: a.number, sub_issue_id: child.id });

    await expect(
      octokit.rest.issues.addSubIssue({ owner, repo, issue_number: b.number, sub_issue_id: child.id }),
    ).rejects.toMatchObject({
      status: 422,
    });
  });

  it("refuses a hundred and first sub-issue", async () => {
    const parent = gh.seedIssue();
    for (let i = 0; i < 100; i++) {
      const child = gh.seedIssue();
      child.parentId = parent.id;
      parent.subIssueIds.push(child.id);
    }

    await expect(
      octokit.rest.issues.addSubIssue({ owner, repo, issue_number: parent.number, sub_issue_id: gh.seedIssue().id }),
    ).rejects.toMatchObject({ status: 422 });
  });
});

describe("git refs, contents and compare", () => {
  it("creates a ref once; the second create is a 422", async () => {
    const sha = gh.headSha();

    const first = await octokit.rest.git.createRef({ owner, repo, ref: "refs/handoff/claims/12", sha });
    const second = octokit.rest.git.createRef({ owner, repo, ref: "refs/handoff/claims/12", sha });

    expect(first.status).toBe(201);
    await expect(second).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining("Reference already exists"),
    });
  });

  it("lets exactly one of many concurrent creates of the same ref win", async () => {
    const sha = gh.headSha();

    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => octokit.rest.git.createRef({ owner, repo, ref: "refs/handoff/claims/7", sha })),
    );

    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("refuses a ref to a commit it does not have", async () => {
    await expect(
      octokit.rest.git.createRef({ owner, repo, ref: "refs/heads/x", sha: "f".repeat(40) }),
    ).rejects.toMatchObject({
      status: 422,
    });
  });

  it("reads, force-updates and deletes a ref", async () => {
    const base = gh.headSha();
    await octokit.rest.git.createRef({ owner, repo, ref: "refs/heads/feature/x", sha: base });
    const next = gh.setFile({ path: "a.txt", content: "a" }).sha;

    const updated = await octokit.rest.git.updateRef({ owner, repo, ref: "heads/feature/x", sha: next, force: true });
    const read = await octokit.rest.git.getRef({ owner, repo, ref: "heads/feature/x" });
    await octokit.rest.git.deleteRef({ owner, repo, ref: "heads/feature/x" });

    expect(updated.data.object.sha).toBe(next);
    expect(read.data.ref).toBe("refs/heads/feature/x");
    await expect(octokit.rest.git.getRef({ owner, repo, ref: "heads/feature/x" })).rejects.toMatchObject({
      status: 404,
    });
  });

  it("serves a file as base64 and a directory as a list, at a ref", async () => {
    gh.setFile({ path: ".handoffs/parser.md", content: "# Parser\n" });
    gh.setFile({ path: ".github/handoff.yml", content: "labels: [handoff]\n" });

    const file = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
      owner,
      repo,
      path: ".github/handoff.yml",
      ref: "main",
    });
    const dir = await octokit.rest.repos.getContent({ owner, repo, path: ".handoffs" });

    const data = file.data as { encoding: string; content: string };
    expect(Buffer.from(data.content, data.encoding as BufferEncoding).toString("utf8")).toBe("labels: [handoff]\n");
    expect(Array.isArray(dir.data) ? dir.data.map((e) => e.path) : []).toEqual([".handoffs/parser.md"]);
  });

  it("answers a percent-encoded path, as Probot's config loader sends it", async () => {
    gh.setFile({ path: ".github/handoff.yml", content: "x: 1\n" });

    const response = await fetch(`${gh.url}/repos/octo-org/widgets/contents/.github%2Fhandoff.yml`);

    expect(response.status).toBe(200);
  });

  it("answers 404 for a missing file", async () => {
    await expect(octokit.rest.repos.getContent({ owner, repo, path: "nope.md" })).rejects.toMatchObject({
      status: 404,
    });
  });

  it("compares two commits: added, modified, removed and renamed files", async () => {
    gh.commit({ changes: { "keep.md": "v1", "gone.md": "bye", "old-name.md": "same" } });
    const base = gh.headSha();
    const head = gh.commit({
      message: "change",
      changes: { "keep.md": "v2", "gone.md": null, "old-name.md": null, "new-name.md": "same", "added.md": "hi" },
    });

    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({
      owner,
      repo,
      basehead: `${base}...${head.sha}`,
    });

    expect(data).toMatchObject({ status: "ahead", ahead_by: 1, total_commits: 1 });
    expect(data.files?.map((f) => [f.filename, f.status, f.previous_filename])).toEqual([
      ["added.md", "added", undefined],
      ["gone.md", "removed", undefined],
      ["keep.md", "modified", undefined],
      ["new-name.md", "renamed", "old-name.md"],
    ]);
  });

  it("comments on a commit", async () => {
    const { data } = await octokit.rest.repos.createCommitComment({
      owner,
      repo,
      commit_sha: gh.headSha(),
      body: "filed as #1",
    });

    expect(data).toMatchObject({ body: "filed as #1", commit_id: gh.headSha() });
  });
});

describe("repositories, permissions and the App", () => {
  it("reports a collaborator's role, folding triage into the legacy read permission", async () => {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: "tri" });

    expect(data).toMatchObject({ permission: "read", role_name: "triage", user: { login: "tri" } });
  });

  it("reports read for a non-collaborator on a public repository", async () => {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: "stranger" });

    expect(data).toMatchObject({ permission: "read", role_name: "read" });
  });

  it("answers the repository with its default branch", async () => {
    const { data } = await octokit.rest.repos.get({ owner, repo });

    expect(data).toMatchObject({ id: 186853002, full_name: "octo-org/widgets", default_branch: "main" });
  });

  it("issues an installation token that then acts as the App's bot", async () => {
    const { data } = await octokit.rest.apps.createInstallationAccessToken({ installation_id: 1 });
    const issue = await client(data.token).rest.issues.create({ owner, repo, title: "from the app" });

    expect(data.token.length).toBeGreaterThan(300);
    expect(issue.data.user).toMatchObject({ login: "handoff-app[bot]", type: "Bot" });
  });

  it("also answers under a GitHub Enterprise Server /api/v3 prefix", async () => {
    const ghes = new Octokit({ baseUrl: `${gh.url}/api/v3`, auth: "x" });

    const { data } = await ghes.rest.issues.create({ owner, repo, title: "on GHES" });

    expect(data.url).toBe(`${gh.url}/api/v3/repos/octo-org/widgets/issues/1`);
  });

  it("sends GitHub's rate-limit headers", async () => {
    const { headers } = await octokit.rest.repos.get({ owner, repo });

    expect(headers["x-ratelimit-limit"]).toBe("5000");
    expect(headers["x-ratelimit-resource"]).toBe("core");
  });
});

describe("conditional requests and the authenticated user", () => {
  it("answers a GET with an ETag, and 304 with no body when If-None-Match names it", async () => {
    const issue = gh.seedIssue({ title: "parent" });
    gh.seedComment({ issueNumber: issue.number, body: "first" });
    const route = "GET /repos/{owner}/{repo}/issues/{issue_number}/comments" as const;

    const first = await octokit.request(route, { owner, repo, issue_number: issue.number });
    const etag = first.headers.etag!;
    const again = await octokit
      .request(route, { owner, repo, issue_number: issue.number, headers: { "if-none-match": etag } })
      .catch((e: { status: number }) => e);

    expect(etag).toMatch(/^W\/"[0-9a-f]+"$/);
    expect(again).toMatchObject({ status: 304 });
  });

  it("answers 200 with a new ETag once the list changed", async () => {
    const issue = gh.seedIssue({ title: "parent" });
    const route = "GET /repos/{owner}/{repo}/issues/{issue_number}/comments" as const;
    const first = await octokit.request(route, { owner, repo, issue_number: issue.number });
    gh.seedComment({ issueNumber: issue.number, body: "new" });

    const second = await octokit.request(route, {
      owner,
      repo,
      issue_number: issue.number,
      headers: { "if-none-match": first.headers.etag! },
    });

    expect(second.status).toBe(200);
    expect(second.data.map((c) => c.body)).toEqual(["new"]);
    expect(second.headers.etag).not.toBe(first.headers.etag);
  });

  it("names the user a token belongs to, and refuses an installation token with a 403", async () => {
    const { data } = await client("mona-token").rest.users.getAuthenticated();
    const refused = await octokit.rest.users.getAuthenticated().catch((e: { status: number }) => e);

    expect(data).toMatchObject({ login: "mona", type: "User" });
    expect(refused).toMatchObject({ status: 403 });
  });
});

describe("recording and faults", () => {
  it("records each request with its status and the acting user", async () => {
    await octokit.rest.repos.get({ owner, repo });

    expect(gh.requests).toEqual([
      expect.objectContaining({
        method: "GET",
        path: "/repos/octo-org/widgets",
        status: 200,
        actor: "handoff-app[bot]",
        operationId: "repos/get",
      }),
    ]);
  });

  it("flags a request GitHub's description rejects", async () => {
    const issue = gh.seedIssue();

    await fetch(`${gh.url}/repos/octo-org/widgets/issues/${issue.number}/sub_issues`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ sub_issue_id: String(issue.id) }),
    });

    expect(gh.violations).toEqual([expect.stringContaining("body.sub_issue_id must be integer")]);
    gh.requests.length = 0;
  });

  it("answers an unknown route with GitHub's 404 and flags it", async () => {
    const response = await fetch(`${gh.url}/repos/octo-org/widgets/handoffs`);

    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ message: "Not Found", documentation_url: expect.any(String) });
    expect(gh.violations).toHaveLength(1);
    gh.requests.length = 0;
  });

  it("injects a 503 once, then answers normally", async () => {
    gh.faults.add({ method: "GET", path: "/repos/{owner}/{repo}", status: 503 });

    await expect(octokit.rest.repos.get({ owner, repo })).rejects.toMatchObject({ status: 503 });
    await expect(octokit.rest.repos.get({ owner, repo })).resolves.toMatchObject({ status: 200 });
  });

  it("injects a secondary rate limit with retry-after and GitHub's message", async () => {
    gh.faults.add({ path: /\/issues$/, ...secondaryRateLimit(7) });

    const error: unknown = await octokit.rest.issues.create({ owner, repo, title: "t" }).catch((e: unknown) => e);

    expect(error).toMatchObject({ status: 403, response: { headers: { "retry-after": "7" } } });
    expect(String((error as Error).message)).toMatch(/secondary rate limit/);
  });

  it("resets the connection", async () => {
    gh.faults.add({ path: "/repos/octo-org/widgets", reset: true });

    await expect(fetch(`${gh.url}/repos/octo-org/widgets`)).rejects.toThrow();
  });

  it("hangs until the client gives up", async () => {
    gh.faults.add({ path: "/repos/octo-org/widgets", hang: true });

    await expect(fetch(`${gh.url}/repos/octo-org/widgets`, { signal: AbortSignal.timeout(100) })).rejects.toThrow();
    expect(gh.requests[0]?.fault?.hang).toBe(true);
  });
});
