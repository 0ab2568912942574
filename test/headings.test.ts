import { describe, expect, it } from "vitest";
import { classifyHeading } from "../src/core/headings/classify.js";
import { normaliseHeading } from "../src/core/headings/normalise.js";
import { parseHandoff } from "../src/core/parse.js";
import { canonicalSection, cleanHeading } from "../src/core/sections.js";

const doc = (...lines: string[]): string => lines.join("\n");
const outline = (text: string) =>
  parseHandoff(text)
    .sections.filter((s) => s.heading !== "")
    .map((s) => [s.heading, s.canonical]);

describe("normalising a heading", () => {
  it("folds full-width forms, case and Latin accents, and drops parentheticals and punctuation", () => {
    expect(normaliseHeading("ＮＥＸＴ　ＳＴＥＰＳ（優先）：").key).toBe("next steps");
    expect(normaliseHeading("¿Próximos pasos?").key).toBe("proximos pasos");
    expect(normaliseHeading("What exists (state)").key).toBe("what exists");
  });

  it("keeps a parenthetical that is all there is", () => {
    expect(normaliseHeading("(draft)").key).toBe("draft");
  });
});

describe("classifying headings the alias table does not know", () => {
  it.each([
    ["Risks / gotchas", "open-questions"],
    ["Pending tasks and next steps", "next-steps"],
    ["What is explicitly out of scope", "out-of-scope"],
    ["Out of scope (don't touch)", "out-of-scope"],
    ["What was NOT touched", "out-of-scope"],
    ["Current work", "context"],
    ["Relevant files and code", "pointers"],
    ["Where do things stand?", "context"],
    ["What exists (state)", "context"],
    ["Open risks", "open-questions"],
    ["Next session: TODO", "next-steps"],
    ["THE NEXT TASK — the aggregator detangle", "next-steps"],
    ["Currently in progress", "context"],
    ["Open, deliberately not done", "open-questions"],
  ])("places `%s` in %s", (heading, name) => {
    expect(canonicalSection(heading)).toBe(name);
  });

  it.each([
    ["Prochaines étapes suggérées", "next-steps"],
    ["Próximos pasos", "next-steps"],
    ["PRÓXIMOS PASSOS (ordem exata)", "next-steps"],
    ["Prossimi passi", "next-steps"],
    ["Volgende stappen", "next-steps"],
    ["Naechste Schritte", "next-steps"],
    ["下一步计划（明日继续）：", "next-steps"],
    ["次にやるとよいこと", "next-steps"],
    ["다음 세션 가이드", "next-steps"],
    ["Cosa abbiamo fatto in questa sessione", "done"],
    ["Wat er is gedaan", "done"],
    ["O que foi entregue", "done"],
    ["Ce qui a été ajouté", "done"],
    ["미완료 작업", "next-steps"],
    ["핵심 결정 사항", "decisions"],
    ["Risques / points d'attention", "open-questions"],
    ["Où on en est", "context"],
    ["未覆盖边界", "out-of-scope"],
    ["受け入れ条件", "acceptance"],
  ])("places `%s` in %s, whatever the language", (heading, name) => {
    expect(canonicalSection(heading)).toBe(name);
  });

  it("lets the longest term win, so `未完了` is not `完了` and `in progress` is not `progress`", () => {
    expect(canonicalSection("未完了の作業")).toBe("next-steps");
    expect(canonicalSection("In progress")).toBe("context");
  });

  it("ignores a term right after a negation", () => {
    expect(canonicalSection("No findings in these categories")).toBeNull();
  });

  it("never makes a section of a dated log entry", () => {
    expect(canonicalSection("2025-12-03 – Harness complete")).toBeNull();
  });

  it("leaves headings without a section word alone", () => {
    expect(canonicalSection("Contract-change protocol")).toBeNull();
    expect(canonicalSection("Next door neighbours")).toBeNull();
  });

  it("says which rule placed a heading", () => {
    expect(classifyHeading(cleanHeading("Next steps")).rule).toBe('alias "next steps"');
    expect(classifyHeading(cleanHeading("Prochaines étapes")).rule).toBe('keywords: "prochain*", "etapes"');
    expect(classifyHeading(cleanHeading("Out of scope tasks")).rule).toMatch(
      /^out-of-scope wording beats what it qualifies/,
    );
    expect(classifyHeading(cleanHeading("Fun facts")).rule).toBe("no section word");
  });
});

describe("headings people write as labels", () => {
  it("reads ALL-CAPS headings and full-width colons", () => {
    expect(outline(doc("# T", "## PRÓXIMOS PASSOS：", "x", "## RISQUES", "y"))).toEqual([
      ["PRÓXIMOS PASSOS", "next-steps"],
      ["RISQUES", "open-questions"],
    ]);
  });

  it("starts a section at a bold label standing alone on its line", () => {
    expect(outline(doc("# T", "", "**Naechste Schritte:**", "- F001", "", "**Aenderungen:**", "- a"))).toEqual([
      ["Naechste Schritte", "next-steps"],
      ["Aenderungen", "done"],
    ]);
  });

  it("does not make a section of a bold label followed by a detail unless it is a sure name", () => {
    expect(outline(doc("# T", "", "**Reference:** See FASE_3_PLAN.md"))).toEqual([]);
  });

  it("splits a dated entry at its labelled bullets", () => {
    const text = doc(
      "# Log",
      "",
      "## 2026-09-20T08:20:00Z — agent — F-01",
      "",
      "- **done:** engine + API",
      "- **red:** none",
      "- **next:** review F-01",
    );
    expect(outline(text)).toEqual([
      ["2026-09-20T08:20:00Z — agent — F-01", null],
      ["done", "done"],
      ["red", null],
      ["next", "next-steps"],
    ]);
  });

  it("keeps a list of metrics and a list of mixed bullets as lists", () => {
    expect(
      outline(doc("# T", "## Performance", "- **Duration:** 3 min", "- **Completed:** 2026-02-17", "- **Tasks:** 2")),
    ).toEqual([["Performance", null]]);
    expect(
      outline(doc("# T", "## Log", "- Evidence: all green", "- Parked: two items", "- Merged after review")),
    ).toEqual([["Log", null]]);
  });

  it("keeps status labels as metadata", () => {
    const parsed = parseHandoff(
      doc(
        "# T",
        "",
        "**Status:** done",
        "",
        "## Log",
        "- **Estado**: COMPLETADA",
        "- **Pruebas**: ok",
        "- **Criterios de aceptación**: ok",
      ),
    );
    expect(parsed.sections.filter((s) => s.heading !== "").map((s) => s.heading)).toEqual([
      "Log",
      "Pruebas",
      "Criterios de aceptación",
    ]);
  });

  it("treats a first heading above all the others as the document's title", () => {
    expect(outline(doc("## Test Audit Report", "", "### Audit Summary", "a", "### Findings", "b"))).toEqual([
      ["Audit Summary", "context"],
      ["Findings", "open-questions"],
    ]);
  });

  it("records the rule that placed each section", () => {
    const parsed = parseHandoff(doc("# T", "## Next steps", "a", "## Prochaines étapes", "b"));
    expect(parsed.sections.map((s) => s.rule)).toEqual(['alias "next steps"', 'keywords: "prochain*", "etapes"']);
  });
});

describe("word families and precedence", () => {
  it("reads a plural or a compound of a known word as that word", () => {
    expect(classifyHeading("Vérifications").canonical).toBe("acceptance");
    expect(classifyHeading("Aktueller Verifikationsstand").canonical).toBe("acceptance");
    expect(classifyHeading("Riesgo #1 a validar en vivo").canonical).toBe("open-questions");
  });

  it("reads the last part of a long German compound as the word (`Nutzerentscheidung` is a decision)", () => {
    expect(classifyHeading("Verbindliche Nutzerentscheidung O-09").canonical).toBe("decisions");
  });

  it("lets a problem noun at the end beat the topic before it", () => {
    expect(classifyHeading("Test Code Quality Issues")).toMatchObject({
      canonical: "open-questions",
      rule: 'a problem noun at the end beats the topic it qualifies: "issues"',
    });
  });

  it("ignores a term negated across an auxiliary (`not yet shipped`, `nicht noch erledigt`)", () => {
    expect(classifyHeading("Features not yet shipped").canonical).toBeNull();
    expect(classifyHeading("Shipped features").canonical).toBe("done");
  });

  it("does not make a section of a label for one value", () => {
    expect(classifyHeading("Implementation Date").canonical).toBeNull();
  });

  it.each([
    ["Nicht-Scope", "out-of-scope"],
    ["Verifiziert", "acceptance"],
    ["Build Status", "acceptance"],
    ["Mission Status", "context"],
    ["Uncommitted Changes", "context"],
    ["What We Were Working On", "context"],
    ["Future Enhancements", "next-steps"],
    ["Folge-Aufgaben (nicht Teil dieses Durchlaufs)", "next-steps"],
    ["Andere offene Arbeit", "open-questions"],
    ["O que **não** foi feito", "next-steps"],
    ["Was wurde gemacht", "done"],
    ["Leia nesta ordem", "pointers"],
    ["Gate summary", "acceptance"],
    ["Resume Prompt", "next-steps"],
    ["알려진 제약사항", "open-questions"],
    ["1. このプロジェクトは何か", "context"],
    ["Lavoro Svolto", "done"],
    ["Verifiche di Sicurezza", "acceptance"],
    ["중단 사유", "open-questions"],
    ["진행 중인 작업", "context"],
    ["実施したこと", "done"],
    ["確認した事実", "context"],
    ["Wat is er gedaan deze sessie", "done"],
    ["Huidige staat", "context"],
    ["ACTION IMMÉDIATE", "next-steps"],
    ["Goal Check", "acceptance"],
    ["Em andamento / bloqueado", "open-questions"],
    ["Armadilhas conhecidas", "open-questions"],
    ["Réserves", "open-questions"],
    ["Ergebnisse", "done"],
    ["受け入れ基準（完了条件）", "acceptance"],
    ["未做", "next-steps"],
  ] as const)("places %s as %s", (heading, section) => {
    expect(classifyHeading(heading).canonical).toBe(section);
  });

  it("does not read a plural term's singular as the term (`agents`, `issues`)", () => {
    expect(classifyHeading("Agent: Fullstack Developer").canonical).toBeNull();
  });

  it("lets resolved wording beat the problem it qualifies", () => {
    expect(classifyHeading("Issues Found and Fixed")).toMatchObject({
      canonical: "done",
      rule: 'resolved wording beats the problem it qualifies: "fixed"',
    });
  });

  it("keeps a sentence-long deeper heading inside its unrecognised section", () => {
    const text = doc(
      "# Log",
      "",
      "## Reviewer remarks",
      "",
      "### 1. The alternative verification role may collide with the gate that is still open",
      "",
      "text",
      "",
      "### Next steps",
      "",
      "- go",
    );
    expect(outline(text)).toEqual([
      ["Reviewer remarks", null],
      ["Next steps", "next-steps"],
    ]);
  });

  it("keeps a short deeper heading that only contains a section word inside its unrecognised section", () => {
    const text = doc(
      "# 引き継ぎメモ",
      "",
      "## 4. よくある操作",
      "",
      "### 公開時刻を変更する",
      "",
      "x",
      "",
      "### 次のステップ",
      "- y",
    );
    expect(outline(text)).toEqual([
      ["よくある操作", null],
      ["次のステップ", "next-steps"],
    ]);
  });
});
