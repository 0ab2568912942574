// Preloaded by the bench (NODE_OPTIONS=--import=…) into an Action's process, ours or a peer's, in memory runs
// only: at exit it writes the process's peak resident set (bytes) to HANDOFF_BENCH_RSS_FILE. Timed runs go without it.
// On Linux it reads VmHWM from /proc/self/status: `resourceUsage().maxRSS` survives exec, so a child spawned by a
// large parent reports the parent's size (Node forks before it execs) whenever its own peak is smaller.
import { readFileSync, writeFileSync } from "node:fs";

function peakBytes() {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"));
    if (match) return Number(match[1]) * 1024;
  } catch {
    // Not Linux: the rusage figure, with the caveat above.
  }
  return process.resourceUsage().maxRSS * 1024;
}

process.on("exit", () => {
  const file = process.env["HANDOFF_BENCH_RSS_FILE"];
  if (file) writeFileSync(file, String(peakBytes()));
});
