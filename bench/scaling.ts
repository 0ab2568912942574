// Section 3: core scaling. Redact → parse → render (`prepareIssue`) on realistic handoffs of 1 KB to 1 MB and on
// adversarial 1 MB inputs, each family in its own process (see scaling-child.ts). Growth must be linear:
// ten times the input, at most twelve times the time.
import type { SizeResult } from "./scaling-child.js";
import { runChild } from "./child.js";
import { ADVERSARIAL } from "./documents.js";
import type { Section, Table, Target } from "./report.js";
import { bytes, median, ms, ratio, times } from "./stats.js";

const KB = 1024;
const MB = 1024 * 1024;
const REALISTIC_SIZES = [KB, 10 * KB, 100 * KB, MB];
const ADVERSARIAL_SIZES = [100 * KB, MB];
/** The targets. */
const ADVERSARIAL_BUDGET_MS = 250;
const MAX_STEP_RATIO = 12;

async function family(name: string, sizes: readonly number[], runs: number): Promise<SizeResult[]> {
  const out = await runChild("scaling-child.ts", [name, sizes.join(","), String(runs)], ["--expose-gc"]);
  return JSON.parse(out) as SizeResult[];
}

const renderMs = (r: SizeResult) => r.renderMs;

export async function scaling(options: { runs: number; only?: readonly string[] }): Promise<Section> {
  const realistic = await family("realistic", REALISTIC_SIZES, options.runs);
  const names = Object.keys(ADVERSARIAL).filter((name) => !options.only || options.only.includes(name));
  const adversarial: Array<{ name: string; results: SizeResult[] }> = [];
  for (const name of names) adversarial.push({ name, results: await family(name, ADVERSARIAL_SIZES, options.runs) });

  const steps: number[] = [];
  const realisticTable: Table = {
    caption: `Realistic handoff markdown (frontmatter, sections, lists, pointers, code, a few addresses and home paths); median of ${options.runs}`,
    headers: [
      "Size",
      "prepareIssue",
      "redact",
      "parse",
      "render + hash",
      "Peak RSS above baseline",
      "Time ×, vs 10× smaller",
      "Reading",
    ],
    rows: realistic.map((r, i) => {
      const previous = realistic[i - 1];
      const step = previous ? ratio(median(r.times), median(previous.times)) : Number.NaN;
      if (previous) steps.push(step);
      const reading = !previous
        ? "fixed costs dominate"
        : step <= MAX_STEP_RATIO
          ? `linear (≤ ${MAX_STEP_RATIO}×)`
          : `superlinear: ${times(step)} for 10× the input`;
      return [
        bytes(r.size),
        ms(median(r.times)),
        ms(r.redactMs),
        ms(r.parseMs),
        ms(renderMs(r)),
        bytes(r.peakBytes),
        previous ? times(step) : "—",
        reading,
      ];
    }),
  };

  const adversarialTable: Table = {
    caption: `Adversarial inputs at 1 MB (growth: the same shape at 100 KB → 1 MB); median of ${options.runs}`,
    headers: [
      "Input",
      "Shape",
      "prepareIssue",
      "redact",
      "parse",
      "render + hash",
      "Peak RSS",
      "Growth 100 KB → 1 MB",
      "Reading",
    ],
    rows: adversarial.map(({ name, results }) => {
      const [small, big] = [results[0]!, results[results.length - 1]!];
      const growth = ratio(median(big.times), median(small.times));
      const t = median(big.times);
      const verdict = [
        t < ADVERSARIAL_BUDGET_MS ? `under ${ADVERSARIAL_BUDGET_MS} ms` : `OVER ${ADVERSARIAL_BUDGET_MS} ms`,
        growth <= MAX_STEP_RATIO ? "linear" : "SUPERLINEAR",
        ...(big.refused ? [`refused (fails closed): ${big.refused}`] : []),
      ].join(", ");
      return [
        name,
        ADVERSARIAL[name]!.why,
        ms(t),
        ms(big.redactMs),
        ms(big.parseMs),
        ms(renderMs(big)),
        bytes(big.peakBytes),
        times(growth),
        verdict,
      ];
    }),
  };

  const slowest = [...adversarial].sort((a, b) => median(b.results.at(-1)!.times) - median(a.results.at(-1)!.times))[0];
  const slowestMs = slowest ? median(slowest.results.at(-1)!.times) : 0;
  const over = adversarial.filter(({ results }) => median(results.at(-1)!.times) >= ADVERSARIAL_BUDGET_MS);
  const nonLinear = [
    ...steps.map((s, i) => ({
      what: `realistic ${bytes(REALISTIC_SIZES[i]!)} → ${bytes(REALISTIC_SIZES[i + 1]!)}`,
      s,
    })),
    ...adversarial.map(({ name, results }) => ({
      what: name,
      s: ratio(median(results.at(-1)!.times), median(results[0]!.times)),
    })),
  ].filter((x) => x.s > MAX_STEP_RATIO);

  const targets: Target[] = [
    {
      name: `A 1 MB adversarial document redacted, parsed and rendered in under ${ADVERSARIAL_BUDGET_MS} ms`,
      pass: over.length === 0,
      detail:
        over.length === 0
          ? `slowest ${slowest?.name ?? "—"} at ${ms(slowestMs)} (median); all ${adversarial.length} shapes under`
          : `${over.map(({ name, results }) => `${name} ${ms(median(results.at(-1)!.times))}`).join(", ")} over the budget`,
    },
    {
      name: `Linear growth (10× the input, at most ${MAX_STEP_RATIO}× the time)`,
      pass: nonLinear.length === 0,
      detail:
        nonLinear.length === 0
          ? `realistic steps ${steps.map(times).join(", ")}; adversarial 100 KB → 1 MB at most ${times(Math.max(...adversarial.map(({ results }) => ratio(median(results.at(-1)!.times), median(results[0]!.times)))))}`
          : nonLinear.map((x) => `${x.what} ${times(x.s)}`).join(", "),
    },
  ];

  const findings: string[] = [];
  const big = realistic.at(-1)!;
  const share = (part: number) => `${((100 * part) / median(big.times)).toFixed(0)}%`;
  findings.push(
    `At 1 MB of realistic markdown, parse takes ${ms(big.parseMs)} (${share(big.parseMs)}), redact ${ms(big.redactMs)} (${share(big.redactMs)}), render and hash ${ms(big.renderMs)} (${share(big.renderMs)}): ` +
      `${big.parseMs > big.redactMs ? "the parser (markdown-it block tokens, frontmatter, metadata) is the stage to look at first" : "redaction is the stage to look at first"}.`,
  );
  return {
    id: "scaling",
    title: "3. Core scaling",
    method: [
      "`prepareIssue(text, { source })` — redact, parse, render — timed in a child process per input family (warmed up on small documents first),",
      "so that its peak memory is its own: the RSS high-water mark (`process.resourceUsage().maxRSS`) above the baseline, taken on a first, untimed run at each size (sizes run",
      "ascending, a GC before each), so the heap's one-off growth to a new size is not in the times. Stages are timed apart (`redact()`, `parseHandoff()`, the content hash with `renderIssue()`), median of up to 3.",
      "1 KB = 1024 characters. The adversarial generators are in bench/documents.ts.",
    ],
    tables: [realisticTable, adversarialTable],
    targets,
    findings,
  };
}
