// Measures redaction on the red-team corpus (recall, per family) and on the real-code corpus (false positives), for
// handoff and for secretlint's recommended preset alone, and writes the table into docs/security.md between the
// `redaction-quality` markers. Run: `npx tsx scripts/redaction-quality.ts`.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadCases, loadFamilies } from "../test/fixtures/redteam/secrets/load.js";
import {
  caughtBySecretlint,
  caughtByUs,
  ourFalsePositives,
  realCodeCorpus,
  secretlintFalsePositives,
} from "../test/support/redaction-quality.js";

const DOC = fileURLToPath(new URL("../docs/security.md", import.meta.url));
const START = "<!-- redaction-quality:start -->";
const END = "<!-- redaction-quality:end -->";

const pct = (n: number, d: number): string => `${n}/${d} (${d === 0 ? "—" : Math.round((n * 100) / d)}%)`;

const families = loadFamilies();
const cases = loadCases();
const recall: string[] = [];
let oursAll = 0;
let theirsAll = 0;
for (const family of families) {
  const own = cases.filter((c) => c.family === family.family);
  let ours = 0;
  let theirs = 0;
  for (const c of own) {
    if (await caughtByUs(c)) ours += 1;
    if (await caughtBySecretlint(c)) theirs += 1;
  }
  oursAll += ours;
  theirsAll += theirs;
  const what = family.expect === "keep" ? "left unchanged" : "no secret left";
  recall.push(
    `| ${family.family} | ${family.title} | ${what} | ${pct(ours, own.length)} | ${pct(theirs, own.length)} |`,
  );
}
recall.push(`| **all** | | | **${pct(oursAll, cases.length)}** | **${pct(theirsAll, cases.length)}** |`);

const corpus = realCodeCorpus();
const lines = corpus.reduce((n, f) => n + f.lines, 0);
const declarationLines = corpus.filter((f) => f.declarations).reduce((n, f) => n + f.lines, 0);
let ourLines = 0;
let ourDeclarations = 0;
let ourPersonal = 0;
let theirs = 0;
let theirDeclarations = 0;
for (const file of corpus) {
  const ours = await ourFalsePositives(file);
  ourLines += ours.lines.length;
  ourPersonal += ours.lines.filter((l) => /\[redacted: (?:email|phone|username)\]/.test(l.after)).length;
  if (file.declarations) ourDeclarations += ours.lines.filter((l) => !/^\s*(?:\*|\/\*|\/\/)/.test(l.before)).length;
  const t = await secretlintFalsePositives(file);
  theirs += t;
  if (file.declarations) theirDeclarations += t;
}
const per = (n: number): string => ((n * 1000) / lines).toFixed(3);

const table = [
  START,
  `Measured by \`scripts/redaction-quality.ts\` on ${cases.length} red-team cases (test/fixtures/redteam/secrets/) and ${lines.toLocaleString("en")} lines of real code`,
  `(test/fixtures/real-code/, ${declarationLines.toLocaleString("en")} of them TypeScript declarations). "secretlint" is \`@secretlint/secretlint-rule-preset-recommend\` alone,`,
  "as a user runs it (default options). gitleaks: `apt-cache policy gitleaks` finds no Debian package on this platform, so it is not measured.",
  "",
  "**Recall: cases handled (every secret gone; for `keep`, the text unchanged)**",
  "",
  "| Family | What | Pass means | handoff | secretlint preset |",
  "| --- | --- | --- | --- | --- |",
  ...recall,
  "",
  "**Precision: changes on real code that holds no secret**",
  "",
  "| Measure | handoff | secretlint preset |",
  "| --- | --- | --- |",
  `| lines changed (handoff) / findings (secretlint) | ${ourLines} | ${theirs} |`,
  `| per 1,000 lines (budget: 0.2) | ${per(ourLines)} | ${per(theirs)} |`,
  `| of which personal data in doc comments (\`/Users/<name>\`, an address at example.com), redacted by policy | ${ourPersonal} | — |`,
  `| on type annotations (declaration lines outside comments) | ${ourDeclarations} | ${theirDeclarations} (all lines of declaration files) |`,
  END,
].join("\n");

const doc = readFileSync(DOC, "utf8");
const at = doc.indexOf(START);
const next =
  at === -1
    ? `${doc.trimEnd()}\n\n## 5. Redaction: recall and precision\n\n${table}\n`
    : doc.slice(0, at) + table + doc.slice(doc.indexOf(END) + END.length);
writeFileSync(DOC, next);
console.log(table);
