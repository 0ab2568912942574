// Label changes that never race with a person's own edits: we add and remove single labels instead of
// replacing the whole set, and skip requests for labels already in the wanted state.
import { statusOf, type GitHub, type IssueAddress } from "./client.js";

export async function addLabels(
  gh: GitHub,
  issue: IssueAddress,
  current: readonly string[],
  wanted: readonly string[],
): Promise<string[]> {
  const have = new Set(current.map((l) => l.toLowerCase()));
  const missing = wanted.filter((l) => !have.has(l.toLowerCase()));
  if (missing.length > 0)
    await gh.request("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", { ...issue, labels: missing });
  return missing;
}

export async function removeLabels(
  gh: GitHub,
  issue: IssueAddress,
  current: readonly string[],
  unwanted: readonly string[],
): Promise<string[]> {
  const drop = new Set(unwanted.map((l) => l.toLowerCase()));
  const present = current.filter((l) => drop.has(l.toLowerCase()));
  for (const name of present) {
    try {
      await gh.request("DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}", { ...issue, name });
    } catch (error) {
      // Someone removed it in the meantime: the wanted state is reached.
      if (statusOf(error) !== 404) throw error;
    }
  }
  return present;
}
