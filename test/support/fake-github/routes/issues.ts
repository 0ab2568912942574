/** Issues (and pull requests, which share their numbering), their labels and assignees. */
import { z } from "zod";
import {
  checkLength,
  HttpError,
  issueOf,
  notFound,
  paginate,
  parseBody,
  repoOf,
  validationFailed,
  type RouteContext,
  type Router,
} from "../http.js";
import { issueJson, labelJson } from "../serialize.js";
import { ROLE_RANK, type FakeUser, type IssueRecord, type RepoRecord } from "../state.js";

const LabelList = z.union([
  z.array(z.union([z.string(), z.object({ name: z.string() })])),
  z.object({ labels: z.array(z.union([z.string(), z.object({ name: z.string() })])).optional() }),
]);
const CreateIssue = z.object({
  title: z.union([z.string(), z.number()]),
  body: z.string().nullish(),
  labels: z.array(z.union([z.string(), z.object({ name: z.string().optional() })])).optional(),
  assignees: z.array(z.string()).optional(),
  assignee: z.string().nullish(),
});
const UpdateIssue = z.object({
  title: z.union([z.string(), z.number()]).nullish(),
  body: z.string().nullish(),
  state: z.enum(["open", "closed"]).optional(),
  state_reason: z.enum(["completed", "not_planned", "duplicate", "reopened"]).nullish(),
  labels: z.array(z.union([z.string(), z.object({ name: z.string().optional() })])).optional(),
  assignees: z.array(z.string()).optional(),
  assignee: z.string().nullish(),
});
const Assignees = z.object({ assignees: z.array(z.string()).optional() });

function labelNames(input: z.infer<typeof LabelList>): string[] {
  const list = Array.isArray(input) ? input : (input.labels ?? []);
  return list.map((l) => (typeof l === "string" ? l : l.name));
}

/** GitHub silently drops labels and assignees set by someone without push access. */
function canTriage(context: RouteContext, repo: RepoRecord, actor: FakeUser): boolean {
  return actor.type === "Bot" || ROLE_RANK[context.state.roleOf(repo, actor.login).role] >= ROLE_RANK.write;
}

function assignable(context: RouteContext, repo: RepoRecord, login: string): boolean {
  return ROLE_RANK[context.state.roleOf(repo, login).role] >= ROLE_RANK.triage;
}

function touch(context: RouteContext, issue: IssueRecord): void {
  issue.updatedAt = context.state.now();
}

function labelsReply(context: RouteContext, issue: IssueRecord) {
  return {
    status: 200,
    body: issue.labels.map((name) => labelJson(context.api, issue.repo, context.state.label(issue.repo, name))),
  };
}

function listIssues(context: RouteContext) {
  const repo = repoOf(context);
  const q = context.query;
  const state = q.get("state") ?? "open";
  const labels = (q.get("labels") ?? "")
    .split(",")
    .map((l) => l.trim().toLowerCase())
    .filter(Boolean);
  const creator = q.get("creator")?.toLowerCase();
  const assignee = q.get("assignee");
  const since = q.get("since") ? Date.parse(q.get("since") ?? "") : undefined;
  const sort = q.get("sort") ?? "created";
  const direction = q.get("direction") ?? "desc";
  const key = (i: IssueRecord): number =>
    sort === "updated"
      ? i.updatedAt.getTime()
      : sort === "comments"
        ? context.state.commentsOn(i).length
        : i.createdAt.getTime();
  const found = context.state.issues
    .filter((i) => i.repo === repo)
    .filter((i) => state === "all" || i.state === state)
    .filter((i) => labels.every((l) => i.labels.some((name) => name.toLowerCase() === l)))
    .filter((i) => !creator || i.user.login.toLowerCase() === creator)
    .filter((i) =>
      !assignee
        ? true
        : assignee === "none"
          ? i.assignees.length === 0
          : assignee === "*"
            ? i.assignees.length > 0
            : i.assignees.includes(assignee),
    )
    .filter((i) => since === undefined || i.updatedAt.getTime() >= since)
    // Ties (same second) fall back to the number, so pages are stable.
    .sort((a, b) => (direction === "asc" ? 1 : -1) * (key(a) - key(b) || a.number - b.number));
  const page = paginate(context, found);
  return { ...page, body: page.body.map((i) => issueJson(context.api, context.state, i)) };
}

export function issueRoutes(router: Router): void {
  router
    .on("GET", "/repos/:owner/:repo/issues", listIssues)
    .on("POST", "/repos/:owner/:repo/issues", (context) => {
      const repo = repoOf(context);
      const input = parseBody(CreateIssue, context.body);
      checkLength("Issue", "title", String(input.title), 256);
      checkLength("Issue", "body", input.body, 65536);
      const trusted = canTriage(context, repo, context.actor);
      const labels = trusted
        ? (input.labels ?? []).map((l) => (typeof l === "string" ? l : (l.name ?? ""))).filter(Boolean)
        : [];
      const wanted = [...(input.assignees ?? []), ...(input.assignee ? [input.assignee] : [])];
      const issue = context.state.createIssue(repo, {
        title: String(input.title),
        body: input.body ?? null,
        labels,
        assignees: trusted ? wanted.filter((login) => assignable(context, repo, login)) : [],
        user: context.actor,
      });
      const body = issueJson(context.api, context.state, issue);
      return { status: 201, body, headers: { location: String(body["url"]) } };
    })
    .on("GET", "/repos/:owner/:repo/issues/:number", (context) => ({
      status: 200,
      body: issueJson(context.api, context.state, issueOf(context)),
    }))
    .on("PATCH", "/repos/:owner/:repo/issues/:number", (context) => {
      const issue = issueOf(context);
      const input = parseBody(UpdateIssue, context.body);
      checkLength(
        "Issue",
        "title",
        input.title === null || input.title === undefined ? undefined : String(input.title),
        256,
      );
      checkLength("Issue", "body", input.body, 65536);
      if (input.title !== undefined && input.title !== null) issue.title = String(input.title);
      if (input.body !== undefined) issue.body = input.body;
      if (input.state === "closed" && issue.state === "open") {
        issue.state = "closed";
        issue.closedAt = context.state.now();
        issue.stateReason = input.state_reason ?? "completed";
      } else if (input.state === "open" && issue.state === "closed") {
        issue.state = "open";
        issue.closedAt = null;
        issue.stateReason = "reopened";
      } else if (input.state_reason !== undefined && issue.state === "closed") {
        issue.stateReason = input.state_reason;
      }
      if (input.labels)
        issue.labels = input.labels
          .map((l) => (typeof l === "string" ? l : (l.name ?? "")))
          .filter(Boolean)
          .map((n) => context.state.label(issue.repo, n).name);
      if (input.assignees) issue.assignees = input.assignees.filter((login) => assignable(context, issue.repo, login));
      touch(context, issue);
      return { status: 200, body: issueJson(context.api, context.state, issue) };
    })
    .on("GET", "/repos/:owner/:repo/issues/:number/labels", (context) => labelsReply(context, issueOf(context)))
    .on("POST", "/repos/:owner/:repo/issues/:number/labels", (context) => {
      const issue = issueOf(context);
      for (const name of labelNames(parseBody(LabelList, context.body))) {
        const label = context.state.label(issue.repo, name);
        if (!issue.labels.some((n) => n.toLowerCase() === label.name.toLowerCase())) issue.labels.push(label.name);
      }
      touch(context, issue);
      return labelsReply(context, issue);
    })
    .on("PUT", "/repos/:owner/:repo/issues/:number/labels", (context) => {
      const issue = issueOf(context);
      issue.labels = [
        ...new Set(labelNames(parseBody(LabelList, context.body)).map((n) => context.state.label(issue.repo, n).name)),
      ];
      touch(context, issue);
      return labelsReply(context, issue);
    })
    .on("DELETE", "/repos/:owner/:repo/issues/:number/labels", (context) => {
      const issue = issueOf(context);
      issue.labels = [];
      touch(context, issue);
      return { status: 204 };
    })
    .on("DELETE", "/repos/:owner/:repo/issues/:number/labels/:name", (context) => {
      const issue = issueOf(context);
      const name = (context.params["name"] ?? "").toLowerCase();
      if (!issue.labels.some((n) => n.toLowerCase() === name)) throw new HttpError(404, "Label does not exist");
      issue.labels = issue.labels.filter((n) => n.toLowerCase() !== name);
      touch(context, issue);
      return labelsReply(context, issue);
    })
    .on("POST", "/repos/:owner/:repo/issues/:number/assignees", (context) => {
      const issue = issueOf(context);
      for (const login of parseBody(Assignees, context.body).assignees ?? []) {
        if (assignable(context, issue.repo, login) && !issue.assignees.includes(login)) issue.assignees.push(login);
      }
      touch(context, issue);
      return { status: 201, body: issueJson(context.api, context.state, issue) };
    })
    .on("DELETE", "/repos/:owner/:repo/issues/:number/assignees", (context) => {
      const issue = issueOf(context);
      const remove = new Set(parseBody(Assignees, context.body).assignees ?? []);
      issue.assignees = issue.assignees.filter((login) => !remove.has(login));
      touch(context, issue);
      return { status: 200, body: issueJson(context.api, context.state, issue) };
    })
    .on("GET", "/repos/:owner/:repo/assignees/:user", (context) => {
      if (!assignable(context, repoOf(context), context.params["user"] ?? "")) throw notFound();
      return { status: 204 };
    })
    .on("GET", "/repos/:owner/:repo/labels", (context) => {
      const repo = repoOf(context);
      const page = paginate(context, [...repo.labels.values()]);
      return { ...page, body: page.body.map((l) => labelJson(context.api, repo, l)) };
    })
    .on("POST", "/repos/:owner/:repo/labels", (context) => {
      const repo = repoOf(context);
      const input = parseBody(
        z.object({ name: z.string(), color: z.string().optional(), description: z.string().optional() }),
        context.body,
      );
      if (repo.labels.has(input.name.toLowerCase()))
        throw validationFailed("Label", "already_exists", undefined, "name");
      const label = context.state.label(repo, input.name);
      if (input.color) label.color = input.color.replace(/^#/, "");
      if (input.description !== undefined) label.description = input.description;
      return { status: 201, body: labelJson(context.api, repo, label) };
    })
    .on("GET", "/repos/:owner/:repo/labels/:name", (context) => {
      const repo = repoOf(context);
      const label = repo.labels.get((context.params["name"] ?? "").toLowerCase());
      if (!label) throw notFound();
      return { status: 200, body: labelJson(context.api, repo, label) };
    });
}
