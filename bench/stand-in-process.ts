// The stand-in in a process of its own for the throughput section, so its work (routing, checking every
// request against GitHub's REST description) is not charged to the App whose CPU time is measured.
import type { HttpCall } from "./counter.js";
import { serveRequests, type ReplayCall, type Seeded } from "./ipc.js";
import { AUTHOR, startStandIn } from "./stand-in.js";

const standIn = await startStandIn();
const thread = standIn.github.seedIssue({ title: "The parent thread", user: "alice" });
let trimmed = 0;

serveRequests((request) => {
  switch (request.type) {
    case "seed-comment": {
      const comment = standIn.github.seedComment({ issueNumber: thread.number, body: request.body, user: AUTHOR });
      return { thread: { number: thread.number, id: thread.id }, commentId: comment.id } satisfies Seeded;
    }
    case "log":
      // Positions count from the start, across trims.
      return standIn.log.slice(Math.max(0, request.from - trimmed)).map((c): HttpCall & ReplayCall => ({
        method: c.method,
        path: c.path,
        url: `${c.path}${c.query}`,
        body: c.body,
        status: c.status,
      }));
    case "trim":
      // The logs would grow without bound over thousands of deliveries (they keep every body).
      trimmed += standIn.log.length;
      standIn.log.length = 0;
      standIn.github.requests.length = 0;
      return trimmed;
    default:
      return null;
  }
});
process.send?.({ ready: standIn.url });
