// Who may file, pick up or return a handoff. GitHub's `author_association` misreports members of
// private organisations, so we ask the collaborator-permission API, which is authoritative.
import { statusOf, type GitHub, type RepoRef } from "./client.js";

/** GitHub's permission levels, weakest first; compared by rank, never by a chain of ifs. */
export const PERMISSION_LADDER = ["none", "read", "triage", "write", "maintain", "admin"] as const;
export type Permission = (typeof PERMISSION_LADDER)[number];

export function rankOf(permission: string): number {
  const rank = PERMISSION_LADDER.indexOf(permission as Permission);
  return rank === -1 ? 0 : rank;
}

export function meets(actual: Permission, minimum: Permission): boolean {
  return rankOf(actual) >= rankOf(minimum);
}

/**
 * The user's permission on the repository. `permission` in the response only knows the legacy
 * levels (admin/write/read/none), so `role_name` (which also says triage and maintain) wins when
 * present. A 404 means the user is not a collaborator at all: `none`.
 */
export async function getPermission(gh: GitHub, repo: RepoRef, username: string): Promise<Permission> {
  try {
    const { data } = await gh.request("GET /repos/{owner}/{repo}/collaborators/{username}/permission", {
      ...repo,
      username,
    });
    const role = (data as { role_name?: string }).role_name;
    if (role && (PERMISSION_LADDER as readonly string[]).includes(role)) return role as Permission;
    return (PERMISSION_LADDER as readonly string[]).includes(data.permission)
      ? (data.permission as Permission)
      : "none";
  } catch (error) {
    if (statusOf(error) === 404) return "none";
    throw error;
  }
}

export async function hasPermission(
  gh: GitHub,
  repo: RepoRef,
  username: string,
  minimum: Permission,
): Promise<{ allowed: boolean; permission: Permission }> {
  const permission = await getPermission(gh, repo, username);
  return { allowed: meets(permission, minimum), permission };
}
