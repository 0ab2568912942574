import { describe, expect, it } from "vitest";
import { checkRequest } from "./support/openapi.js";

describe("checkRequest", () => {
  it("accepts a well-formed issue", () => {
    const result = checkRequest({
      method: "POST",
      path: "/repos/octo-org/widgets/issues",
      body: { title: "Pick up the parser", body: "…", labels: ["handoff", { name: "agent" }], assignees: ["mona"] },
    });

    expect(result).toMatchObject({ operationId: "issues/create", errors: [] });
  });

  it("rejects an issue whose labels are a string instead of an array", () => {
    const result = checkRequest({
      method: "POST",
      path: "/repos/octo-org/widgets/issues",
      body: { title: "t", labels: "x" },
    });

    expect(result.errors).toEqual([expect.stringContaining("body.labels must be array")]);
  });

  it("rejects an issue without a title", () => {
    // GitHub's schema accepts a number as a title (oneOf string, integer), so a missing one is the failure.
    const result = checkRequest({ method: "POST", path: "/repos/octo-org/widgets/issues", body: { body: "no title" } });

    expect(result.errors).toEqual([expect.stringContaining("must have required property 'title'")]);
  });

  it("rejects a path GitHub does not have", () => {
    const result = checkRequest({ method: "GET", path: "/repos/octo-org/widgets/handoffs" });

    expect(result.operationId).toBeUndefined();
    expect(result.errors).toEqual([expect.stringContaining("no such path")]);
  });

  it("rejects a method the path does not take", () => {
    const result = checkRequest({ method: "DELETE", path: "/repos/octo-org/widgets/issues/1" });

    expect(result.errors).toEqual([expect.stringContaining("does not take DELETE")]);
  });

  it("accepts a sub-issue added by its numeric id", () => {
    const result = checkRequest({
      method: "POST",
      path: "/repos/octo-org/widgets/issues/1/sub_issues",
      body: { sub_issue_id: 444500042 },
    });

    expect(result).toMatchObject({ operationId: "issues/add-sub-issue", errors: [] });
  });

  it("rejects a sub-issue named by a string", () => {
    const result = checkRequest({
      method: "POST",
      path: "/repos/octo-org/widgets/issues/1/sub_issues",
      body: { sub_issue_id: "#2" },
    });

    expect(result.errors).toEqual([expect.stringContaining("body.sub_issue_id must be integer")]);
  });

  it("rejects a sub-issue body that passes the issue number instead of sub_issue_id", () => {
    // The schema allows extra properties, so the wrong key fails only because sub_issue_id is required.
    const result = checkRequest({
      method: "POST",
      path: "/repos/octo-org/widgets/issues/1/sub_issues",
      body: { issue_number: 2 },
    });

    expect(result.errors).toEqual([expect.stringContaining("must have required property 'sub_issue_id'")]);
  });

  it("accepts a collaborator permission lookup", () => {
    const result = checkRequest({ method: "GET", path: "/repos/octo-org/widgets/collaborators/mona/permission" });

    expect(result).toMatchObject({ operationId: "repos/get-collaborator-permission-level", errors: [] });
  });

  it("accepts creating a git ref with a ref and a sha", () => {
    const result = checkRequest({
      method: "POST",
      path: "/repos/octo-org/widgets/git/refs",
      body: { ref: "refs/handoff/claims/12", sha: "6113728f27ae82c7b1a177c8d03f9e96e0adf246" },
    });

    expect(result).toMatchObject({ operationId: "git/create-ref", errors: [] });
  });

  it("rejects creating a git ref without a sha", () => {
    const result = checkRequest({
      method: "POST",
      path: "/repos/octo-org/widgets/git/refs",
      body: { ref: "refs/heads/x" },
    });

    expect(result.errors).toEqual([expect.stringContaining("must have required property 'sha'")]);
  });

  it("rejects a request without the body its operation requires", () => {
    const result = checkRequest({ method: "POST", path: "/repos/octo-org/widgets/git/refs" });

    expect(result.errors).toEqual([expect.stringContaining("a JSON request body is required")]);
  });

  it("matches a percent-encoded file path, as Probot's config loader sends it", () => {
    const result = checkRequest({
      method: "GET",
      path: "/repos/octo-org/widgets/contents/.github%2Fhandoff.yml?ref=main",
    });

    expect(result).toMatchObject({ template: "/repos/{owner}/{repo}/contents/{path}", errors: [] });
  });

  it("matches a file path sent with literal slashes", () => {
    const result = checkRequest({ method: "GET", path: "/repos/octo-org/widgets/contents/.handoffs/parser.md" });

    expect(result).toMatchObject({ operationId: "repos/get-content", errors: [] });
  });

  it("matches a git ref that contains slashes", () => {
    const result = checkRequest({ method: "DELETE", path: "/repos/octo-org/widgets/git/refs/handoff/claims/12" });

    expect(result).toMatchObject({ operationId: "git/delete-ref", errors: [] });
  });

  it("prefers a literal segment over a parameter", () => {
    const result = checkRequest({
      method: "PATCH",
      path: "/repos/octo-org/widgets/issues/comments/42",
      body: { body: "x" },
    });

    expect(result.template).toBe("/repos/{owner}/{repo}/issues/comments/{comment_id}");
  });

  it("strips the GitHub Enterprise Server /api/v3 prefix", () => {
    const result = checkRequest({ method: "GET", path: "/api/v3/repos/octo-org/widgets/issues/7" });

    expect(result).toMatchObject({ operationId: "issues/get", errors: [] });
  });

  it("accepts null where the description marks a field nullable", () => {
    const result = checkRequest({
      method: "PATCH",
      path: "/repos/octo-org/widgets/issues/7",
      body: { milestone: null, state_reason: null },
    });

    expect(result.errors).toEqual([]);
  });

  it("rejects a reaction outside GitHub's list", () => {
    const result = checkRequest({
      method: "POST",
      path: "/repos/octo-org/widgets/issues/comments/42/reactions",
      body: { content: "thumbsup" },
    });

    expect(result.errors).toEqual([expect.stringContaining("must be equal to one of the allowed values")]);
  });
});
