// One input family in a process of its own, so its peak memory is its own: the resident set's high-water mark is
// the whole process's. Sizes run in ascending order after a warm-up; prints JSON.
// Usage: node --import tsx bench/scaling-child.ts <realistic|adversarial name> <sizes,comma-separated> <runs>
import { readFileSync, writeFileSync } from "node:fs";
import { contentHash } from "../src/core/marker.js";
import { parseHandoff } from "../src/core/parse.js";
import { prepareIssue } from "../src/core/prepare.js";
import { redact } from "../src/core/redact/index.js";
import { renderIssue } from "../src/core/render.js";
import { ADVERSARIAL, PREPARE_OPTIONS, realisticHandoff } from "./documents.js";
import { median } from "./stats.js";

export interface SizeResult {
  size: number;
  /** CPU milliseconds of `prepareIssue` (redact → parse → render), one per run: what load from other processes leaves alone. */
  times: number[];
  /** Wall milliseconds of the same runs. */
  wall: number[];
  /** Medians of the stages, measured apart in the same order `prepareIssue` runs them. */
  redactMs: number;
  parseMs: number;
  /** The content hash and the render. */
  renderMs: number;
  /** RSS high-water mark of the first (untimed) run above the baseline before it, in bytes. */
  peakBytes: number;
  /** Set when the core refused the input (redaction fails closed) instead of rendering it. */
  refused?: string;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** CPU milliseconds of the task (user and system, every thread of the process: GC helpers too). */
async function clock(task: () => Promise<unknown>, wall?: number[]): Promise<number> {
  const start = performance.now();
  const before = process.cpuUsage();
  await task();
  const used = process.cpuUsage(before);
  wall?.push(performance.now() - start);
  return (used.user + used.system) / 1000;
}

const status = (field: string): number | undefined => {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, "m").exec(readFileSync("/proc/self/status", "utf8"));
  return match ? Number(match[1]) * 1024 : undefined;
};

/**
 * Resets the high-water mark to the current resident set (Linux: `5` to /proc/self/clear_refs) and returns it.
 * Elsewhere, rusage's maxRSS, which cannot be reset and survives exec: a child forked from a larger parent starts
 * at the parent's size, so a peak below that shows as 0.
 */
function resetPeak(): number {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return status("VmRSS") ?? process.resourceUsage().maxRSS * 1024;
  } catch {
    return process.resourceUsage().maxRSS * 1024;
  }
}

function peakSinceReset(): number {
  try {
    return status("VmHWM") ?? process.resourceUsage().maxRSS * 1024;
  } catch {
    return process.resourceUsage().maxRSS * 1024;
  }
}

async function measure(text: string, runs: number): Promise<Omit<SizeResult, "size">> {
  // The first run at this size gives the peak memory and is not timed: the heap grows to fit the size once,
  // as it would in a long-running App, and that one-off cost would otherwise distort the growth ratios.
  gc();
  const baseline = resetPeak();
  await prepareIssue(text, PREPARE_OPTIONS).catch(() => undefined);
  const peakBytes = Math.max(0, peakSinceReset() - baseline);
  const times: number[] = [];
  const wall: number[] = [];
  let refused: string | undefined;
  for (let i = 0; i < runs; i++) {
    times.push(
      await clock(
        () =>
          prepareIssue(text, PREPARE_OPTIONS).catch((error: unknown) => {
            refused = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
          }),
        wall,
      ),
    );
  }
  const stages: { redact: number[]; parse: number[]; render: number[] } = { redact: [], parse: [], render: [] };
  if (!refused) {
    for (let i = 0; i < Math.min(2, runs); i++) {
      let redacted: Awaited<ReturnType<typeof redact>> | undefined;
      let document: ReturnType<typeof parseHandoff> | undefined;
      stages.redact.push(await clock(async () => (redacted = await redact(text))));
      stages.parse.push(await clock(async () => (document = parseHandoff(redacted!.text))));
      stages.render.push(
        await clock(async () =>
          renderIssue(document!, {
            source: PREPARE_OPTIONS.source,
            author: PREPARE_OPTIONS.author,
            redactions: redacted!.report,
            hash: contentHash(redacted!.text),
          }),
        ),
      );
    }
  }
  return {
    times,
    wall,
    redactMs: median(stages.redact),
    parseMs: median(stages.parse),
    renderMs: median(stages.render),
    peakBytes,
    ...(refused ? { refused } : {}),
  };
}

async function main(): Promise<void> {
  const [family = "realistic", sizeList = "1024", runsText = "5"] = process.argv.slice(2);
  const make = family === "realistic" ? (size: number) => realisticHandoff(size) : ADVERSARIAL[family]?.make;
  if (!make) throw new Error(`unknown input family ${family}`);
  // Warm-up: load every module and let the JIT see the hot paths, so the first size is not charged for it.
  for (let i = 0; i < 3; i++) await prepareIssue(realisticHandoff(4096, i + 7), PREPARE_OPTIONS);
  const results: SizeResult[] = [];
  for (const size of sizeList.split(",").map(Number)) {
    const text = make(size);
    // Small inputs are cheap and their times noisy (a GC pause is a large share): give them more runs.
    const runs = Number(runsText) * (size <= 128 * 1024 ? 3 : 1);
    results.push({ size: Buffer.byteLength(text), ...(await measure(text, runs)) });
  }
  process.stdout.write(JSON.stringify(results));
}

await main();
