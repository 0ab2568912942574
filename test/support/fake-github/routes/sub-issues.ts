/**
 * Sub-issues. `sub_issue_id` is the child's numeric id, not its number. GitHub refuses (422) a pull
 * request on either side, a child that already has a parent (unless `replace_parent`), a parent that
 * already has 100, a child from another owner, and a link that would make a cycle.
 */
import { z } from "zod";
import { issueOf, notFound, paginate, parseBody, validationFailed, type RouteContext, type Router } from "../http.js";
import { issueJson } from "../serialize.js";
import type { IssueRecord } from "../state.js";

export const MAX_SUB_ISSUES = 100;

const AddSubIssue = z.object({ sub_issue_id: z.number().int(), replace_parent: z.boolean().optional() });
const RemoveSubIssue = z.object({ sub_issue_id: z.number().int() });

const refuse = (message: string) => validationFailed("Issue", "custom", message, "sub_issue_id");

function ancestors(context: RouteContext, issue: IssueRecord): number[] {
  const out: number[] = [];
  let current: IssueRecord | undefined = issue;
  while (current && current.parentId !== null && !out.includes(current.parentId)) {
    out.push(current.parentId);
    current = context.state.issueById(current.parentId);
  }
  return out;
}

function detach(context: RouteContext, child: IssueRecord): void {
  if (child.parentId === null) return;
  const parent = context.state.issueById(child.parentId);
  if (parent) parent.subIssueIds = parent.subIssueIds.filter((id) => id !== child.id);
  child.parentId = null;
}

export function subIssueRoutes(router: Router): void {
  router
    .on("GET", "/repos/:owner/:repo/issues/:number/sub_issues", (context) => {
      const parent = issueOf(context);
      const children = parent.subIssueIds.map((id) => context.state.issueById(id)).filter((i) => i !== undefined);
      const page = paginate(context, children);
      return { ...page, body: page.body.map((i) => issueJson(context.api, context.state, i)) };
    })
    .on("POST", "/repos/:owner/:repo/issues/:number/sub_issues", (context) => {
      const parent = issueOf(context);
      const input = parseBody(AddSubIssue, context.body);
      const child = context.state.issueById(input.sub_issue_id);
      if (!child)
        throw refuse(`No issue with id ${input.sub_issue_id} (sub_issue_id is the issue's id, not its number)`);
      if (parent.isPullRequest) throw refuse("The parent must be an issue, not a pull request");
      if (child.isPullRequest) throw refuse("A pull request cannot be a sub-issue");
      if (child.id === parent.id) throw refuse("An issue cannot be its own sub-issue");
      if (child.repo.owner.id !== parent.repo.owner.id)
        throw refuse("The sub-issue must belong to the same owner as the parent");
      if (parent.subIssueIds.includes(child.id)) throw refuse("Issue may not contain duplicate sub-issues");
      if (child.parentId !== null && !input.replace_parent) throw refuse("Sub issue may only have one parent");
      if (parent.subIssueIds.length >= MAX_SUB_ISSUES)
        throw refuse(`Parent cannot have more than ${MAX_SUB_ISSUES} sub-issues`);
      if (ancestors(context, parent).includes(child.id)) throw refuse("Sub-issues cannot form a cycle");
      detach(context, child);
      parent.subIssueIds.push(child.id);
      child.parentId = parent.id;
      parent.updatedAt = context.state.now();
      // GitHub answers with the parent issue.
      return { status: 201, body: issueJson(context.api, context.state, parent) };
    })
    .on("DELETE", "/repos/:owner/:repo/issues/:number/sub_issue", (context) => {
      const parent = issueOf(context);
      const { sub_issue_id } = parseBody(RemoveSubIssue, context.body);
      const child = context.state.issueById(sub_issue_id);
      if (!child || child.parentId !== parent.id) throw notFound();
      detach(context, child);
      return { status: 200, body: issueJson(context.api, context.state, parent) };
    })
    .on("GET", "/repos/:owner/:repo/issues/:number/parent", (context) => {
      const child = issueOf(context);
      const parent = child.parentId === null ? undefined : context.state.issueById(child.parentId);
      if (!parent) throw notFound();
      return { status: 200, body: issueJson(context.api, context.state, parent) };
    });
}
