// The report: the same Markdown on stdout and in docs/benchmarks.md. Each section brings its tables, its
// targets (PASS/MISS with the reason for a miss) and its findings; the header names the machine, Node and date.
import { execFileSync } from "node:child_process";
import { cpus, totalmem } from "node:os";

export interface Table {
  caption?: string;
  headers: string[];
  rows: string[][];
}

export interface Target {
  name: string;
  pass: boolean;
  /** Not measured in this run (an optional peer absent, a figure left to CI's log): the detail says why. */
  skipped?: boolean;
  /** What was measured against the target; for a miss, why. */
  detail: string;
}

export const verdict = (target: Target): string => (target.skipped ? "SKIP" : target.pass ? "PASS" : "MISS");

export interface Section {
  id: string;
  title: string;
  /** How it was measured, in a few lines. */
  method: string[];
  tables: Table[];
  targets: Target[];
  /** Waste or slowness the measurements point at, with numbers. */
  findings: string[];
}

export interface Machine {
  cpu: string;
  cores: number;
  memory: string;
  node: string;
  date: string;
  os: string;
}

export function machine(): Machine {
  const list = cpus();
  let os = `${process.platform} ${process.arch}`;
  try {
    os = execFileSync("uname", ["-sr"], { encoding: "utf8" }).trim();
  } catch {
    // uname is not everywhere; the platform is enough.
  }
  return {
    cpu: list[0]?.model.trim() ?? "unknown",
    cores: list.length,
    memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    node: process.version,
    date: new Date().toISOString().slice(0, 10),
    os,
  };
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function markdownTable(table: Table): string {
  const lines = [`| ${table.headers.map(cell).join(" | ")} |`, `| ${table.headers.map(() => "---").join(" | ")} |`];
  for (const row of table.rows) lines.push(`| ${row.map(cell).join(" | ")} |`);
  return [...(table.caption ? [`**${table.caption}**`, ""] : []), ...lines].join("\n");
}

export function renderSection(section: Section): string {
  const parts = [`## ${section.title}`, "", ...section.method, ""];
  for (const table of section.tables) parts.push(markdownTable(table), "");
  if (section.targets.length > 0) {
    parts.push("Targets:", "");
    for (const target of section.targets) parts.push(`- **${verdict(target)}** ${target.name}: ${target.detail}`);
    parts.push("");
  }
  if (section.findings.length > 0) {
    parts.push("Findings:", "");
    for (const finding of section.findings) parts.push(`- ${finding}`);
    parts.push("");
  }
  return parts.join("\n");
}

export function renderReport(
  sections: readonly Section[],
  m: Machine,
  options: { quick: boolean; seconds: number },
): string {
  const targets = sections.flatMap((s) => s.targets.map((t) => [s.title, t.name, verdict(t), t.detail]));
  return [
    "# Benchmarks",
    "",
    "Written by `npm run bench` (bench/run.ts); do not edit by hand. GitHub's API is the scarce resource, so the story is told in",
    "requests and in overhead over the floor; times are medians of several runs, and conclusions rest on ratios, which survive a",
    "noisy machine better than bare times.",
    "",
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memory} memory, ${m.os}. Node ${m.node}. Date ${m.date}.` +
      ` Mode: ${options.quick ? "quick (fewer runs)" : "full"}; took ${options.seconds.toFixed(0)} s.`,
    "",
    markdownTable({ caption: "Targets", headers: ["Section", "Target", "Result", "Measured"], rows: targets }),
    "",
    ...sections.map(renderSection),
  ].join("\n");
}
