// Assignees from a document are suggestions: GitHub silently drops a login that cannot be assigned when an
// issue is created, and refuses some requests outright, so each is checked first (204 yes, 404 no) and the
// rest are reported in the reply instead of failing the request.
import { statusOf, type GitHub, type RepoRef } from "./client.js";

/** GitHub assigns at most ten people to an issue. */
export const MAX_ASSIGNEES = 10;

export interface AssigneeCheck {
  assignable: string[];
  dropped: string[];
}

export async function filterAssignable(gh: GitHub, repo: RepoRef, logins: readonly string[]): Promise<AssigneeCheck> {
  const assignable: string[] = [];
  const dropped: string[] = [];
  const unique = [...new Set(logins.map((l) => l.replace(/^@/, "")).filter((l) => l !== ""))];
  for (const login of unique) {
    if (assignable.length >= MAX_ASSIGNEES || !/^[A-Za-z0-9-]{1,39}$/.test(login)) {
      dropped.push(login);
      continue;
    }
    try {
      await gh.request("GET /repos/{owner}/{repo}/assignees/{assignee}", { ...repo, assignee: login });
      assignable.push(login);
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
      dropped.push(login);
    }
  }
  return { assignable, dropped };
}
