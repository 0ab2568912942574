import { describe, expect, it } from "vitest";
import { parseHandoff } from "../src/core/parse.js";

const doc = (...lines: string[]): string => lines.join("\n");
const kindOf = (text: string) => {
  const parsed = parseHandoff(text);
  return [parsed.kind, parsed.kindReason];
};

describe("the kind of a document, from evidence", () => {
  it("takes frontmatter at its word", () => {
    expect(kindOf(doc("---", "kind: return", "---", "# Done"))).toEqual(["return", "frontmatter `kind: return`"]);
  });

  it("recognises a title that announces a return or a completion report", () => {
    expect(kindOf("# Return handoff to the simulation workstation\n\ntext")[0]).toBe("return");
    expect(kindOf("# Return: rate limiter spike\n")[0]).toBe("return");
    expect(kindOf("# 完了報告: Google OAuth2統合サンプル\n\n## 実装内容\n")[0]).toBe("return");
  });

  it("recognises a verdict line, and says which", () => {
    const text = doc(
      "# Validation — Issue #53",
      "",
      "## REPORT TO ORCHESTRATOR",
      "",
      "**VERDICT: PASS.**",
      "",
      "- all good",
    );
    expect(kindOf(text)).toEqual(["return", "a verdict line (`VERDICT: PASS.`)"]);
  });

  it("recognises a frontmatter verdict", () => {
    expect(kindOf(doc("---", "verdict: PASS", "---", "## Check Results", "- Lint: PASS"))[0]).toBe("return");
  });

  it("recognises an unmarked report from two weaker signs together", () => {
    const text = doc("# Rapport Phase C2.1 — Store volatil", "", "**Statut :** ✅ Terminé", "", "## Objectif", "x");
    expect(kindOf(text)).toEqual(["return", "the title names a report; status `✅ Terminé`"]);
  });

  it("recognises a task report: a task title together with a summary of its changes", () => {
    const text = doc("# Task 6 - Improve styling", "", "## Summary of Changes", "", "- footer gradient");
    expect(kindOf(text)).toEqual(["return", "the title names an assigned task; a `Summary of Changes` section"]);
  });

  it("recognises a report whose opening says the work is finished and whose status line closes it", () => {
    const text = doc(
      "# Repo size",
      "",
      "The wizard has completed the cleanup.",
      "",
      "## Left",
      "- x",
      "",
      "**Status:** done",
    );
    expect(kindOf(text)).toEqual(["return", "the opening reports finished work; status `done`"]);
  });

  it("does not take a list item's status for the document's", () => {
    expect(kindOf(doc("# Weekly report", "", "## Phases", "- Phase 5B", "  - Status: done"))[0]).toBe("handoff");
  });

  it("recognises a report from a section listing the files changed together with checks reported as run", () => {
    const text = doc(
      "# Bascule",
      "",
      "## Fichiers modifiés",
      "",
      "- `a.ts`",
      "",
      "## Vérifications",
      "",
      "- `bun test` : 166 pass, 0 fail",
    );
    expect(kindOf(text)).toEqual([
      "return",
      "a `Fichiers modifiés` section; checks reported with their results (`Vérifications`)",
    ]);
  });

  it("does not take checks still to run for checks reported as run", () => {
    const text = doc(
      "# Task 11: cursor",
      "",
      "## Acceptance",
      "",
      "- AC1: the canvas shows `grab`",
      "- AC4: gate green",
    );
    expect(kindOf(text)[0]).toBe("handoff");
  });

  it("recognises a German final report and an opening in the Korean past with a performed-work section", () => {
    expect(kindOf("# P2-Abschlussbericht\n\n## Was gebaut wurde\n")[0]).toBe("return");
    const korean = doc(
      "# Git — 05",
      "",
      "## 목표와 수행 내용",
      "",
      "PR #4의 병합 조건을 사전 확인했다. 문서를 다시 읽었다.",
    );
    expect(kindOf(korean)).toEqual(["return", "the opening reports finished work; a `목표와 수행 내용` section"]);
  });

  it("recognises a section whose arrow points back at the parent, with a commit message handed back", () => {
    const text = doc(
      "# Cleanup",
      "",
      "## Findings (reviewer → main)",
      "",
      "- one",
      "",
      "## Commit message",
      "",
      "- none",
    );
    expect(kindOf(text)[0]).toBe("return");
  });

  it("stays a handoff on one weak sign, and says why", () => {
    expect(kindOf(doc("# Weekly report", "", "## Next steps", "- ship"))).toEqual([
      "handoff",
      "one sign of a return is not enough (the title names a report)",
    ]);
  });

  it("keeps a brief a handoff even when it asks for a verdict in its report back", () => {
    const text = doc(
      "# Lane briefing — archive-poc",
      "",
      "**Status:** done",
      "",
      "## The work",
      "x",
      "",
      "## Report back",
      "`DONE · FILES · BLOCKED`",
    );
    expect(kindOf(text)[0]).toBe("handoff");
    expect(kindOf(text)[1]).toMatch(/^a brief: it asks for a report back in `Report back`/);
  });

  it("does not take a verdict mentioned inside a sentence for a verdict line", () => {
    expect(kindOf(doc("# Build log", "", "- Merged after reviewer `VERDICT: PASS` and CI green."))[0]).toBe("handoff");
  });

  it("does not take a verdict in a code block for a verdict line", () => {
    expect(kindOf(doc("# Brief", "", "End with:", "", "```", "VERDICT: PASS | FAIL", "```"))[0]).toBe("handoff");
  });

  it("recognises a change report written in German, French or Spanish words for work performed", () => {
    const german = doc("# Cleanup-Report — Harness", "", "## Ziel", "x", "", "## Durchgeführte Änderungen", "- a");
    expect(kindOf(german)).toEqual(["return", "the title names a report; a `Durchgeführte Änderungen` section"]);
    const french = doc("# Rapport charter IMP-C1", "", "## Travail réalisé", "- a", "", "## Prochaine étape", "- b");
    expect(kindOf(french)[0]).toBe("return");
    const spanish = doc("# Informe de la tarea", "", "## Cambios realizados", "- a");
    expect(kindOf(spanish)[0]).toBe("return");
  });

  it("recognises deviations from the plan in other languages, with checks reported as run", () => {
    const text = doc(
      "# Slice 08: Reconciliation",
      "",
      "## Ausgeführte Tests",
      "",
      "- tranche-reconciliation: 50/50 Assertions",
      "- npm test: 0 fehlgeschlagene Dateien",
      "",
      "## Abweichungen vom Plan",
      "",
      "- two files left alone",
    );
    expect(kindOf(text)).toEqual([
      "return",
      "a `Abweichungen vom Plan` section; checks reported with their results (`Ausgeführte Tests`)",
    ]);
  });

  it("reads a status section that opens with a finished word, and a frontmatter status handed back for review", () => {
    const statusSection = doc("# TASK-012 — Rapport d'exécution", "", "## Statut", "", "COMPLETED", "", "## Objectif");
    expect(kindOf(statusSection)).toEqual([
      "return",
      "the title names a report; the title names an assigned task; status `COMPLETED`",
    ]);
    const review = doc(
      "---",
      "status: EN_VALIDACION",
      "---",
      "",
      "## Evidencia de verificación",
      "",
      "| `php artisan test` | passed — 252 pruebas |",
    );
    expect(kindOf(review)[0]).toBe("return");
  });

  it("does not take a task tracker's `status: blocked` frontmatter for a return", () => {
    const text = doc("---", "status: blocked", "---", "", "# Archive location report (awaiting a decision)", "", "x");
    expect(kindOf(text)).toEqual(["handoff", "one sign of a return is not enough (the title names a report)"]);
  });

  it("names a summary of finished work in Chinese as a completion report", () => {
    expect(kindOf("# GaiaRouter 项目完成总结\n\n## 项目状态\n")).toEqual([
      "return",
      "the title names a completion report",
    ]);
  });

  it("reads a report's files and checks under deeper headings of its work section", () => {
    const text = doc(
      "# Pixel Diff Detection",
      "",
      "## 作業内容",
      "",
      "### 変更ファイル",
      "- `LINEInboundWatcher.swift`",
      "",
      "### 動作確認",
      "- Build: 成功",
      "- Doctor: 6/6 PASS",
    );
    expect(kindOf(text)).toEqual([
      "return",
      "a `変更ファイル` section; checks reported with their results (`動作確認`)",
    ]);
  });

  it("does not read checks whose results sit in a fence left open at the end of the section", () => {
    const text = doc(
      "# Pixel Diff Detection",
      "",
      "## 作業内容",
      "",
      "### 変更ファイル",
      "- `LINEInboundWatcher.swift`",
      "",
      "### 動作確認",
      "```",
      "- Build: 成功",
      "- Doctor: 6/6 PASS",
    );
    expect(kindOf(text)).toEqual(["handoff", "one sign of a return is not enough (a `変更ファイル` section)"]);
  });

  it("does not read the changed files of a session's current state as a report", () => {
    const text = doc(
      "# Session Handoff",
      "",
      "## 현재 상태",
      "",
      "### 변경된 파일",
      "- a.ts",
      "",
      "## 다음 단계",
      "- b",
    );
    expect(kindOf(text)[0]).toBe("handoff");
  });

  it("recognises a title that hands a report to someone, and a delivery that says it was built from a spec", () => {
    expect(kindOf("## 1. Informe para el Consejo de Sabios — DAY 108\n\n### LO QUE SE HIZO\n\nx\n")).toEqual([
      "return",
      "the title addresses a report to someone",
    ]);
    const delivery = doc(
      "# Gym booking — handover",
      "",
      "Built by Mjukvaruhuset from the frozen spec.",
      "",
      "## Gate summary",
      "",
      "| Gate | Result |",
      "|---|---|",
      "| verify | OK |",
      "| review | OK |",
    );
    expect(kindOf(delivery)).toEqual([
      "return",
      "the opening reports finished work; checks reported with their results (`Gate summary`)",
    ]);
  });

  it("reads what was done, unqualified, as a report's account, and a review's decision as its outcome", () => {
    const fixes = doc(
      "# Fixes SEO (audit du 2026-07-05)",
      "",
      "## Ce qui a été fait",
      "- 6 lots",
      "",
      "## Tests à réaliser",
    );
    expect(kindOf(fixes)).toEqual(["return", "the title names a review; a `Ce qui a été fait` section"]);
    const firestore = doc(
      "# Configuration Firestore",
      "",
      "## Problème résolu",
      "- a",
      "",
      "## Ce qui a été fait",
      "- b",
    );
    expect(kindOf(firestore)[0]).toBe("return");
    const review = doc(
      "# Code Review Report",
      "",
      "## Issues Found",
      "- a",
      "",
      "## Overall Assessment",
      "",
      "**Decision:** CHANGES REQUESTED",
    );
    expect(kindOf(review)).toEqual([
      "return",
      "the title names a report; an outcome line (`Decision: CHANGES REQUESTED`)",
    ]);
  });

  it("reads a plan's summary in a title with more after it, a build that succeeded and a summary of work done", () => {
    const fix = doc(
      "# Fix Plan Summary: Icomoon CSS Import Resolution",
      "",
      "## Verifications Performed",
      "- Build succeeded without the module error.",
    );
    expect(kindOf(fix)).toEqual([
      "return",
      "the title summarises an executed plan; checks reported with their results (`Verifications Performed`)",
    ]);
    const session = doc(
      "# Folder picker regression",
      "",
      "## Summary of work done",
      "x",
      "",
      "## Files modified",
      "- a",
    );
    expect(kindOf(session)).toEqual(["return", "a `Summary of work done` section; a `Files modified` section"]);
  });

  it("does not read a decision record as a review's outcome", () => {
    expect(kindOf(doc("# Design notes", "", "**Decision:** use Postgres", "", "## Next steps", "- b"))[0]).toBe(
      "handoff",
    );
  });

  it("keeps a document that calls itself a handoff a handoff when it recounts what its session did", () => {
    const text = doc("# Handoff 010 — Test stage", "", "## What I did", "- a", "", "## Files modified", "- `a.ts`");
    expect(kindOf(text)).toEqual(["handoff", "one sign of a return is not enough (a `Files modified` section)"]);
    const session = doc("# Cuellito", "", "## Lo que se hizo en esta sesion", "- a", "", "## Fichiers modifiés", "- b");
    expect(kindOf(session)[0]).toBe("handoff");
  });

  it("keeps a progress log a handoff, however much it says was finished", () => {
    const text = doc(
      "# Progresso — WTK-MEET-14: recusar link",
      "",
      "**Status:** implementação concluída e validada",
      "",
    );
    expect(kindOf(text)[0]).toBe("handoff");
    expect(kindOf(text)[1]).toMatch(/^a progress log: the title names progress/);
  });

  it("is a handoff with no evidence at all, and says so", () => {
    expect(kindOf("# Handoff: flaky test\n\n## Next steps\n- fix it")).toEqual([
      "handoff",
      "no sign of a return (no `kind: return`, return title, verdict or report back)",
    ]);
  });
});
