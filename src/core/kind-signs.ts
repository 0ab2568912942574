// The patterns and words each sign of a return is read by, in the languages seen in public handoff documents; kind.ts
// adds the signs up. Every pattern is checked for catastrophic backtracking (test/patterns-parse.test.ts).
import { guardAll } from "./guarded.js";

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
    /\b(?:passed|\d+ pass(?:ed)?|0 fail(?:ed|ures)?|zero errors|compiles cleanly|succeeded|reussie?s?|0 (?:fehlgeschlagene?n?|fehler|echecs?|errores|fallid[oa]s|falhas|fallit[ie]|mislukt))\b|(?<![\d/])(\d+)\/\1(?![\d/])|已通过|通过了|通過した|成功しました|성공했|합격/i,
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
  // `Fix Plan Summary: …`, `Phase 3 Summary — …`: the summary of an executed plan, wherever the title's colon falls.
  planSummary: /\b(?:plan|phase|task|step|ticket|sprint|milestone)\s(?:\d{1,4}\s)?summary\b/i,
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
    /^(?:what (?:was|has been|i|we) (?:done|did)|what i did|what we did|(?:summary of (?:the )?work|work summary)(?: (?:done|completed|performed))?|ce qui a ete fait|lo que se hizo|o que foi feito|was wurde gemacht|was gemacht wurde|wat is er gedaan|cosa e stato fatto|lavoro svolto)$|^(?:実施したこと|やったこと|作業したこと|수행한 작업|한 일|完成的工作|已完成的工作)$/,
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
  nonAscii: /[^\x00-\x7f]/,
  fence: /^\s{0,3}(?:```|~~~)/,
  atxHeading: /^\s{0,3}#{1,6}\s/,
  nonWord: /[^\p{L}\p{N}]+/u,
  briefHeading:
    /^(?:report back|return handoff|return format|report format|what to report|reporting)\b|報告に含め|보고.{0,6}포함/i,
} as const;

/**
 * For the large patterns a pickup runs on every document: strings, `|` between them, one of which every match holds
 * (lower case for an `i` pattern), so text without any never compiles the pattern (test/kind-guards.test.ts checks each against its
 * pattern).
 */
export const KIND_NEEDLES: { readonly [K in keyof typeof KIND_PATTERNS]?: string } = {
  verdictLine: "verdict",
  outcomeLabel: "self|result|outcome|decision|assessment",
  returnToTitle: "return",
  reportTitle: "report|rapport|informe|relatorio|bericht|verslag|evidence|報告|报告|보고|证据|レポート|리포트|总结",
  taskTitle:
    "task|Task|TASK|ticket|Ticket|TICKET|issue|Issue|-0|-1|-2|-3|-4|-5|-6|-7|-8|-9|작업지시서|作業指示書|工单|任务单",
  changesHeading:
    "chang|work|cambi|modific|nderungen|arbeiten|implement|trava|trabajo|trabalho|alteracoes|mudancas|lavoro|voerde|결과|수행|結果|结果|内容",
  commitHeading: "commit message|description|커밋 메시지|コミットメッセージ|提交信息",
  filesHeading: "file|fichiers|archivos|arquivos|dateien|bestanden|文件|改动|ファイル|파일",
  reviewTitle: "revi|audit|validation|verifica|uberprufung|recensione|レビュー|审查|评审|검토",
  finishedTitle: "complet|done|finished|termine|conclu|abgeschlossen|afgerond|voltooid|完了|完成|완료",
  finishedOpening: "completed|finished|implemented|delivered|built",
  addressedReportTitle: "report|informe|rapport|bericht|relatorio|verslag",
  completionTitle: "report|rapport|bericht|verslag|informe|relazione|relatorio|報告|报告|总结|보고",
  planSummary: "summary",
  addressedBack: "report|return|handing",
  deviations: "deviation|abweichungen|ecart|desviaciones|desvios|deviazioni|afwijkingen",
  statusHeading: "stat|estado|zustand|状态|状態|ステータス|상태|完成情况|完了状況",
  doneHeading: "what|work|fait|hizo|feito|gemacht|gedaan|fatto|svolto|こと|작업|한 일|的工作",
  handoffTitle: "handoff|hand-off|handover|bergabe|passation|overdracht|traspaso|passag|引き継ぎ|引継ぎ|交接|인계",
  resolvedHeading: "solved|fixed|resolu|resuelto|resolvido|risolto|behoben|opgelost|解決済み|已修复|已解决|해결됨",
  briefHeading: "report|return|報告|포함",
};

/** Every kind pattern, the large ones behind their needles: what kind.ts tests text with. */
export const KIND_SIGNS = guardAll(KIND_PATTERNS, KIND_NEEDLES);

// `Decision: CHANGES REQUESTED` and `Decision: APPROVED` are a review's outcome; `Decision: use Postgres` is not.
export const OUTCOMES: ReadonlySet<string> = new Set([
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

export const FINISHED: ReadonlySet<string> = new Set([
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

/**
 * States a task tracker's frontmatter gives an open task too (`status: blocked` on an item waiting for a decision):
 * in a frontmatter they do not say the work came back.
 */
export const TRACKER_STATES: ReadonlySet<string> = new Set(["blocked", "partial", "failed"]);
