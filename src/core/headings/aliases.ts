// The exact-alias table: spellings that name a section for sure. The keyword classifier (classify.ts) handles the
// rest; an alias always wins over it, so adding a spelling here is the way to settle a heading once and for all.
import type { SectionName } from "../types.js";

/**
 * Headings people write, by the canonical section they mean. Compared after normalising: lower case, no markdown,
 * numbering, emoji, trailing colon or trailing `(…)`, `&` read as `and`. Add new spellings here; docs/handoff-format.md
 * must list them too (test/sections.test.ts checks).
 */
export const SECTION_ALIASES: Readonly<Record<SectionName, readonly string[]>> = {
  reason: ["reason", "reason for handoff", "handoff reason", "why", "why this handoff", "purpose", "goal", "goals", "objective", "objectives", "mission", "motivation", "intent", "the ask", "ask", "problem", "problem statement", "grund", "ziel", "目的"],
  context: ["context", "background", "current state", "current status", "current situation", "situation", "status", "state of play", "where we are", "where things stand", "summary", "session summary", "executive summary", "overview", "tl;dr", "tldr", "what's working", "important context", "technical context", "kontext", "hintergrund", "aktueller stand", "背景", "現状"],
  scope: ["scope", "in scope", "what to do", "task", "tasks", "the task", "your task", "assignment", "work items", "deliverables", "requirements", "what needs to be done", "plan", "umfang", "aufgabe", "aufgaben", "作業範囲", "タスク"],
  "out-of-scope": ["out of scope", "not in scope", "non-goals", "non goals", "what not to do", "do not", "don't", "dont", "don'ts", "do not repeat", "avoid", "things to avoid", "mistakes to avoid", "pitfalls", "lessons and don'ts", "noise to ignore", "deliberately not in scope", "exclusions", "nicht im umfang", "対象外"],
  pointers: ["pointers", "files", "key files", "relevant files", "important files", "files that matter", "files that matter most", "files changed", "files modified", "references", "sources of truth", "source of truth", "links", "resources", "key code locations", "code locations", "where to find things", "where to look", "reading list", "entry points", "dateien", "relevante dateien", "参考", "関連ファイル"],
  decisions: ["decisions", "decisions made", "decisions already made", "key decisions", "design decisions", "architecture decisions", "decision log", "choices made", "trade-offs", "tradeoffs", "rationale", "entscheidungen", "決定事項"],
  "open-questions": ["open questions", "questions", "unresolved questions", "unknowns", "blockers", "blocked", "blocked on", "blocked items", "risks", "risks and blockers", "blockers and risks", "concerns", "open issues", "known issues", "issues encountered", "caveats", "open items", "offene fragen", "risiken", "未解決の問題", "課題"],
  "next-steps": ["next steps", "next step", "next", "next up", "up next", "next action", "next actions", "exact next action", "next work item", "next session", "next session should", "where to start", "where to start next", "restart point", "pending", "pending tasks", "todo", "todos", "to do", "to-do", "remaining work", "still to do", "what's next", "what is next", "follow-ups", "follow-up", "follow ups", "specific todos", "nächste schritte", "次のステップ", "今後の作業"],
  done: ["done", "completed", "complete", "what was done", "what was just completed", "progress", "accomplished", "accomplishments", "changes made", "changes", "what changed", "work completed", "completed work", "work done", "what happened", "what happened this session", "what we did", "what i did", "results", "outcome", "shipped", "erledigt", "fortschritt", "完了", "実施内容"],
  acceptance: ["acceptance", "acceptance criteria", "definition of done", "done when", "verification", "how to verify", "how to test", "testing", "tests", "test plan", "success criteria", "exit criteria", "validation", "abnahmekriterien", "受け入れ条件"],
  skills: ["skills", "suggested skills", "required skills", "tools", "tooling", "suggested tools", "fähigkeiten", "スキル"],
};

/** Words in front of an alias that do not change its meaning (`Immediate next steps`, `Key decisions`). */
export const LEADING_FILLERS = ["the", "key", "immediate", "current", "recommended", "suggested", "important", "main", "relevant", "critical", "proposed", "remaining", "my", "our", "your"];
/** Phrases after an alias that do not change its meaning (`Next steps for the next agent`). */
const TRAILING_FILLERS = ["for next session", "for the next session", "for next agent", "for the next agent", "this session", "so far", "for the child", "for the parent"];


const WHITESPACE = /\s+/g;

const ALIAS_INDEX: ReadonlyMap<string, SectionName> = new Map(
  (Object.entries(SECTION_ALIASES) as [SectionName, readonly string[]][]).flatMap(([name, aliases]) => [
    [name.replaceAll("-", " "), name] as const,
    ...aliases.map((alias) => [alias, name] as const),
  ]),
);

/** The section a cleaned heading names by an exact spelling (after fillers), or null: the sure hits. */
export function aliasOf(cleaned: string): SectionName | null {
  let key = cleaned.normalize("NFKC").toLowerCase().replaceAll("’", "'").replaceAll("&", " and ");
  if (key.endsWith(")") && key.lastIndexOf("(") > 0) key = key.slice(0, key.lastIndexOf("("));
  key = trimEndChars(key.replace(WHITESPACE, " "), " :：.!?？–—-").trim();
  const exact = ALIAS_INDEX.get(key);
  if (exact) return exact;
  for (const phrase of TRAILING_FILLERS) {
    if (key.endsWith(` ${phrase}`)) key = key.slice(0, -phrase.length - 1);
  }
  for (let words = key.split(" "); words.length > 0; words = words.slice(1)) {
    const found = ALIAS_INDEX.get(words.join(" "));
    if (found) return found;
    if (!LEADING_FILLERS.includes(words[0] as string)) break;
  }
  return null;
}


// Hand-written trim: a `[set]+$` pattern rescans from every position and is quadratic on long runs.
function trimEndChars(text: string, chars: string): string {
  let to = text.length;
  while (to > 0 && chars.includes(text[to - 1] as string)) to--;
  return text.slice(0, to);
}
