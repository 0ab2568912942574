// The structural sanitiser (`sanitizeForAgent`: markdown-it → parse5 → the visible text) on large inputs, in a
// process of its own: realistic handoffs and the two shapes that stress its parsers, at 100 KB and 1 MB.
// CPU time per run (`process.cpuUsage`), after a warm-up on small documents. It runs at Action pickup and in
// `handoff wait`, on text the core has already redacted.
// Usage: node --import tsx bench/sanitize-child.ts <runs>; prints JSON.
import { sanitizeForAgent } from "../src/core/sanitize.js";
import { ADVERSARIAL, realisticHandoff } from "./documents.js";

export interface SanitizeResult {
  input: string;
  size: number;
  /** CPU ms of each run. */
  cpu: number[];
}

export const SANITIZE_INPUTS: Readonly<Record<string, (size: number) => string>> = {
  realistic: (size) => realisticHandoff(size),
  "table-rows": ADVERSARIAL["table-rows"]!.make,
  "open-fences": ADVERSARIAL["open-fences"]!.make,
};

function cpu(task: () => unknown): number {
  const before = process.cpuUsage();
  task();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

const runs = Number(process.argv[2] ?? "5");
for (let i = 0; i < 5; i++) sanitizeForAgent(realisticHandoff(8 * 1024, i + 3));
const results: SanitizeResult[] = [];
for (const [input, make] of Object.entries(SANITIZE_INPUTS)) {
  for (const size of [100 * 1024, 1024 * 1024]) {
    const text = make(size);
    results.push({ input, size, cpu: Array.from({ length: runs }, () => cpu(() => sanitizeForAgent(text))) });
  }
}
process.stdout.write(JSON.stringify(results));
