// Recall on the red-team corpus and false positives on the real-code corpus, for handoff's redaction and for
// secretlint's recommended preset alone (as a user would run it: the preset, default options). Shared by
// test/redact-false-positives.test.ts (which holds the budget) and scripts/redaction-quality.ts (which writes the
// table in docs/security.md).
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { lintSource } from "@secretlint/core";
import { creator as recommendedPreset } from "@secretlint/secretlint-rule-preset-recommend";
import { redact } from "../../src/core/redact/index.js";
import { leakedParts, type RedTeamCase } from "../fixtures/redteam/secrets/load.js";

export const REAL_CODE_DIR = fileURLToPath(new URL("../fixtures/real-code/", import.meta.url));

/** One file of the real-code corpus (stored as `<name>.txt` so neither tsc nor ESLint reads it as code). */
export interface CorpusFile {
  path: string;
  text: string;
  lines: number;
  /** A TypeScript declaration file: every line is a type annotation or a comment. */
  declarations: boolean;
}

export function realCodeCorpus(): CorpusFile[] {
  return readdirSync(REAL_CODE_DIR, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".txt"))
    .map((e) => join(e.parentPath, e.name))
    .sort()
    .map((file) => {
      const text = readFileSync(file, "utf8");
      const path = relative(REAL_CODE_DIR, file).split("\\").join("/");
      return { path, text, lines: text.split("\n").length, declarations: /\.d\.[cm]?ts\.txt$/.test(path) };
    });
}

/** A changed line: what redaction did to real code. */
export interface FalsePositive {
  path: string;
  line: number;
  before: string;
  after: string;
}

/** handoff's redaction over one file: every changed line is a false positive (the corpus holds no secrets). */
export async function ourFalsePositives(file: CorpusFile): Promise<{ count: number; lines: FalsePositive[] }> {
  const { text, report } = await redact(file.text);
  const before = file.text.split("\n");
  const after = text.split("\n");
  const lines = before.flatMap((line, i) =>
    line === after[i] ? [] : [{ path: file.path, line: i + 1, before: line, after: after[i] ?? "" }],
  );
  return { count: report.total, lines };
}

const presetConfig = { rules: [{ id: "@secretlint/secretlint-rule-preset-recommend", rule: recommendedPreset }] };

async function secretlintRanges(text: string): Promise<[number, number][]> {
  const result = await lintSource({
    source: { content: text, filePath: "doc.md", contentType: "text" },
    options: { config: presetConfig, noPhysicFilePath: true },
  });
  return result.messages.map((m) => [m.range[0], m.range[1]]);
}

export async function secretlintFalsePositives(file: CorpusFile): Promise<number> {
  return (await secretlintRanges(file.text)).length;
}

function mask(text: string, ranges: readonly [number, number][]): string {
  let out = text;
  for (const [s, e] of [...ranges].sort((a, b) => b[0] - a[0]))
    out = `${out.slice(0, s)}[redacted: secret]${out.slice(e)}`;
  return out;
}

/** Whether a tool handles one red-team case: every secret gone (redact cases), or the text unchanged (keep cases). */
export async function caughtByUs(c: RedTeamCase): Promise<boolean> {
  const { text } = await redact(c.text);
  return c.expect === "keep" ? text === c.text : leakedParts(c.text, text, c.secrets).length === 0;
}

export async function caughtBySecretlint(c: RedTeamCase): Promise<boolean> {
  const ranges = await secretlintRanges(c.text);
  return c.expect === "keep" ? ranges.length === 0 : leakedParts(c.text, mask(c.text, ranges), c.secrets).length === 0;
}
