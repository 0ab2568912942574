import { Octokit } from "@octokit/rest";
import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { expectValidRequests, recordRequests, useNock, type Recorder } from "./support/nock.js";

const API = "https://api.github.com";

function client(): Octokit {
  const quiet = () => undefined;
  return new Octokit({ auth: "test-token", log: { debug: quiet, info: quiet, warn: quiet, error: quiet } });
}

describe("recordRequests", () => {
  let recorder: Recorder | undefined;
  afterEach(() => {
    recorder?.stop();
    nock.cleanAll();
  });

  it("records the method, path, query, parsed JSON body and headers of a matched request", async () => {
    recorder = recordRequests();
    nock(API).post("/repos/octo-org/widgets/issues").query({ foo: "bar" }).reply(201, { number: 7 });

    await client().request("POST /repos/{owner}/{repo}/issues?foo=bar", {
      owner: "octo-org",
      repo: "widgets",
      title: "Pick up the parser",
      labels: ["handoff"],
    });

    expect(recorder.requests).toHaveLength(1);
    const [request] = recorder.requests;
    expect(request).toMatchObject({
      method: "POST",
      origin: API,
      path: "/repos/octo-org/widgets/issues",
      query: { foo: "bar" },
      body: { title: "Pick up the parser", labels: ["handoff"] },
      matched: true,
    });
    expect(request?.headers.authorization).toBe("token test-token");
  });

  it("records a request that no interceptor matched, which nock 15 answers with a 501", async () => {
    recorder = recordRequests();
    nock(API).get("/repos/octo-org/widgets").reply(200, {});

    await expect(
      client().rest.issues.get({ owner: "octo-org", repo: "widgets", issue_number: 1 }),
    ).rejects.toMatchObject({
      status: 501,
    });

    expect(recorder.requests.map((r) => [r.method, r.path, r.matched])).toEqual([
      ["GET", "/repos/octo-org/widgets/issues/1", false],
    ]);
    expect(nock.pendingMocks()).toHaveLength(1);
  });

  it("stops recording after stop()", async () => {
    recorder = recordRequests();
    recorder.stop();
    nock(API).get("/repos/octo-org/widgets").reply(200, {});

    await client().rest.repos.get({ owner: "octo-org", repo: "widgets" });

    expect(recorder.requests).toEqual([]);
  });

  it("feeds every active recorder", async () => {
    recorder = recordRequests();
    const second = recordRequests();
    nock(API).get("/repos/octo-org/widgets").reply(200, {});

    await client().rest.repos.get({ owner: "octo-org", repo: "widgets" });
    second.stop();

    expect(recorder.requests).toHaveLength(1);
    expect(second.requests).toHaveLength(1);
  });
});

describe("expectValidRequests", () => {
  let recorder: Recorder | undefined;
  afterEach(() => {
    recorder?.stop();
    nock.cleanAll();
  });

  it("accepts requests made through Octokit's typed methods", async () => {
    recorder = recordRequests();
    nock(API)
      .post("/repos/octo-org/widgets/issues")
      .reply(201, { number: 7, id: 700 })
      .post("/repos/octo-org/widgets/issues/3/sub_issues")
      .reply(201, {})
      .get("/repos/octo-org/widgets/collaborators/mona/permission")
      .reply(200, { permission: "write" });
    const octokit = client();

    await octokit.rest.issues.create({ owner: "octo-org", repo: "widgets", title: "A handoff", labels: ["handoff"] });
    await octokit.rest.issues.addSubIssue({ owner: "octo-org", repo: "widgets", issue_number: 3, sub_issue_id: 700 });
    await octokit.rest.repos.getCollaboratorPermissionLevel({ owner: "octo-org", repo: "widgets", username: "mona" });

    expect(() => expectValidRequests(recorder?.requests ?? [])).not.toThrow();
  });

  it("reports a body that GitHub's description rejects, naming the operation and the field", async () => {
    recorder = recordRequests();
    nock(API).post("/repos/octo-org/widgets/issues/3/sub_issues").reply(201, {});

    // The issue number where the numeric id belongs, as a string: the schema wants an integer.
    await client().request("POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues", {
      owner: "octo-org",
      repo: "widgets",
      issue_number: 3,
      sub_issue_id: "#12" as unknown as number,
    });

    expect(() => expectValidRequests(recorder?.requests ?? [])).toThrow(
      /issues\/add-sub-issue\): body\.sub_issue_id must be integer/,
    );
  });

  it("reports a path GitHub does not have", async () => {
    recorder = recordRequests();
    nock(API).get("/repos/octo-org/widgets/handoffs").reply(200, []);

    await client().request("GET /repos/{owner}/{repo}/handoffs", { owner: "octo-org", repo: "widgets" });

    expect(() => expectValidRequests(recorder?.requests ?? [])).toThrow(/no such path in GitHub's REST API/);
  });
});

describe("useNock", () => {
  const harness = useNock();

  it("refuses real network connections", async () => {
    await expect(client().rest.repos.get({ owner: "octo-org", repo: "widgets" })).rejects.toThrow(
      /Disallowed net connect/,
    );
    // The refused request is recorded as unmatched; clear it so the after-each check does not fail this test.
    harness.requests.length = 0;
  });

  it("exposes the requests made during the current test", async () => {
    nock(API).get("/repos/octo-org/widgets").reply(200, { full_name: "octo-org/widgets" });

    await client().rest.repos.get({ owner: "octo-org", repo: "widgets" });

    expect(harness.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /repos/octo-org/widgets"]);
  });
});
