// `npm run bench`: every section (or the ones named), a table on stdout, and docs/benchmarks.md.
//   npx tsx bench/run.ts                 every section, full runs
//   npx tsx bench/run.ts --quick         fewer runs (about a minute less), same measurements
//   npx tsx bench/run.ts scaling         one section alone: api-cost, throughput, scaling, startup, tests
// The Action section compares cold start with peter-evans/create-issue-from-file when HANDOFF_BENCH_PEER_CIFF names
// its committed dist/index.js (never part of this repository); without it, that row is skipped and says so.
// No network and no credentials: GitHub is the local fake (test/support/fake-github), the App key is generated.
import { writeFileSync } from "node:fs";
import { apiCost } from "./api-cost.js";
import { machine, renderReport, renderSection, verdict, type Section } from "./report.js";
import { scaling } from "./scaling.js";
import { startup } from "./startup.js";
import { tests } from "./tests.js";
import { throughput } from "./throughput.js";

const SECTIONS = ["api-cost", "throughput", "scaling", "startup", "tests"] as const;
type SectionName = (typeof SECTIONS)[number];

const REPORT = new URL("../docs/benchmarks.md", import.meta.url);

function parseArgs(argv: readonly string[]): { quick: boolean; only: SectionName[] } {
  const quick = argv.includes("--quick");
  const named = argv.filter((a) => !a.startsWith("--"));
  for (const name of named) {
    if (!(SECTIONS as readonly string[]).includes(name))
      throw new Error(`unknown section ${name}; choose from ${SECTIONS.join(", ")}`);
  }
  return { quick, only: named.length > 0 ? (named as SectionName[]) : [...SECTIONS] };
}

/** A section that could not run still shows in the report, as a miss with the error, rather than ending the bench. */
function failedSection(name: SectionName, error: unknown): Section {
  const message = error instanceof Error ? error.message.split("\n").slice(0, 6).join(" ") : String(error);
  process.stderr.write(
    `bench: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return {
    id: name,
    title: `${name} (failed)`,
    method: ["This section could not be measured."],
    tables: [],
    targets: [{ name: `${name} measured`, pass: false, detail: message }],
    findings: [],
  };
}

async function main(): Promise<void> {
  const { quick, only } = parseArgs(process.argv.slice(2));
  const began = performance.now();
  const runners: Record<SectionName, () => Promise<Section>> = {
    "api-cost": () => apiCost(),
    throughput: () => throughput(quick ? { rounds: 3, deliveries: 15 } : { rounds: 7, deliveries: 30 }),
    scaling: () => scaling({ runs: quick ? 3 : 7 }),
    startup: () => startup({ runs: quick ? 3 : 7 }),
    tests: () => tests(),
  };
  const sections: Section[] = [];
  for (const name of only) {
    const start = performance.now();
    process.stderr.write(`bench: ${name}…\n`);
    const section = await runners[name]().catch((error: unknown): Section => failedSection(name, error));
    process.stderr.write(`bench: ${name} took ${((performance.now() - start) / 1000).toFixed(1)} s\n`);
    process.stdout.write(`${renderSection(section)}\n`);
    sections.push(section);
  }
  const report = renderReport(sections, machine(), { quick, seconds: (performance.now() - began) / 1000 });
  // A single section run alone does not overwrite the full report.
  if (only.length === SECTIONS.length) {
    writeFileSync(REPORT, report);
    process.stderr.write(`bench: wrote docs/benchmarks.md\n`);
  }
  const targets = sections.flatMap((s) => s.targets);
  process.stdout.write(`\n${targets.map((t) => `${verdict(t)}  ${t.name}: ${t.detail}`).join("\n")}\n`);
  if (sections.some((s) => s.title.endsWith("(failed)"))) process.exitCode = 1;
}

await main();
