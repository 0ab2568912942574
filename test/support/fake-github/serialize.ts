/**
 * Records → GitHub's JSON. Field names follow the REST description's response schemas (the fake's own
 * test validates every response against them). API URLs point at the fake so they can be followed;
 * html_url uses https://github.com, as links written into issues would.
 */
import { timestamp } from "./http.js";
import { ROLE_RANK } from "./state.js";
import type {
  CommentRecord,
  FakeState,
  FakeUser,
  IssueRecord,
  LabelRecord,
  ReactionRecord,
  RepoRecord,
  Role,
} from "./state.js";

export const HTML = "https://github.com";
export type Json = Record<string, unknown>;

export const nodeId = (kind: string, id: number): string =>
  Buffer.from(`${kind}${id}`).toString("base64").replace(/=+$/, "");
const iso = (date: Date | null): string | null => (date ? timestamp(date) : null);

export function userJson(api: string, user: FakeUser): Json {
  const u = `${api}/users/${encodeURIComponent(user.login)}`;
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(user.type === "Bot" ? "BOT_" : "U_", user.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: "",
    url: u,
    html_url: user.type === "Bot" ? `${HTML}/apps/${user.login.replace(/\[bot\]$/, "")}` : `${HTML}/${user.login}`,
    followers_url: `${u}/followers`,
    following_url: `${u}/following{/other_user}`,
    gists_url: `${u}/gists{/gist_id}`,
    starred_url: `${u}/starred{/owner}{/repo}`,
    subscriptions_url: `${u}/subscriptions`,
    organizations_url: `${u}/orgs`,
    repos_url: `${u}/repos`,
    events_url: `${u}/events{/privacy}`,
    received_events_url: `${u}/received_events`,
    type: user.type,
    user_view_type: "public",
    site_admin: false,
  };
}

export function repoJson(api: string, repo: RepoRecord): Json {
  const r = `${api}/repos/${repo.fullName}`;
  const openIssues = 0;
  return {
    id: repo.id,
    node_id: nodeId("R_", repo.id),
    name: repo.name,
    full_name: repo.fullName,
    private: repo.private,
    owner: userJson(api, repo.owner),
    html_url: `${HTML}/${repo.fullName}`,
    description: null,
    fork: false,
    url: r,
    archive_url: `${r}/{archive_format}{/ref}`,
    assignees_url: `${r}/assignees{/user}`,
    blobs_url: `${r}/git/blobs{/sha}`,
    branches_url: `${r}/branches{/branch}`,
    collaborators_url: `${r}/collaborators{/collaborator}`,
    comments_url: `${r}/comments{/number}`,
    commits_url: `${r}/commits{/sha}`,
    compare_url: `${r}/compare/{base}...{head}`,
    contents_url: `${r}/contents/{+path}`,
    contributors_url: `${r}/contributors`,
    deployments_url: `${r}/deployments`,
    downloads_url: `${r}/downloads`,
    events_url: `${r}/events`,
    forks_url: `${r}/forks`,
    git_commits_url: `${r}/git/commits{/sha}`,
    git_refs_url: `${r}/git/refs{/sha}`,
    git_tags_url: `${r}/git/tags{/sha}`,
    git_url: `git://github.com/${repo.fullName}.git`,
    issue_comment_url: `${r}/issues/comments{/number}`,
    issue_events_url: `${r}/issues/events{/number}`,
    issues_url: `${r}/issues{/number}`,
    keys_url: `${r}/keys{/key_id}`,
    labels_url: `${r}/labels{/name}`,
    languages_url: `${r}/languages`,
    merges_url: `${r}/merges`,
    milestones_url: `${r}/milestones{/number}`,
    notifications_url: `${r}/notifications{?since,all,participating}`,
    pulls_url: `${r}/pulls{/number}`,
    releases_url: `${r}/releases{/id}`,
    ssh_url: `git@github.com:${repo.fullName}.git`,
    stargazers_url: `${r}/stargazers`,
    statuses_url: `${r}/statuses/{sha}`,
    subscribers_url: `${r}/subscribers`,
    subscription_url: `${r}/subscription`,
    tags_url: `${r}/tags`,
    teams_url: `${r}/teams`,
    trees_url: `${r}/git/trees{/sha}`,
    clone_url: `${HTML}/${repo.fullName}.git`,
    mirror_url: null,
    hooks_url: `${r}/hooks`,
    svn_url: `${HTML}/${repo.fullName}`,
    homepage: null,
    language: "TypeScript",
    forks_count: 0,
    forks: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    subscribers_count: 0,
    network_count: 0,
    size: 0,
    default_branch: repo.defaultBranch,
    open_issues_count: openIssues,
    open_issues: openIssues,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: repo.private ? "private" : "public",
    license: null,
    pushed_at: timestamp(repo.createdAt),
    created_at: timestamp(repo.createdAt),
    updated_at: timestamp(repo.createdAt),
    permissions: { admin: true, maintain: true, push: true, triage: true, pull: true },
  };
}

export function labelJson(api: string, repo: RepoRecord, label: LabelRecord): Json {
  return {
    id: label.id,
    node_id: nodeId("LA_", label.id),
    url: `${api}/repos/${repo.fullName}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    description: label.description,
    color: label.color,
    default: false,
  };
}

export function rollup(url: string, reactions: ReactionRecord[]): Json {
  const count = (content: string): number => reactions.filter((r) => r.content === content).length;
  return {
    url,
    total_count: reactions.length,
    "+1": count("+1"),
    "-1": count("-1"),
    laugh: count("laugh"),
    confused: count("confused"),
    heart: count("heart"),
    hooray: count("hooray"),
    eyes: count("eyes"),
    rocket: count("rocket"),
  };
}

export function reactionJson(api: string, reaction: ReactionRecord): Json {
  return {
    id: reaction.id,
    node_id: nodeId("REA_", reaction.id),
    user: userJson(api, reaction.user),
    content: reaction.content,
    created_at: timestamp(reaction.createdAt),
  };
}

export function issueJson(api: string, state: FakeState, issue: IssueRecord): Json {
  const r = `${api}/repos/${issue.repo.fullName}`;
  const i = `${r}/issues/${issue.number}`;
  const html = `${HTML}/${issue.repo.fullName}/${issue.isPullRequest ? "pull" : "issues"}/${issue.number}`;
  const subIssues = issue.subIssueIds.map((id) => state.issueById(id)).filter((s) => s !== undefined);
  const completed = subIssues.filter((s) => s.state === "closed").length;
  const parent = issue.parentId === null ? undefined : state.issueById(issue.parentId);
  const assignees = issue.assignees.map((login) => userJson(api, state.user(login)));
  return {
    url: i,
    repository_url: r,
    labels_url: `${i}/labels{/name}`,
    comments_url: `${i}/comments`,
    events_url: `${i}/events`,
    html_url: html,
    id: issue.id,
    node_id: nodeId(issue.isPullRequest ? "PR_" : "I_", issue.id),
    number: issue.number,
    title: issue.title,
    user: userJson(api, issue.user),
    labels: issue.labels.map((name) => labelJson(api, issue.repo, state.label(issue.repo, name))),
    state: issue.state,
    state_reason: issue.stateReason,
    locked: issue.locked,
    assignee: assignees[0] ?? null,
    assignees,
    milestone: null,
    comments: state.commentsOn(issue).length,
    created_at: timestamp(issue.createdAt),
    updated_at: timestamp(issue.updatedAt),
    closed_at: iso(issue.closedAt),
    author_association: issue.user.login === issue.repo.owner.login ? "OWNER" : "NONE",
    active_lock_reason: null,
    body: issue.body,
    reactions: rollup(`${i}/reactions`, issue.reactions),
    timeline_url: `${i}/timeline`,
    performed_via_github_app: null,
    sub_issues_summary: {
      total: subIssues.length,
      completed,
      percent_completed: subIssues.length === 0 ? 0 : Math.round((completed / subIssues.length) * 100),
    },
    ...(parent ? { parent_issue_url: `${api}/repos/${parent.repo.fullName}/issues/${parent.number}` } : {}),
    ...(issue.isPullRequest
      ? {
          draft: false,
          pull_request: {
            url: `${r}/pulls/${issue.number}`,
            html_url: html,
            diff_url: `${html}.diff`,
            patch_url: `${html}.patch`,
            merged_at: null,
          },
        }
      : {}),
  };
}

export function commentJson(api: string, comment: CommentRecord, issue: IssueRecord | undefined): Json {
  const r = `${api}/repos/${comment.repo.fullName}`;
  const kind = issue?.isPullRequest ? "pull" : "issues";
  return {
    url: `${r}/issues/comments/${comment.id}`,
    html_url: `${HTML}/${comment.repo.fullName}/${kind}/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${r}/issues/${comment.issueNumber}`,
    id: comment.id,
    node_id: nodeId("IC_", comment.id),
    user: userJson(api, comment.user),
    created_at: timestamp(comment.createdAt),
    updated_at: timestamp(comment.updatedAt),
    author_association: comment.user.login === comment.repo.owner.login ? "OWNER" : "NONE",
    body: comment.body,
    reactions: rollup(`${r}/issues/comments/${comment.id}/reactions`, comment.reactions),
    performed_via_github_app: null,
  };
}

export function permissionJson(api: string, user: FakeUser, role: Role): Json {
  // The legacy `permission` folds maintain into write and triage into read.
  const permission = role === "maintain" ? "write" : role === "triage" ? "read" : role;
  const rank = ROLE_RANK[role];
  return {
    permission,
    role_name: role,
    user: {
      ...userJson(api, user),
      role_name: role,
      permissions: { pull: rank >= 1, triage: rank >= 2, push: rank >= 3, maintain: rank >= 4, admin: rank >= 5 },
    },
  };
}
