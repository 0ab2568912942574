/** Repositories, collaborator permissions, and the App's installation and tokens. */
import { randomBytes } from "node:crypto";
import { notFound, repoOf, timestamp, type RouteContext, type Router } from "../http.js";
import { HTML, permissionJson, repoJson, userJson } from "../serialize.js";
import type { RepoRecord } from "../state.js";

const PERMISSIONS = { issues: "write", contents: "read", metadata: "read", pull_requests: "write" };

function installationJson(context: RouteContext, id: number, account: RepoRecord["owner"]) {
  const slug = context.state.defaultActor.replace(/\[bot\]$/, "");
  const created = timestamp(context.state.now());
  return {
    id,
    client_id: "Iv1.fake",
    account: userJson(context.api, account),
    repository_selection: "selected",
    access_tokens_url: `${context.api}/app/installations/${id}/access_tokens`,
    repositories_url: `${context.api}/installation/repositories`,
    html_url: `${HTML}/organizations/${account.login}/settings/installations/${id}`,
    app_id: 1,
    app_slug: slug,
    target_id: account.id,
    target_type: account.type === "Organization" ? "Organization" : "User",
    permissions: PERMISSIONS,
    events: ["issue_comment", "issues", "push"],
    created_at: created,
    updated_at: created,
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: null,
    suspended_at: null,
  };
}

export function repoRoutes(router: Router): void {
  router
    .on("GET", "/repos/:owner/:repo", (context) => ({ status: 200, body: repoJson(context.api, repoOf(context)) }))
    .on("GET", "/repos/:owner/:repo/collaborators/:user/permission", (context) => {
      const repo = repoOf(context);
      const user = context.state.user(context.params["user"] ?? "");
      return { status: 200, body: permissionJson(context.api, user, context.state.roleOf(repo, user.login).role) };
    })
    .on("GET", "/repos/:owner/:repo/collaborators/:user", (context) => {
      if (!context.state.roleOf(repoOf(context), context.params["user"] ?? "").collaborator) throw notFound();
      return { status: 204 };
    })
    .on("GET", "/repos/:owner/:repo/installation", (context) => {
      const repo = repoOf(context);
      return { status: 200, body: installationJson(context, repo.installationId, repo.owner) };
    })
    .on("POST", "/app/installations/:id/access_tokens", (context) => {
      const id = Number(context.params["id"]);
      const repo = [...context.state.repos.values()].find((r) => r.installationId === id);
      if (!repo) throw notFound();
      // Real installation tokens are `ghs_<app id>_<JWT>`, about 520 characters: do not assume 40.
      const token = `ghs_1_${randomBytes(384).toString("base64url")}`;
      context.state.tokens.set(token, context.state.defaultActor);
      const expires = new Date(context.state.now().getTime() + 3600_000);
      return {
        status: 201,
        body: { token, expires_at: timestamp(expires), permissions: PERMISSIONS, repository_selection: "selected" },
      };
    });
}
