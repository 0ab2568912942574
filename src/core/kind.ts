// Over 250 lines: one idea, how the signs of a return add up to a document's kind, with the readers of each sign.
// A document's kind from evidence. A return (child to parent: here is what happened) says so in its frontmatter, or
// shows it: a title that announces a return or a completion report, a verdict line (`VERDICT: PASS`), a report
// addressed back to the orchestrator. One strong sign is enough; weaker signs need company. A brief that asks for a
// report back (`## Report back`, `## Return handoff`) is a handoff however much it talks about the return.
import { classifyHeading } from "./headings/classify.js";
import { cleanHeading } from "./headings/clean.js";
import { normaliseHeading } from "./headings/normalise.js";
import type { Guarded } from "./guarded.js";
import type { Block } from "./markdown.js";
import type { HandoffKind, Section } from "./types.js";
import { FINISHED, KIND_PATTERNS, KIND_SIGNS, OUTCOMES, TRACKER_STATES } from "./kind-signs.js";

export { KIND_PATTERNS } from "./kind-signs.js";
import { TITLE_SIGNS, plainText } from "./title.js";

export interface KindInput {
  frontmatterKind?: HandoffKind | undefined;
  /** The frontmatter `status`, lower-cased (`en_validacion`, `done`). */
  frontmatterStatus?: string | undefined;
  /** Unknown frontmatter keys, as read (`verdict: PASS` is one). */
  extra: Record<string, unknown>;
  metadata: Record<string, string>;
  title: string;
  blocks: readonly Block[];
  sections: readonly Section[];
}

export interface KindRead {
  kind: HandoffKind;
  reason: string;
}

/** The kind, and the evidence for it in a sentence `preview` can show. */
export function readKind(input: KindInput): KindRead {
  if (input.frontmatterKind)
    return { kind: input.frontmatterKind, reason: `frontmatter \`kind: ${input.frontmatterKind}\`` };
  const metaKind = input.metadata.kind ?? input.metadata.type;
  if (metaKind !== undefined && KIND_SIGNS.metaReturn.test(plainText(metaKind)))
    return { kind: "return", reason: "metadata line `Kind: return`" };
  if (metaKind !== undefined && KIND_SIGNS.metaHandoff.test(plainText(metaKind)))
    return { kind: "handoff", reason: "metadata line `Kind: handoff`" };
  // Titles are compared without accents: `Revisión completa` is a `revision … completa`.
  const title = withoutAccents(plainText(input.title));
  const firstHeading = input.blocks.find((b) => b.kind === "heading" && b.depth === 0);
  if (
    TITLE_SIGNS.returnTitle.test(title) ||
    (firstHeading && TITLE_SIGNS.returnTitle.test(plainText(firstHeading.content)))
  ) {
    return { kind: "return", reason: "the title announces a return" };
  }
  if (KIND_SIGNS.returnToTitle.test(title)) return { kind: "return", reason: "the title announces a return" };
  if (KIND_SIGNS.completionTitle.test(title)) return { kind: "return", reason: "the title names a completion report" };
  if (KIND_SIGNS.addressedReportTitle.test(title))
    return { kind: "return", reason: "the title addresses a report to someone" };
  if (Object.keys(input.extra).some((k) => k.toLowerCase() === "verdict"))
    return { kind: "return", reason: "frontmatter `verdict`" };
  const addressee = addressedTo(input.extra);
  if (addressee) return { kind: "return", reason: `addressed back to \`${addressee}\`` };
  const verdict = findLine(input.blocks, KIND_SIGNS.verdictLine);
  if (verdict !== null) return { kind: "return", reason: `a verdict line (\`${verdict}\`)` };

  const signs: string[] = [];
  if (KIND_SIGNS.reportTitle.test(title)) signs.push("the title names a report");
  else if (KIND_SIGNS.reviewTitle.test(title)) signs.push("the title names a review");
  if (KIND_SIGNS.finishedTitle.test(title)) signs.push("the title says the work is finished");
  if (KIND_SIGNS.taskTitle.test(plainText(input.title))) signs.push("the title names an assigned task");
  const opening = input.blocks.find((b) => b.kind === "paragraph" && b.depth === 0);
  const openingText = opening ? plainText(opening.content) : "";
  if (KIND_SIGNS.finishedOpening.test(openingText) || KIND_SIGNS.finishedOpeningCjk.test(openingText))
    signs.push("the opening reports finished work");
  if (
    (title.toLowerCase().endsWith("summary") && KIND_SIGNS.planWord.test(title)) ||
    KIND_SIGNS.planSummary.test(title)
  )
    signs.push("the title summarises an executed plan");
  const status =
    (input.frontmatterStatus === undefined ? null : finishedWord(input.frontmatterStatus, TRACKER_STATES)) ??
    finishedStatus(input.metadata) ??
    finishedStatusLine(input.blocks) ??
    finishedStatusSection(input.sections);
  if (status) signs.push(`status \`${status}\``);
  const outcome = findOutcome(input.blocks);
  if (outcome !== null) signs.push(`an outcome line (\`${outcome}\`)`);
  const headings = input.sections.map((s) => s.heading).filter((h) => h !== "");
  // Each heading keyed once: two questions below ask for its key, and a document repeats headings.
  const keys = new Map<string, string>();
  const keyOf = (h: string): string => keys.get(h) ?? keys.set(h, plainKey(h)).get(h)!;
  // Deeper headings too: a report's `### Files modified` often sits under its `## Work done`. Not under a snapshot of
  // the current state or a plan, where a handoff lists the files its session left changed.
  const allHeadings = [...headings, ...input.sections.filter(reportsWork).flatMap((s) => subheadings(s.text))];
  const reportHeading = headings.find((h) => KIND_SIGNS.completionTitle.test(h));
  if (reportHeading && !KIND_SIGNS.completionTitle.test(title)) signs.push(`a \`${reportHeading}\` section`);
  const addressed = headings.find((h) => KIND_SIGNS.addressedBack.test(h) || KIND_SIGNS.arrowBack.test(h));
  if (addressed) signs.push(`a section addressed back (\`${addressed}\`)`);
  const deviations = headings.find((h) => KIND_SIGNS.deviations.test(withoutAccents(h)));
  if (deviations) signs.push(`a \`${deviations}\` section`);
  // What was done, unqualified, is a report's account unless the document calls itself a handoff: a handoff recounts
  // its session (`Handoff 010 — …` / `## What I did`) for whoever comes next.
  const changes =
    allHeadings.find((h) => KIND_SIGNS.changesHeading.test(withoutAccents(h).toLowerCase().trim())) ??
    (KIND_SIGNS.handoffTitle.test(title) ? undefined : headings.find((h) => KIND_SIGNS.doneHeading.test(keyOf(h))));
  if (changes) signs.push(`a \`${changes}\` section`);
  const resolved = headings.find((h) => KIND_SIGNS.resolvedHeading.test(keyOf(h)));
  if (resolved) signs.push(`a \`${resolved}\` section`);
  const commit = headings.find((h) => KIND_SIGNS.commitHeading.test(h));
  if (commit) signs.push(`a \`${commit}\` section`);
  const files = allHeadings.find((h) => KIND_SIGNS.filesHeading.test(withoutAccents(h).toLowerCase()));
  if (files) signs.push(`a \`${files}\` section`);
  const checked =
    input.sections.find((s) => s.canonical === "acceptance" && resultLines(s.text) >= RESULTS_REPORTED)?.heading ??
    input.sections
      .filter(reportsWork)
      .map(checkedSubsection)
      .find((h) => h !== null);
  if (checked) signs.push(`checks reported with their results (\`${checked}\`)`);
  const brief = headings.find((h) => KIND_SIGNS.briefHeading.test(h));
  if (brief) {
    const noted = signs.length > 0 ? ` (${signs.join("; ")} set aside)` : "";
    return { kind: "handoff", reason: `a brief: it asks for a report back in \`${brief}\`${noted}` };
  }
  // A running progress log (`Claude Progress Log`) is kept for whoever comes next, whatever it says was finished.
  if (signs.length >= 2 && KIND_SIGNS.progressTitle.test(title) && !KIND_SIGNS.reportTitle.test(title))
    return { kind: "handoff", reason: `a progress log: the title names progress (${signs.join("; ")} set aside)` };
  if (signs.length >= 2) return { kind: "return", reason: signs.join("; ") };
  if (signs.length === 1) return { kind: "handoff", reason: `one sign of a return is not enough (${signs[0]})` };
  return { kind: "handoff", reason: "no sign of a return (no `kind: return`, return title, verdict or report back)" };
}

/**
 * Results that make a verification section a report of checks run, not a plan of checks to run (`AC4: gate green`):
 * one sure result line (`68 passed`), or two lines with a result word.
 */
const RESULTS_REPORTED = 2;

/** Sections whose deeper headings can report the work: not a state snapshot or a plan of what comes next. */
function reportsWork(section: Section): boolean {
  return section.canonical !== "context" && section.canonical !== "next-steps";
}

/** The ATX headings inside a section's text (outside code fences), as plain text. */
function subheadings(text: string): string[] {
  const found: string[] = [];
  let fenced = false;
  for (const line of text.split("\n", 2_000)) {
    if (KIND_SIGNS.fence.test(line)) fenced = !fenced;
    else if (!fenced && KIND_SIGNS.atxHeading.test(line)) found.push(plainText(line));
  }
  return found.filter((h) => h !== "");
}

/** A deeper verification heading (`### 動作確認` inside `## 作業内容`) whose text reports checks as run. */
function checkedSubsection(section: Section): string | null {
  let heading: string | null = null;
  let body: string[] = [];
  let fenced = false;
  for (const line of section.text.split("\n", 2_000)) {
    if (KIND_SIGNS.fence.test(line)) fenced = !fenced;
    if (fenced || !KIND_SIGNS.atxHeading.test(line)) {
      body.push(line);
      continue;
    }
    if (heading !== null && resultLines(body.join("\n")) >= RESULTS_REPORTED) return heading;
    const text = plainText(line);
    heading = classifyHeading(cleanHeading(text)).canonical === "acceptance" ? text : null;
    body = [];
  }
  // The section's end closes the last subsection, unless a fence is still open.
  return !fenced && heading !== null && resultLines(body.join("\n")) >= RESULTS_REPORTED ? heading : null;
}

function resultLines(text: string): number {
  let weight = 0;
  for (const line of withoutAccents(text).split("\n", 400)) {
    if (KIND_SIGNS.sureResult.test(line)) weight += 2;
    else if (KIND_SIGNS.result.test(line)) weight += 1;
  }
  return weight;
}

/** A heading as the classifier reads it: lower case, without accents, markdown, punctuation or a parenthetical. */
function plainKey(heading: string): string {
  return normaliseHeading(cleanHeading(heading)).key;
}

/** Text without Latin accents; ASCII, which has none and is its own normal form, as it is. */
export function withoutAccents(text: string): string {
  return KIND_PATTERNS.nonAscii.test(text) ? withoutAccentsByRules(text) : text;
}

export function withoutAccentsByRules(text: string): string {
  return text.normalize("NFD").replace(KIND_PATTERNS.latinMarks, "").normalize("NFC");
}

/** The `to`/`para` of a frontmatter, when it names a parent role (`para: principal`, `to: orchestrator`). */
function addressedTo(extra: Record<string, unknown>): string | null {
  for (const [key, value] of Object.entries(extra)) {
    if (typeof value !== "string" || !KIND_SIGNS.addresseeKeys.test(key)) continue;
    if (KIND_SIGNS.parentRole.test(value)) return `${key}: ${value}`;
  }
  return null;
}

/** A `Status: done` line anywhere at the top level (reports often end with one), besides the metadata zone's. */
function finishedStatusLine(blocks: readonly Block[]): string | null {
  for (const block of blocks) {
    // Top-level paragraphs only: a `- Status: done` in a list is one item's status, not the document's.
    if (block.kind !== "paragraph" || block.depth !== 0) continue;
    for (const line of block.content.split("\n", 20)) {
      const text = line.trim();
      const colon = text.search(KIND_PATTERNS.colon);
      if (colon === -1 || !KIND_SIGNS.statusLine.test(text)) continue;
      const value = finishedWord(text.slice(colon + 1));
      if (value) return value;
    }
  }
  return null;
}

/** A section named for the state of the work (`## Statut`, `## 完成情况`) whose first line says it finished. */
function finishedStatusSection(sections: readonly Section[]): string | null {
  for (const section of sections) {
    if (!KIND_SIGNS.statusHeading.test(plainText(section.heading).trim())) continue;
    const first = section.text.split("\n").find((line) => line.trim() !== "" && !line.trimStart().startsWith("#"));
    const value = first === undefined ? null : finishedWord(first);
    if (value) return value;
  }
  return null;
}

function finishedStatus(metadata: Record<string, string>): string | null {
  const value = metadata.status ?? metadata.statut ?? metadata.estado ?? metadata.stato ?? metadata.state;
  return value === undefined ? null : finishedWord(value);
}

/** The value, when its first words say the work finished (`✅ Terminé`, `implemented (…)`, `DONE`). */
function finishedWord(value: string, except: ReadonlySet<string> = new Set()): string | null {
  const words = plainText(value)
    .normalize("NFD")
    .replace(KIND_PATTERNS.latinMarks, "")
    .toLowerCase()
    .split(KIND_PATTERNS.nonWord)
    .filter((w) => w !== "");
  const finished =
    words.slice(0, 3).some((w) => FINISHED.has(w) && !except.has(w)) || KIND_SIGNS.finishedCjk.test(value.slice(0, 12));
  return finished ? plainText(value).slice(0, 60) : null;
}

/** The first `Label: value` line whose label names an outcome and whose value opens with a finished word. */
function findOutcome(blocks: readonly Block[]): string | null {
  for (const block of blocks) {
    if (block.kind !== "paragraph" && block.kind !== "heading") continue;
    for (const line of block.content.split("\n", 200)) {
      // plainText only removes characters: a line without a colon cannot gain one.
      if (!KIND_SIGNS.colon.test(line)) continue;
      const text = plainText(line);
      const colon = text.search(KIND_PATTERNS.colon);
      if (colon <= 0 || colon > 40 || !KIND_SIGNS.outcomeLabel.test(text.slice(0, colon).trim())) continue;
      const words = text
        .slice(colon + 1)
        .toLowerCase()
        .split(KIND_PATTERNS.nonWord)
        .filter((w) => w !== "" && w !== "already");
      if (words[0] !== undefined && (OUTCOMES.has(words[0]) || FINISHED.has(words[0]))) return text.slice(0, 80);
    }
  }
  return null;
}

/** The first line of a paragraph or heading (outside code) that matches, trimmed for display; null when none does. */
function findLine(blocks: readonly Block[], pattern: Guarded): string | null {
  for (const block of blocks) {
    if (block.kind !== "paragraph" && block.kind !== "heading") continue;
    for (const line of block.content.split("\n", 200)) {
      const text = line.trim();
      if (pattern.test(text)) return plainText(text).slice(0, 80);
    }
  }
  return null;
}
