// Preloaded by the bench (NODE_OPTIONS=--import=…) into an Action's process, ours or a peer's, in memory runs
// only: at exit it writes the process's peak resident set (bytes) to HANDOFF_BENCH_RSS_FILE. Timed runs go without it.
import { writeFileSync } from "node:fs";

process.on("exit", () => {
  const file = process.env["HANDOFF_BENCH_RSS_FILE"];
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS * 1024));
});
