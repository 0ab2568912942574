// Over 250 lines: one idea, a document's kind from evidence: each sign's pattern, and how the signs add up.
// A document's kind from evidence. A return (child to parent: here is what happened) says so in its frontmatter, or
// shows it: a title that announces a return or a completion report, a verdict line (`VERDICT: PASS`), a report
// addressed back to the orchestrator. One strong sign is enough; weaker signs need company. A brief that asks for a
// report back (`## Report back`, `## Return handoff`) is a handoff however much it talks about the return.
import { classifyHeading } from "./headings/classify.js";
import { cleanHeading } from "./headings/clean.js";
import type { Block } from "./markdown.js";
import type { HandoffKind, Section } from "./types.js";
import { TITLE_PATTERNS, plainText } from "./title.js";

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

export const KIND_PATTERNS = {
  // `VERDICT: PASS`, `**Verdict:** FAIL`, `- Verdict: APPROVED` at the start of a line.
  verdictLine: /^(?:[-*+>]\s{1,4})?\**\s{0,2}verdict\s{0,2}\**\s{0,2}[:：]/i,
  // `Self-Check: PASSED`, `Result: FAIL`, `Outcome: already done`: an outcome line (its label; the value is read by hand).
  outcomeLabel: /^(?:self[- ]check|results?|outcome|overall result|decision|review decision|assessment)$/i,
  reportTitle:
    /\b(?:report|rapport|informe|relatorio|bericht|verslag|rapporto|evidence)\b|報告|报告|보고|证据|レポート|리포트|(?:创建|实现|实施|开发|修复|重构|迁移|工作|任务)总结/i,
  // `Task 6 - …`, `BACKLOG-252`, `作業指示書`: the title names an assigned task or ticket.
  taskTitle:
    /\b(?:[Tt]ask|TASK|[Tt]icket|TICKET|[Ii]ssue)[\s_]{0,2}#?\d|\b[A-Z][A-Z0-9]{1,15}-\d{1,6}\b|작업지시서|作業指示書|工单|任务单/,
  // `## Summary of changes`, `## Durchgeführte Änderungen`, `## 작업 결과`: a section reporting what the work changed or
  // produced, in words that say it was done (read lower-cased, without accents).
  changesHeading:
    /^(?:summary of changes|change summary|changes made|work results?|performed work|resumen de cambios|riepilogo modifiche|zusammenfassung der (?:a|ae)nderungen)$|^(?:작업 결과|수행 작업|作業結果|実施結果|工作结果|执行结果)$|수행 내용|実施内容|执行内容|^(?:changes (?:implemented|performed|applied)|implemented changes|work (?:performed|carried out)|implementation summary|(?:durchgefuhrte|umgesetzte|vorgenommene) (?:a|ae)nderungen|(?:durchgefuhrte|erledigte) arbeiten|travail realise|travaux realises|(?:modifications|changements) (?:apporte|effectue|realise)e?s|cambios (?:realizados|implementados|aplicados)|trabajo realizado|(?:alteracoes|mudancas) (?:realizadas|implementadas|feitas)|trabalho realizado|modifiche (?:apportate|effettuate|implementate)|lavoro svolto|(?:uitgevoerde|doorgevoerde) (?:wijzigingen|werkzaamheden))\b/,
  // `## Commit message`, `## PR description`: the work handed back with the message to land it under.
  commitHeading:
    /^(?:(?:proposed|suggested) )?(?:commit message|pr description|pull request description)|커밋 메시지|コミットメッセージ|提交信息/i,
  // `Review findings (reviewer → main)`: a section whose arrow points back at the parent.
  arrowBack:
    /[→⇒]\s{0,3}(?:the\s)?(?:parent|orchestrator|lead|coordinator|main|caller|supervisor|メイン|オーケストレーター|親|主管|主代理|오케스트레이터|메인)/i,
  // `## Files modified`, `## Fichiers créés`, `## 改动清单`: a section listing the files the work changed.
  filesHeading:
    /^(?:(?:modified|changed|created|new|touched) files?|files? (?:modified|changed|created|touched)|fichiers (?:modifies|crees)|archivos (?:modificados|creados)|arquivos (?:modificados|criados)|(?:geanderte|geaenderte|neue) dateien|file modificati|gewijzigde bestanden)\b|^(?:变更文件|修改文件|改动清单|改动文件|変更ファイル|変更したファイル|변경 파일|변경된 파일|수정 파일|수정된 파일)/i,
  // A line reporting a check's result: `cargo test → 68 passed`, `已通过` (a sure one), `58/58 Tests grün`, `통과`.
  sureResult:
    /\b(?:passed|\d+ pass(?:ed)?|0 fail(?:ed|ures)?|zero errors|compiles cleanly|0 (?:fehlgeschlagene?n?|fehler|echecs?|errores|fallid[oa]s|falhas|fallit[ie]|mislukt))\b|(?<![\d/])(\d+)\/\1(?![\d/])|已通过|通过了|通過した|합격/i,
  result:
    /\b(?:passes|passent|pasan|passam|passano|slagen|green|grun|gruen|verde|vert|groen|ok)\b|通过|通過|全绿|통과|合格|✅/i,
  // `Revisión completa`, `Test audit`, `Validation — Issue #53`: the title names a review of finished work.
  reviewTitle:
    /\b(?:review|revision|revisao|audit|validation|verification|uberprufung|recensione|verifica)\b|レビュー|审查|评审|검토/i,
  // `PHASE 1: CSS CONSOLIDATION - COMPLETE ✅`: the title says the work is finished.
  finishedTitle:
    /(?:^|[\s:—–-])(?:complete|completed|completa|completo|completato|done|finished|termine|terminee|concluido|concluida|abgeschlossen|afgerond|voltooid)\b(?![\s\w]{0,3}\w)|完了$|完成$|완료$/i,
  // A status line in the body: `状态：implemented`, `Statut : terminé`, `Status: done`.
  colon: /[:：]/,
  statusLine:
    /^(?:[-*+>]\s{1,4})?\**\s{0,2}(?:status|state|statut|estado|stato|zustand|状态|状態|ステータス|상태)\s{0,2}\**\s{0,2}[:：]/i,
  // `The wizard has completed …`, `I have implemented …`, `Built by … from the spec`: an opening reporting finished work.
  finishedOpening:
    /^(?:(?:the|this|i|we)\b[^.\n]{0,60}\b(?:has|have|had|was|were)\s(?:now\s)?(?:completed|finished|implemented|delivered)\b|(?:built|implemented|delivered|completed)\s(?:by|from)\s)/i,
  // `Informe para el Consejo`, `Report to the lead`, `Bericht an …`: the title hands a report to someone.
  addressedReportTitle:
    /\b(?:report|informe|rapport|bericht|relatorio|rapporto|verslag)\s(?:to|for|para|pour|an|fur|aan|al|per)\b/i,
  // The same in Korean, Japanese and Chinese: a first sentence ending in a past declarative (`확인했다.`, `完了しました。`).
  finishedOpeningCjk: /^[^.。\n]{1,200}(?:했다|하였다|했습니다|しました|完了した|已完成|已修复|已实现)[.。]/,
  // Finished, in scripts without spaces between words (`部分完了`, `已完成`, `전환 완료`).
  finishedCjk: /完了|完成|완료/,
  addresseeKeys: /^(?:to|para|an|a|naar|destinataire|recipient|addressee|宛先|收件人)$/i,
  parentRole:
    /\b(?:parent|orchestrator|principal|lead|coordinator|manager|architect|main|caller|supervisor|tech-lead)\b|オーケストレーター|主管/i,
  completionTitle:
    /\b(?:completion|final|task|subagent|sub-agent|worker) report\b|rapport (?:final|de fin)|(?:abschluss|schluss)bericht|eindrapport|eindverslag|informe final|relazione finale|relatorio final|完了報告|作業報告|完成报告|完成总结|任务报告|완료 보고|작업 보고/i,
  planWord: /\b(?:plan|phase|task|step|ticket)\b/i,
  addressedBack:
    /\b(?:report|return|reporting|handing)\s(?:back\s)?to\s(?:the\s)?(?:orchestrator|parent|lead|coordinator|manager|architect|caller)\b/i,
  returnToTitle: /^return(?:ing)?\s{1,10}(?:handoff\s{1,10})?(?:to|for)\s/i,
  metaReturn: /^\s{0,4}\**\s{0,2}return/i,
  metaHandoff: /^\s{0,4}\**\s{0,2}handoff/i,
  // `Deviations from plan`, `Abweichungen vom Plan`, `Écarts par rapport au plan` (read without accents).
  deviations:
    /^(?:deviations?\s(?:from\s)?(?:the\s)?plan|abweichungen (?:vom|zum) plan|ecarts? (?:par rapport )?au plan|desviaciones (?:del|respecto al) plan|desvios (?:do|em relacao ao) plano|deviazioni (?:dal|rispetto al) piano|afwijkingen (?:van|ten opzichte van) het plan)/i,
  // `## Status` / `## 完成情况` opening with `COMPLETED`: a section whose heading names the state of the work.
  statusHeading:
    /^(?:(?:mission|task|project|overall|final)\s)?(?:status|state|statut|estado|stato|zustand)$|^(?:状态|状態|ステータス|상태|完成情况|项目状态|完了状況|진행 상태)$/i,
  // `## Ce qui a été fait`, `## 実施したこと`: what was done, unqualified (a session handoff says `… this session`).
  doneHeading:
    /^(?:what (?:was|has been|i|we) (?:done|did)|what i did|what we did|ce qui a ete fait|lo que se hizo|o que foi feito|was wurde gemacht|was gemacht wurde|wat is er gedaan|cosa e stato fatto|lavoro svolto)$|^(?:実施したこと|やったこと|作業したこと|수행한 작업|한 일|完成的工作|已完成的工作)$/,
  // `Handoff 010 — …`, `Session Handoff`, `Passation — …`, `引き継ぎ書`: the document calls itself a handoff.
  handoffTitle:
    /\b(?:handoff|hand-off|handover|ubergabe|uebergabe|passation|overdracht|traspaso|passagem|passaggio)\b|引き継ぎ|引継ぎ|交接|인수인계|인계/i,
  // `## Problème résolu`, `## Fixed`: a section that reports a problem solved.
  resolvedHeading:
    /^(?:(?:problem|issue|bug)s? (?:solved|resolved|fixed)|probleme resolu|problema resuelto|problema resolvido|problema risolto|problem behoben|probleem opgelost|fixed|resolved)$|^(?:解決済み|已修复|已解决|해결됨|문제 해결됨)$/,
  // `Claude Progress Log`, `Progresso — WTK-14`, `Journal de Progression`: a running log kept for the next session.
  progressTitle:
    /\b(?:progress|progresso|progreso|progression|fortschritt|voortgang|avanzamento)\b|進捗|进度|진행 상황/i,
  latinMarks: /[\u0300-\u036f]/g,
  nonWordEnds: /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu,
  fence: /^\s{0,3}(?:```|~~~)/,
  atxHeading: /^\s{0,3}#{1,6}\s/,
  nonWord: /[^\p{L}\p{N}]+/u,
  briefHeading:
    /^(?:report back|return handoff|return format|report format|what to report|reporting)\b|報告に含め|보고.{0,6}포함/i,
} as const;

// `Decision: CHANGES REQUESTED` and `Decision: APPROVED` are a review's outcome; `Decision: use Postgres` is not.
const OUTCOMES = new Set([
  "pass",
  "passed",
  "fail",
  "failed",
  "blocked",
  "ok",
  "approved",
  "rejected",
  "changes",
  "lgtm",
]);

const FINISHED = new Set([
  "done",
  "complete",
  "completed",
  "finished",
  "blocked",
  "partial",
  "failed",
  "pass",
  "passed",
  "termine",
  "terminee",
  "fini",
  "completado",
  "terminado",
  "concluido",
  "concluida",
  "completato",
  "completo",
  "completa",
  "finalizado",
  "finalizada",
  "fertig",
  "klaar",
  "abgeschlossen",
  "erledigt",
  "afgerond",
  "voltooid",
  "implemented",
  "merged",
  "shipped",
  "delivered",
  "完了",
  "完成",
  "已完成",
  "완료",
  // Handed back for review: the work is finished as far as its author goes (`status: EN_VALIDACION`).
  "review",
  "validacion",
  "validacao",
  "validation",
  "revision",
]);

/** The kind, and the evidence for it in a sentence `preview` can show. */
export function readKind(input: KindInput): KindRead {
  if (input.frontmatterKind)
    return { kind: input.frontmatterKind, reason: `frontmatter \`kind: ${input.frontmatterKind}\`` };
  const metaKind = input.metadata.kind ?? input.metadata.type;
  if (metaKind !== undefined && KIND_PATTERNS.metaReturn.test(plainText(metaKind)))
    return { kind: "return", reason: "metadata line `Kind: return`" };
  if (metaKind !== undefined && KIND_PATTERNS.metaHandoff.test(plainText(metaKind)))
    return { kind: "handoff", reason: "metadata line `Kind: handoff`" };
  // Titles are compared without accents: `Revisión completa` is a `revision … completa`.
  const title = plainText(input.title).normalize("NFD").replace(KIND_PATTERNS.latinMarks, "").normalize("NFC");
  const firstHeading = input.blocks.find((b) => b.kind === "heading" && b.depth === 0);
  if (
    TITLE_PATTERNS.returnTitle.test(title) ||
    (firstHeading && TITLE_PATTERNS.returnTitle.test(plainText(firstHeading.content)))
  ) {
    return { kind: "return", reason: "the title announces a return" };
  }
  if (KIND_PATTERNS.returnToTitle.test(title)) return { kind: "return", reason: "the title announces a return" };
  if (KIND_PATTERNS.completionTitle.test(title))
    return { kind: "return", reason: "the title names a completion report" };
  if (KIND_PATTERNS.addressedReportTitle.test(title))
    return { kind: "return", reason: "the title addresses a report to someone" };
  if (Object.keys(input.extra).some((k) => k.toLowerCase() === "verdict"))
    return { kind: "return", reason: "frontmatter `verdict`" };
  const addressee = addressedTo(input.extra);
  if (addressee) return { kind: "return", reason: `addressed back to \`${addressee}\`` };
  const verdict = findLine(input.blocks, KIND_PATTERNS.verdictLine);
  if (verdict !== null) return { kind: "return", reason: `a verdict line (\`${verdict}\`)` };

  const signs: string[] = [];
  if (KIND_PATTERNS.reportTitle.test(title)) signs.push("the title names a report");
  else if (KIND_PATTERNS.reviewTitle.test(title)) signs.push("the title names a review");
  if (KIND_PATTERNS.finishedTitle.test(title)) signs.push("the title says the work is finished");
  if (KIND_PATTERNS.taskTitle.test(plainText(input.title))) signs.push("the title names an assigned task");
  const opening = input.blocks.find((b) => b.kind === "paragraph" && b.depth === 0);
  const openingText = opening ? plainText(opening.content) : "";
  if (KIND_PATTERNS.finishedOpening.test(openingText) || KIND_PATTERNS.finishedOpeningCjk.test(openingText))
    signs.push("the opening reports finished work");
  if (title.toLowerCase().endsWith("summary") && KIND_PATTERNS.planWord.test(title))
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
  // Deeper headings too: a report's `### Files modified` often sits under its `## Work done`. Not under a snapshot of
  // the current state or a plan, where a handoff lists the files its session left changed.
  const allHeadings = [...headings, ...input.sections.filter(reportsWork).flatMap((s) => subheadings(s.text))];
  const reportHeading = headings.find((h) => KIND_PATTERNS.completionTitle.test(h));
  if (reportHeading && !KIND_PATTERNS.completionTitle.test(title)) signs.push(`a \`${reportHeading}\` section`);
  const addressed = headings.find((h) => KIND_PATTERNS.addressedBack.test(h) || KIND_PATTERNS.arrowBack.test(h));
  if (addressed) signs.push(`a section addressed back (\`${addressed}\`)`);
  const deviations = headings.find((h) => KIND_PATTERNS.deviations.test(withoutAccents(h)));
  if (deviations) signs.push(`a \`${deviations}\` section`);
  // What was done, unqualified, is a report's account unless the document calls itself a handoff: a handoff recounts
  // its session (`Handoff 010 — …` / `## What I did`) for whoever comes next.
  const changes =
    allHeadings.find((h) => KIND_PATTERNS.changesHeading.test(withoutAccents(h).toLowerCase().trim())) ??
    (KIND_PATTERNS.handoffTitle.test(title)
      ? undefined
      : headings.find((h) => KIND_PATTERNS.doneHeading.test(plainKey(h))));
  if (changes) signs.push(`a \`${changes}\` section`);
  const resolved = headings.find((h) => KIND_PATTERNS.resolvedHeading.test(plainKey(h)));
  if (resolved) signs.push(`a \`${resolved}\` section`);
  const commit = headings.find((h) => KIND_PATTERNS.commitHeading.test(h));
  if (commit) signs.push(`a \`${commit}\` section`);
  const files = allHeadings.find((h) => KIND_PATTERNS.filesHeading.test(withoutAccents(h).toLowerCase()));
  if (files) signs.push(`a \`${files}\` section`);
  const checked =
    input.sections.find((s) => s.canonical === "acceptance" && resultLines(s.text) >= RESULTS_REPORTED)?.heading ??
    input.sections
      .filter(reportsWork)
      .map(checkedSubsection)
      .find((h) => h !== null);
  if (checked) signs.push(`checks reported with their results (\`${checked}\`)`);
  const brief = headings.find((h) => KIND_PATTERNS.briefHeading.test(h));
  if (brief) {
    const noted = signs.length > 0 ? ` (${signs.join("; ")} set aside)` : "";
    return { kind: "handoff", reason: `a brief: it asks for a report back in \`${brief}\`${noted}` };
  }
  // A running progress log (`Claude Progress Log`) is kept for whoever comes next, whatever it says was finished.
  if (signs.length >= 2 && KIND_PATTERNS.progressTitle.test(title) && !KIND_PATTERNS.reportTitle.test(title))
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
    if (KIND_PATTERNS.fence.test(line)) fenced = !fenced;
    else if (!fenced && KIND_PATTERNS.atxHeading.test(line)) found.push(plainText(line));
  }
  return found.filter((h) => h !== "");
}

/** A deeper verification heading (`### 動作確認` inside `## 作業内容`) whose text reports checks as run. */
function checkedSubsection(section: Section): string | null {
  let heading: string | null = null;
  let body: string[] = [];
  let fenced = false;
  const lines = [...section.text.split("\n", 2_000), "# end"];
  for (const line of lines) {
    if (KIND_PATTERNS.fence.test(line)) fenced = !fenced;
    if (fenced || !KIND_PATTERNS.atxHeading.test(line)) {
      body.push(line);
      continue;
    }
    if (heading !== null && resultLines(body.join("\n")) >= RESULTS_REPORTED) return heading;
    const text = plainText(line);
    heading = classifyHeading(cleanHeading(text)).canonical === "acceptance" ? text : null;
    body = [];
  }
  return null;
}

function resultLines(text: string): number {
  let weight = 0;
  for (const line of withoutAccents(text).split("\n", 400)) {
    if (KIND_PATTERNS.sureResult.test(line)) weight += 2;
    else if (KIND_PATTERNS.result.test(line)) weight += 1;
  }
  return weight;
}

/** A heading as the section patterns read it: plain text, lower case, without accents, markdown or end punctuation. */
function plainKey(heading: string): string {
  return withoutAccents(cleanHeading(heading)).toLowerCase().replace(KIND_PATTERNS.nonWordEnds, "").trim();
}

function withoutAccents(text: string): string {
  return text.normalize("NFD").replace(KIND_PATTERNS.latinMarks, "").normalize("NFC");
}

/** The `to`/`para` of a frontmatter, when it names a parent role (`para: principal`, `to: orchestrator`). */
function addressedTo(extra: Record<string, unknown>): string | null {
  for (const [key, value] of Object.entries(extra)) {
    if (typeof value !== "string" || !KIND_PATTERNS.addresseeKeys.test(key)) continue;
    if (KIND_PATTERNS.parentRole.test(value)) return `${key}: ${value}`;
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
      if (colon === -1 || !KIND_PATTERNS.statusLine.test(text)) continue;
      const value = finishedWord(text.slice(colon + 1));
      if (value) return value;
    }
  }
  return null;
}

/** A section named for the state of the work (`## Statut`, `## 完成情况`) whose first line says it finished. */
function finishedStatusSection(sections: readonly Section[]): string | null {
  for (const section of sections) {
    if (!KIND_PATTERNS.statusHeading.test(plainText(section.heading).trim())) continue;
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

/**
 * States a task tracker's frontmatter gives an open task too (`status: blocked` on an item waiting for a decision):
 * in a frontmatter they do not say the work came back.
 */
const TRACKER_STATES: ReadonlySet<string> = new Set(["blocked", "partial", "failed"]);

/** The value, when its first words say the work finished (`✅ Terminé`, `implemented (…)`, `DONE`). */
function finishedWord(value: string, except: ReadonlySet<string> = new Set()): string | null {
  const words = plainText(value)
    .normalize("NFD")
    .replace(KIND_PATTERNS.latinMarks, "")
    .toLowerCase()
    .split(KIND_PATTERNS.nonWord)
    .filter((w) => w !== "");
  const finished =
    words.slice(0, 3).some((w) => FINISHED.has(w) && !except.has(w)) ||
    KIND_PATTERNS.finishedCjk.test(value.slice(0, 12));
  return finished ? plainText(value).slice(0, 60) : null;
}

/** The first `Label: value` line whose label names an outcome and whose value opens with a finished word. */
function findOutcome(blocks: readonly Block[]): string | null {
  for (const block of blocks) {
    if (block.kind !== "paragraph" && block.kind !== "heading") continue;
    for (const line of block.content.split("\n", 200)) {
      // plainText only removes characters: a line without a colon cannot gain one.
      if (!KIND_PATTERNS.colon.test(line)) continue;
      const text = plainText(line);
      const colon = text.search(KIND_PATTERNS.colon);
      if (colon <= 0 || colon > 40 || !KIND_PATTERNS.outcomeLabel.test(text.slice(0, colon).trim())) continue;
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
function findLine(blocks: readonly Block[], pattern: RegExp): string | null {
  for (const block of blocks) {
    if (block.kind !== "paragraph" && block.kind !== "heading") continue;
    for (const line of block.content.split("\n", 200)) {
      const text = line.trim();
      if (pattern.test(text)) return plainText(text).slice(0, 80);
    }
  }
  return null;
}
