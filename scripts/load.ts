// The full load run: 1,000 mixed deliveries (comments, edits, pushes, returns; one in ten redelivered; concurrent
// bursts of the same event), signed and POSTed to the webhook server in front of the App, against the fake GitHub
// server. Prints deliveries, duplicates, lost handoffs, missing acknowledgements, heap after GC at 100/500/1,000,
// and wall time. `npx tsx scripts/load.ts [deliveries]`; it re-runs itself with --expose-gc when needed.
import { spawnSync } from "node:child_process";
import { runLoad } from "../test/load-harness.js";

const total = Number(process.argv[2] ?? "1000");
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  const result = spawnSync(process.execPath, ["--expose-gc", ...process.execArgv, ...process.argv.slice(1)], { stdio: "inherit" });
  process.exit(result.status ?? 1);
}

const marks = new Set([100, Math.floor(total / 2), total]);
const heap: Array<[number, number]> = [];
const report = await runLoad({
  deliveries: total,
  concurrency: 8,
  onProgress: (answered) => {
    if (!marks.has(answered)) return;
    gc!();
    heap.push([answered, process.memoryUsage().heapUsed]);
  },
});
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
console.log(`deliveries            ${report.deliveries} (${report.comments} comments, ${report.files} files, ${report.returns} returns, the rest edits, redeliveries and bursts)`);
console.log(`answers               ${Object.entries(report.answers).map(([status, n]) => `${status}×${n}`).join(", ")}`);
console.log(`duplicates            ${report.duplicates.length}${report.duplicates.length ? `: ${report.duplicates.slice(0, 5).join("; ")}` : ""}`);
console.log(`lost                  ${report.lost.length}${report.lost.length ? `: ${report.lost.slice(0, 5).join("; ")}` : ""}`);
console.log(`acknowledgements      ${report.missingAcknowledgements.length === 0 ? "all posted" : `${report.missingAcknowledgements.length} missing: ${report.missingAcknowledgements.slice(0, 5).join("; ")}`}`);
console.log(`heap after GC         ${heap.map(([n, bytes]) => `${n}: ${mb(bytes)}`).join(", ")} (the process holds the fake GitHub too: its repository state grows with every issue; its request log is dropped after each wave)`);
console.log(`source locks left     ${report.lockKeys}`);
console.log(`wall time             ${(report.wallMs / 1000).toFixed(1)} s`);
const ok = report.duplicates.length === 0 && report.lost.length === 0 && report.missingAcknowledgements.length === 0;
process.exit(ok ? 0 : 1);
