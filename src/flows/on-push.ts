// push → `.handoffs/**/*.md` reconciled into issues: the one handler, for the App and the Action's `mode: file`.
//
// 1. decide     from the payload alone: a push that touches no Markdown on the default branch costs nothing
// 2. configure  `.github/handoff.yml` (its `directory` may differ from the default, so any Markdown path is enough)
// 3. sync       sync-files.ts: find → compare → create, update or close
import { flowContext, type EventContext } from "./context.js";
import { pushRelevance, type PushData } from "./push-changes.js";
import { syncHandoffFiles, type SyncSummary } from "./sync-files.js";

export interface PushResult {
  summary: string;
  /** What was created, updated, closed, skipped or failed; absent when nothing was synced. */
  counts?: SyncSummary;
  /** What made the push fail (the Action fails its step with it). */
  failure?: string;
}

export async function handlePush(ctx: EventContext, push: PushData): Promise<PushResult> {
  const name = `push ${push.after.slice(0, 7)} to ${push.repo.owner}/${push.repo.repo}`;
  const relevance = pushRelevance(push);
  if (!relevance.relevant) return { summary: `${name}: ${relevance.reason}` };
  const loaded = await ctx.loadConfig();
  if (!loaded.ok) {
    // A commit comment would need `contents: write`, and a push has no thread to reply in: the log (or the run's
    // annotation) is where it is seen, and the next `/handoff` comment replies with the same message.
    const failure = `nothing synced. ${loaded.message}`;
    return { summary: `${name}: ${failure}`, failure: failure.replace(/\n+/g, " ") };
  }
  const counts = await syncHandoffFiles(flowContext(ctx, loaded.config), push);
  if (!counts) return { summary: `${name}: changed no handoff file` };
  const summary = `${name}: ${counts.created} created, ${counts.updated} updated, ${counts.closed} closed, ${counts.skipped} skipped, ${counts.errors} errors`;
  const failure =
    counts.errors > 0
      ? `${counts.errors} handoff file(s) could not be synced; the issues and the log name them`
      : undefined;
  return { summary, counts, ...(failure ? { failure } : {}) };
}
