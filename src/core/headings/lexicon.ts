// The words people put in handoff headings, by the canonical section they mean, in the languages seen in public
// handoff documents (test/fixtures/real-docs/): en, de, fr, es, pt, it, nl, ja, zh, ko. This file is data, and long
// because languages are many; the matching lives in classify.ts.
//
// A term is matched after the heading and the term are both normalised (lower case, NFKC, Latin diacritics removed):
// - Latin terms match whole words, in order; a word ending in `*` matches any word starting with it
//   (`prochain* etape*` matches `Prochaines étapes`).
// - Terms in Chinese, Japanese or Korean script match anywhere in the heading, spaces ignored.
// Weights: strong terms decide alone (3), medium ones too (2), weak ones (1) only with another term.
import type { SectionName } from "../types.js";

export interface SectionTerms {
  strong: readonly string[];
  medium: readonly string[];
  weak: readonly string[];
}

export const WEIGHTS = { strong: 3, medium: 2, weak: 1 } as const;
/** A heading names a section when its best score reaches this. */
export const MIN_SCORE = 2;

export const LEXICON: Readonly<Record<SectionName, SectionTerms>> = {
  reason: {
    strong: ["ゴール",
      "reason*", "why", "purpose", "goal", "goals", "objective*", "mission", "motivation", "intent", "problem statement",
      "primary request", "the ask", "the problem", "what and why",
      "grund", "ziel", "ziele", "zweck", "warum", "anlass",
      "objectif*", "pourquoi", "raison*", "enjeu*", "probleme",
      "objetivo*", "proposito", "motivo", "razon", "razones", "por que", "porque",
      "razao", "obiettiv*", "scopo", "perche",
      "doel", "doelen", "waarom", "reden", "aanleiding", "probleem",
      "目的", "目標", "理由", "狙い", "ミッション", "なぜ", "目标", "为什么", "动机", "原因", "목적", "목표", "이유", "미션", "왜",
    ],
    medium: ["problem", "focus", "request", "problema", "ask"],
    weak: [],
  },
  context: {
    strong: ["问题分析", "問題分析", "现状分析", "分析", "진행 상황", "bilan", "status update", "wo stehen", "wo stehen wir", "起因", "诊断", "背景与", "サマリ", "一言", "現在地",
      "context", "background", "overview", "situation", "current state", "current status", "where we are",
      "where things stand", "state of play", "snapshot", "tl dr", "tldr", "what exists", "what's working", "current work",
      "project status", "one line state", "in progress", "ground truth", "まとめ", "at a glance", "stand", "stands", "where it stands",
      "kontext", "hintergrund", "aktueller stand", "stand der dinge", "uberblick", "zusammenfassung", "lage",
      "contexte", "etat", "ou on en est", "ou en est", "apercu", "resume",
      "contexto", "antecedentes", "situacion", "resumen", "donde estamos", "onde paramos", "onde estamos", "situacao",
      "resumo", "visao geral", "contesto", "situazione", "panoramica", "riepilogo", "sommario", "stato",
      "achtergrond", "situatie", "samenvatting", "overzicht", "waar het staat", "waar we staan", "rode draad",
      "背景", "現状", "状況", "概要", "前提", "現在の状態", "サマリー", "现状", "当前状态", "概述", "上下文", "项目是什么",
      "배경", "현재 상태", "현황", "개요", "맥락", "컨텍스트", "요약",
    ],
    medium: ["analysis", "analisis", "analyse", "analisi", "analise", "project", "环境", "根因",
      "summary", "status", "state", "estado", "existing", "oorzaak", "cause", "root cause",
      "environment", "状态", "总结", "摘要", "状態", "要約", "상태",
    ],
    weak: ["current", "where"],
  },
  scope: {
    strong: [
      "scope", "in scope", "assignment", "deliverable*", "requirement*", "what to do", "required work", "the work",
      "work items", "your task", "the task", "your slice", "slice assignment", "task description",
      "umfang", "aufgabe*", "anforderung*", "auftrag", "arbeitspaket*", "perimetre", "tache", "taches",
      "alcance", "tarea*", "requisito*", "entregable*", "escopo", "tarefa*", "entregave*", "ambito", "compit*",
      "requisiti", "attivita", "opdracht", "taak", "taken", "eisen",
      "作業範囲", "範囲", "スコープ", "やること", "要件", "作業内容", "范围", "任务", "需求", "工作内容", "범위", "작업 내용",
      "요구사항", "과제",
    ],
    medium: ["implementation requirements", "タスク", "要做"],
    weak: ["task", "tasks", "plan", "work", "implementation"],
  },
  "out-of-scope": {
    strong: [
      "out of scope", "not in scope", "outside scope", "outside the scope", "non goal*", "not touched", "don't touch",
      "do not touch", "do not", "don't", "dont", "avoid", "things to avoid", "not doing", "won't do", "exclusion*",
      "excluded", "noise to ignore", "pitfall*", "don'ts", "icebox", "not to do", "off limits", "guardrails",
      "nicht im umfang", "ausserhalb", "nicht tun", "ausgeschlossen", "vermeiden", "hors scope", "hors perimetre",
      "hors champ", "ne pas", "a eviter", "exclu*", "interdit*", "fuera de alcance", "fuera del alcance", "no hacer",
      "excluid*", "a evitar", "fora do escopo", "nao fazer", "evitar", "fuori ambito", "fuori scope", "da non fare",
      "escluso", "evitare", "buiten scope", "niet doen", "uitgesloten", "vermijden",
      "対象外", "範囲外", "スコープ外", "やらないこと", "触らない", "禁止", "厳守", "范围外", "不在范围", "不做", "未覆盖",
      "범위 외", "범위 밖", "하지 말", "금지", "제외",
    ],
    medium: ["constraints", "boundaries", "rules", "edge of scope"],
    weak: [],
  },
  pointers: {
    strong: [
      "pointers", "files", "key files", "relevant files", "reference*", "links", "resources", "sources of truth",
      "source of truth", "where to look", "where to find", "reading list", "entry points", "code locations",
      "key code", "documentation", "directory structure", "project structure", "folder structure", "디렉토리", "docs", "paths", "file map", "quick reference",
      "fichier*", "dateien", "referenzen", "quellen", "ressourcen", "dokumente", "liens", "ressources", "documents",
      "archivos", "referencias", "enlaces", "recursos", "documentos", "arquivos", "ficheiros",
      "riferimenti", "collegamenti", "risorse", "documenti", "bestanden", "referenties", "bronnen", "documenten",
      "kennis",
      "関連ファイル", "ファイル", "参考", "参照", "リンク", "資料", "ドキュメント", "文件", "链接", "资料", "文档", "路径",
      "파일", "참고", "링크", "자료", "문서", "경로",
    ],
    medium: ["structuur", "struktur", "estructura", "estrutura", "struttura", "構成", "结构", "구조", "file", "code", "endpoints", "api endpoints", "reference", "directory", "index"],
    weak: ["where"],
  },
  decisions: {
    strong: [
      "decision*", "decided", "choices", "choices made", "trade off*", "tradeoff*", "rationale", "adr", "adrs",
      "entscheidung*", "beschluss*", "beschlusse", "abwagung*", "decisions", "choix", "arbitrage*", "decisiones",
      "decisoes", "escolhas", "decisioni", "scelte", "besluit*", "beslissing*", "keuzes", "afspraken",
      "決定", "判断", "方針", "決めたこと", "决策", "决定", "取舍", "결정", "의사결정",
    ],
    medium: ["design", "设计", "設計", "설계", "diseno", "conception", "entwurf", "ontwerp", "progettazione", "desenho", "approach", "design choices", "why this way", "compromis"],
    weak: [],
  },
  "open-questions": {
    strong: ["quirks", "quirk*", "ハマりどころ", "遗留", "踩坑", "known problems", "problemes connus", "bekannte probleme", "problemi noti", "problemas conocidos", "problemas conhecidos", "bekende problemen", "bugs found", "bugs gevonden", "缺口",
      "open", "question*", "unknown*", "blocker*", "blocked", "blocking", "risk", "risks", "concern*", "known issues",
      "open issues", "open items", "caveat*", "gotcha*", "trap*", "warning*", "limitation*", "inconsistenc*",
      "issues found", "issues encountered", "flagged", "footgun*",
      "fragen", "risiken", "offene punkte", "einschrankung*", "probleme", "risques", "bloquant*", "blocage*",
      "points d'attention", "points ouverts", "pieges", "piege", "preguntas", "riesgos", "bloqueo*", "limitacion*",
      "perguntas", "questoes", "riscos", "bloqueio*", "limitaco*", "pendencias", "domande", "rischi", "blocchi",
      "questioni aperte", "limitazion*", "vragen", "risico's", "risicos", "blokkade*", "open punten", "open staat",
      "openstaand*",
      "未解決", "課題", "問題", "リスク", "懸念", "制限事項", "注意事項", "注意点", "ブロッカー", "疑問", "既知の",
      "问题", "风险", "阻塞", "待解决", "注意事项", "疑问", "限制", "문제", "리스크", "위험", "이슈", "주의사항", "미해결",
      "질문", "제한", "트랩",
    ],
    medium: ["troubleshooting", "문제 해결", "故障排除", "トラブルシューティング", "depannage", "fehlerbehebung", "bugs", "issues", "problems", "problemas", "problemen", "problemi", "attention", "findings", "points"],
    weak: [],
  },
  "next-steps": {
    strong: ["como retomar", "retomar", "reanudar", "riprendere", "hervatten", "wiederaufnahme", "再開", "推奨", "建议", "권장", "下一", "残タスク", "残り", "recommendation*", "recomendacion*", "raccomandazion*", "recomendaco*", "empfehlung*", "aanbeveling*", "開始時", "始め方",
      "next step*", "next session*", "next action*", "next task*", "next phase", "next up", "up next", "what's next",
      "whats next", "what is next", "next work", "next first", "todo", "todos", "to do", "to-do", "pending",
      "remaining", "follow up*", "follow-up*", "followup*", "what's left", "whats left", "still to do", "left to do",
      "where to start", "restart point", "resuming", "action items", "recommended actions", "next agent",
      "pick up", "handoff to next", "cold start",
      "nachst*", "naechst*", "noch zu tun", "als nachstes", "prochain*", "a faire", "la suite", "suite", "reste",
      "reprendre", "reprise", "proxim*", "pendiente*", "por hacer", "siguiente*", "a fazer", "prossim*", "da fare",
      "pendenti", "volgende", "te doen", "nog te doen",
      "次のステップ", "次に", "今後", "残作業", "未完了", "やるべき", "次回", "次のセッション", "下一步", "待办", "后续",
      "接下来", "下次", "待完成", "未完成", "다음 단계", "다음 세션", "다음 작업", "남은 작업", "할 일", "미완료", "향후",
      "다음에", "다음 첫", "재개", "남은",
    ],
    medium: ["次の", "다음", "recommended", "readiness", "queue", "queued", "backlog", "pendente*", "remaining work"],
    weak: ["next", "session", "schritte", "steps", "etapes", "pasos", "passos", "passi", "stappen"],
  },
  done: {
    strong: ["작업 결과", "work result", "work results", "作業結果", "実施結果", "工作结果", "执行结果", "obiettivi raggiunti", "goals achieved", "objectifs atteints", "objetivos alcanzados", "ziele erreicht", "doelen behaald", "hizo", "se hizo", "変更内容", "进度", "work summary", "summary of work", "riepilogo modifiche", "summary of changes", "resumen de cambios", "resumo das alteracoes", "zusammenfassung der anderungen", "samenvatting wijzigingen", "raggiunt*", "achieved", "atteint*", "alcanzad*", "alcancad*", "behaald", "risolt*", "resolved", "solved", "resolu*", "resuelt*", "resolvid*", "gelost", "opgelost", "problemi risolti", "problemes resolus", "problemas resueltos", "problemas resolvidos", "issues resolved", "gebaut", "geschafft", "implemente*", "implementiert", "geimplementeerd", "implementat*", "wijziging", "laatste wijziging", "last change", "last changes", "수행", "改动", "進捗", "已修复", "修正済",
      "done", "completed", "complete", "accomplished", "accomplishment*", "what was done", "what changed", "changes",
      "changes made", "changelog", "shipped", "what shipped", "landed", "what landed", "delivered", "progress", "results",
      "built", "what was built", "implemented", "what we did", "what i did", "this session", "work done",
      "recently completed", "tasks completed", "fixed", "fixes",
      "erledigt", "abgeschlossen", "fertig", "anderungen", "aenderungen", "erreicht", "umgesetzt", "fait", "realise*",
      "termine*", "accompli*", "changements", "modifications", "livre*", "ajoute", "a change", "hecho", "completado*",
      "realizado*", "cambios", "logros", "implementado*", "feito", "concluido*", "mudancas", "alteracoes", "entregue",
      "foi entregue", "fatto", "completat*", "modifiche", "realizzat*", "gedaan", "afgerond", "voltooid", "veranderd",
      "wijzigingen", "is gedaan",
      "完了", "実施内容", "やったこと", "変更点", "成果", "実装内容", "達成", "完成", "已完成", "变更", "修复", "新增",
      "本轮", "완료", "변경", "성과", "한 일", "구현", "어디까지 했",
    ],
    medium: ["결과", "変更", "修改", "结果", "session log", "history", "verlauf"],
    weak: ["session"],
  },
  acceptance: {
    strong: ["checklist*", "checkliste", "lista de verificacion", "liste de controle", "チェックリスト", "检查清单", "체크리스트", "動作確認", "確認手順",
      "acceptance", "acceptance criteria", "definition of done", "done when", "verification", "verify",
      "validation", "validate", "test", "requirement coverage", "return handoff", "report back", "完了報告", "tests", "testing", "test plan", "success criteria", "exit criteria",
      "quality gate*", "checks", "check results", "how to test", "how to verify", "self check", "evidence", "checklist",
      "abnahmekriterien", "akzeptanzkriterien", "verifikation", "prufung", "validierung", "criteres d'acceptation",
      "verification", "tester", "criteres de succes", "criterios de aceptacion", "validacion", "verificacion", "pruebas",
      "criterios de aceitacao", "validacao", "verificacao", "testes", "criteri di accettazione", "verifica",
      "validazione", "acceptatiecriteria", "verificatie", "validatie", "testen", "getest",
      "受け入れ条件", "受入基準", "検証", "テスト", "確認方法", "完了条件", "验收", "验证", "测试", "인수 조건", "수용 기준",
      "검증", "테스트", "완료 조건",
    ],
    medium: ["確認", "criteria", "baseline", "qa", "verified"],
    weak: [],
  },
  skills: {
    strong: [
      "skills", "suggested skills", "required skills", "tools", "tooling", "suggested tools", "agents available",
      "available agents", "fahigkeiten", "werkzeuge", "competences", "outils", "habilidades", "herramientas",
      "ferramentas", "competenze", "strumenti", "vaardigheden", "agentes disponiveis",
      "スキル", "ツール", "技能", "工具", "스킬", "도구",
    ],
    medium: ["agents", "agentes"],
    weak: [],
  },
};
