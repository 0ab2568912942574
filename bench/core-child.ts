// The core's fixed cost: `prepareIssue` on a 2 KB handoff against its floor, markdown-it and secretlint alone
// (one parse of the text with GitHub's markdown options, one secretlint run with the rules redaction uses), in
// one process, interleaved batches, CPU time (`process.cpuUsage`), so other processes' load is not counted.
// Usage: node --import tsx bench/core-child.ts <rounds>; prints JSON.
import { lintSource } from "@secretlint/core";
import { rules as recommendedRules } from "@secretlint/secretlint-rule-preset-recommend";
import MarkdownIt from "markdown-it";
import footnote from "markdown-it-footnote";
import { contentHash } from "../src/core/marker.js";
import { parseHandoff } from "../src/core/parse.js";
import { prepareIssue } from "../src/core/prepare.js";
import { redact } from "../src/core/redact/index.js";
import { renderIssue } from "../src/core/render.js";
import { PREPARE_OPTIONS, realisticHandoff } from "./documents.js";

export interface CoreResult {
  size: number;
  /** CPU ms per call of each round's batch. */
  prepare: number[];
  floor: number[];
  /** CPU ms per call of each stage, one value per round. */
  redact: number[];
  parse: number[];
  render: number[];
}

// The floor is built from the libraries alone, not from src/, so it stays the floor however the core changes.
const md = new MarkdownIt("default", { html: true, linkify: true }).use(footnote);
const config = {
  rules: recommendedRules
    .filter((rule) => rule.meta.id !== "@secretlint/secretlint-rule-filter-comments")
    .map((rule) => ({ id: rule.meta.id, rule, options: {} })),
};

async function floor(text: string): Promise<void> {
  md.parse(text, {});
  await lintSource({
    source: { content: text, filePath: "handoff.md", contentType: "text" },
    options: { config, noPhysicFilePath: true, maskSecrets: true },
  });
}

/** CPU milliseconds per call over a batch. */
async function batch(calls: number, task: () => Promise<unknown>): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < calls; i++) await task();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / calls;
}

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? "9");
  const text = realisticHandoff(2 * 1024, 2 * 1024);
  const calls = 100;
  // Warm-up: every module loaded, the JIT settled on both paths.
  for (let i = 0; i < 3; i++) {
    await batch(calls, () => prepareIssue(text, PREPARE_OPTIONS));
    await batch(calls, () => floor(text));
  }
  const result: CoreResult = {
    size: Buffer.byteLength(text),
    prepare: [],
    floor: [],
    redact: [],
    parse: [],
    render: [],
  };
  const redacted = await redact(text);
  const document = parseHandoff(redacted.text);
  for (let r = 0; r < rounds; r++) {
    // Alternate which goes first, so a slow stretch of the machine falls on both alike.
    if (r % 2 === 0) {
      result.prepare.push(await batch(calls, () => prepareIssue(text, PREPARE_OPTIONS)));
      result.floor.push(await batch(calls, () => floor(text)));
    } else {
      result.floor.push(await batch(calls, () => floor(text)));
      result.prepare.push(await batch(calls, () => prepareIssue(text, PREPARE_OPTIONS)));
    }
    result.redact.push(await batch(calls, () => redact(text)));
    result.parse.push(await batch(calls, async () => parseHandoff(redacted.text)));
    result.render.push(
      await batch(calls, async () =>
        renderIssue(document, {
          source: PREPARE_OPTIONS.source,
          author: PREPARE_OPTIONS.author,
          redactions: redacted.report,
          hash: contentHash(redacted.text),
        }),
      ),
    );
  }
  process.stdout.write(JSON.stringify(result));
}

await main();
