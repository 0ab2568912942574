// The sanitiser's row of section 3 (asked for by the core's engineer, bench-requests): see sanitize-child.ts.
import { runChild } from "./child.js";
import type { SanitizeResult } from "./sanitize-child.js";
import type { Table, Target } from "./report.js";
import { median, msSpread, ratioSpread, timesSpread } from "./stats.js";

/** Not an issue #15 target: the aim the core's brief sets, "far below a second" for 1 MB. */
const AIM_MS = 1000;

export async function sanitiserScaling(runs: number): Promise<{ table: Table; target: Target }> {
  const results = JSON.parse(await runChild("sanitize-child.ts", [String(runs)])) as SanitizeResult[];
  const inputs = [...new Set(results.map((r) => r.input))];
  const rows = inputs.map((input) => {
    const [small, big] = results.filter((r) => r.input === input);
    return { input, small: small!, big: big!, growth: ratioSpread(big!.cpu, small!.cpu) };
  });
  const over = rows.filter((r) => median(r.big.cpu) >= AIM_MS);
  return {
    table: {
      caption: `The structural sanitiser (\`sanitizeForAgent\`, run at Action pickup and in \`handoff wait\`), CPU per run, median of ${runs} (interquartile range)`,
      headers: ["Input", "100 KB", "1 MB", "Growth 100 KB → 1 MB"],
      rows: rows.map((r) => [r.input, msSpread(r.small.cpu), msSpread(r.big.cpu), timesSpread(r.growth)]),
    },
    target: {
      name: `The sanitiser on 1 MB under ${AIM_MS} ms (the core brief's aim; issue #15 sets no number)`,
      pass: over.length === 0,
      detail:
        rows.map((r) => `${r.input} ${msSpread(r.big.cpu)} (growth ${timesSpread(r.growth)})`).join(", ") +
        (over.length > 0 ? `: ${over.map((r) => r.input).join(", ")} over` : ""),
    },
  };
}
