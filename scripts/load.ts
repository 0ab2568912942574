// The load runs. `npm run load` is the single-process one: 1,000 mixed deliveries (comments, edits, pushes,
// returns; one in ten redelivered; concurrent bursts of the same event), signed and POSTed to the webhook server
// in front of the App, against the fake GitHub server; it prints duplicates, lost handoffs, missing
// acknowledgements, heap after GC at 100/500/1,000 and wall time; it re-runs itself with --expose-gc when needed.
// `npm run load -- --replicas 2 --workers 2` is the fleet run (test/fleet/harness.ts): that many web replicas and
// queue workers as separate processes on a real Redis, two installations, redeliveries to the other replica, one
// worker killed mid-run; it prints the ledger, answer times and how each installation's writes were spaced.
// Options: --deliveries N (default 1,000), --scale S (GitHub's write spacing times S in the fleet run; 0.05).
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { runFleetLoad, type FleetReport } from "../test/fleet/harness.js";
import { redisForLoad } from "../test/fleet/redis-server.js";
import { GITHUB_CONTENT_PER_MINUTE } from "../test/fleet/spacing.js";
import { runLoad } from "../test/load-harness.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    replicas: { type: "string" },
    workers: { type: "string" },
    deliveries: { type: "string" },
    scale: { type: "string" },
  },
});
const total = Number(values.deliveries ?? positionals[0] ?? "1000");
const fleet = values.replicas !== undefined || values.workers !== undefined;
const row = (label: string, value: string) => console.log(`${label.padEnd(22)}${value}`);
const list = (items: string[]) => `${items.length}${items.length ? `: ${items.slice(0, 5).join("; ")}` : ""}`;

async function fleetRun(): Promise<boolean> {
  const redis = await redisForLoad();
  let report: FleetReport;
  try {
    report = await runFleetLoad({
      redisUrl: redis.url,
      deliveries: total,
      replicas: Number(values.replicas ?? "2"),
      workers: Number(values.workers ?? "2"),
      spacingScale: Number(values.scale ?? "0.05"),
      onProgress: (line) => console.error(`… ${line}`),
    });
  } finally {
    await redis.stop();
  }
  const { limits } = report;
  row(
    "deliveries",
    `${report.deliveries} (${report.comments} comments, ${report.files} files, ${report.returns} returns; ${report.redeliveries} redelivered to the other replica)`,
  );
  row(
    "answers",
    Object.entries(report.answers)
      .map(([status, n]) => `${status}×${n}`)
      .join(", "),
  );
  row(
    "answer time",
    `p50 ${report.answerMs.p50.toFixed(0)} ms, p99 ${report.answerMs.p99.toFixed(0)} ms, max ${report.answerMs.max.toFixed(0)} ms`,
  );
  row("worker killed", report.killedWorker ? "yes, SIGKILL mid-run; its jobs were taken over" : "no");
  row("duplicates", list(report.duplicates));
  row("lost", list(report.lost));
  row(
    "acknowledgements",
    report.missingAcknowledgements.length === 0 ? "all posted" : list(report.missingAcknowledgements),
  );
  row("dead letters", String(report.dead));
  row(
    "write spacing",
    `GitHub's 1 s / 3 s (content) scaled to ${limits.writeMs} ms / ${limits.contentMs} ms; counted per ${limits.windowMs} ms window (one scaled minute)`,
  );
  for (const [who, s] of Object.entries(report.spacing)) {
    row(
      `  ${who}`,
      `${s.writes} writes (${s.contentWrites} content); busiest window ${s.busiest.writes} writes, ${s.busiest.content} content ` +
        `(the spacing allows ${s.allowed.writes}, ${s.allowed.content}; GitHub ~${GITHUB_CONTENT_PER_MINUTE} content); ` +
        `median gap ${s.medianGapMs} ms, content ${s.contentMedianGapMs} ms${s.withinSpacing ? "" : "  ← OVER"}`,
    );
  }
  row(
    "  both together",
    `busiest window ${report.fleetBusiest.writes} writes, ${report.fleetBusiest.content} content: above one installation's allowance, so they ran in parallel`,
  );
  row(
    "wall time",
    `${(report.wallMs / 1000).toFixed(1)} s (${(report.drainMs / 1000).toFixed(1)} s draining the queue after the burst)`,
  );
  const spaced = Object.values(report.spacing).every((s) => s.withinSpacing);
  return (
    report.duplicates.length === 0 &&
    report.lost.length === 0 &&
    report.missingAcknowledgements.length === 0 &&
    report.dead === 0 &&
    spaced &&
    report.answerMs.p99 < 1000
  );
}

async function singleRun(): Promise<boolean> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) {
    const result = spawnSync(process.execPath, ["--expose-gc", ...process.execArgv, ...process.argv.slice(1)], {
      stdio: "inherit",
    });
    process.exit(result.status ?? 1);
  }
  const marks = new Set([100, Math.floor(total / 2), total]);
  const heap: Array<[number, number]> = [];
  const report = await runLoad({
    deliveries: total,
    concurrency: 8,
    onProgress: (answered) => {
      if (!marks.has(answered)) return;
      gc();
      heap.push([answered, process.memoryUsage().heapUsed]);
    },
  });
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  row(
    "deliveries",
    `${report.deliveries} (${report.comments} comments, ${report.files} files, ${report.returns} returns, the rest edits, redeliveries and bursts)`,
  );
  row(
    "answers",
    Object.entries(report.answers)
      .map(([status, n]) => `${status}×${n}`)
      .join(", "),
  );
  row("duplicates", list(report.duplicates));
  row("lost", list(report.lost));
  row(
    "acknowledgements",
    report.missingAcknowledgements.length === 0 ? "all posted" : list(report.missingAcknowledgements),
  );
  row(
    "heap after GC",
    `${heap.map(([n, bytes]) => `${n}: ${mb(bytes)}`).join(", ")} (the process holds the fake GitHub too)`,
  );
  row("source locks left", String(report.lockKeys));
  row("wall time", `${(report.wallMs / 1000).toFixed(1)} s`);
  return report.duplicates.length === 0 && report.lost.length === 0 && report.missingAcknowledgements.length === 0;
}

process.exit((await (fleet ? fleetRun() : singleRun())) ? 0 : 1);
