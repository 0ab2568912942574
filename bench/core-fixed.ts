// The core's fixed cost at 2 KB, beside its floor (markdown-it and secretlint alone): see core-child.ts.
import { runChild } from "./child.js";
import type { CoreResult } from "./core-child.js";
import type { Table, Target } from "./report.js";
import { bytes, median, msSpread, ratioSpread, timesSpread } from "./stats.js";

/** Issue #15's target for the core on a 2 KB handoff. */
const TARGET_MS = 0.6;

export async function coreFixedCost(runs: number): Promise<{ table: Table; target: Target; finding: string }> {
  const result = JSON.parse(await runChild("core-child.ts", [String(runs)])) as CoreResult;
  const prepare = median(result.prepare);
  const over = ratioSpread(result.prepare, result.floor);
  const table: Table = {
    caption: `The core's fixed cost: a 2 KB handoff (${bytes(result.size)}; the App section's document), CPU per call, ${result.prepare.length} interleaved rounds of 100 calls, median (interquartile range)`,
    headers: ["prepareIssue", "Floor: markdown-it + secretlint alone", "Ratio", "redact", "parse", "render + hash"],
    rows: [
      [
        msSpread(result.prepare),
        msSpread(result.floor),
        timesSpread(over),
        msSpread(result.redact),
        msSpread(result.parse),
        msSpread(result.render),
      ],
    ],
  };
  const pass = prepare <= TARGET_MS;
  const target: Target = {
    name: `The core (redact → parse → render) on a 2 KB handoff in at most ${TARGET_MS} ms`,
    pass,
    detail:
      `${msSpread(result.prepare)} CPU per call, beside a floor of ${msSpread(result.floor)} (markdown-it and secretlint alone)` +
      (pass
        ? ""
        : `: ${msSpread(result.redact)} of redaction (secretlint plus our own detectors and layers), ${msSpread(result.parse)} of parsing (frontmatter, sections, kind), ${msSpread(result.render)} of rendering and hashing, measured apart`),
  };
  const finding =
    `At 2 KB the core is ${timesSpread(over)} its floor; the stages measured apart sum to ` +
    `${(median(result.redact) + median(result.parse) + median(result.render)).toFixed(2)} ms of its ${prepare.toFixed(2)} ms.`;
  return { table, target, finding };
}
