// Lint findings about what a handoff says, not how it is written: stating why the work changes hands is what sharpens
// both sessions, a handoff with no next step leaves the next session to guess, and a generic title ("Handoff",
// "Status") names nothing in an issue list. Warnings only: a handoff without them still files. Each rule is small
// and separate, so others can add theirs beside them.
import { sectionText } from "../sections.js";
import type { Diagnostic, HandoffDocument } from "../types.js";

/** Titles that say a document is a handoff or notes, and nothing about its work; compared after `genericKey`. */
export const GENERIC_TITLES: ReadonlySet<string> = new Set([
  "handoff",
  "handoffs",
  "hand off",
  "handover",
  "hand over",
  "session handoff",
  "handoff notes",
  "handoff document",
  "agent handoff",
  "next session",
  "next session handoff",
  "status",
  "current status",
  "status update",
  "update",
  "notes",
  "session notes",
  "session",
  "session summary",
  "summary",
  "progress",
  "claude progress",
  "progress notes",
  "todo",
  "todos",
  "to do",
  "wip",
  "work in progress",
  "context",
  "readme",
  "untitled",
  "untitled handoff",
  "draft",
  "übergabe",
  "notizen",
  "passation",
  "notes de session",
  "traspaso",
  "notas",
  "notas de sesión",
  "passagem",
  "引き継ぎ",
  "交接",
  "인수인계",
]);

/** Exported so test/patterns-render.test.ts proves them linear. */
export const LINT_PATTERNS = {
  // Dates, times and numbers (`Handoff 2025-01-12`, `Session 3`), and file extensions (`HANDOFF.md`).
  noise: /\d+|\.(?:md|markdown|txt)\b/gi,
  notWord: /[^\p{L}\s]+/gu,
  whitespace: /\s+/g,
} as const;

const MAX_TITLE_SCAN = 300;

/** A title reduced to its words: lower case, without numbers, dates, punctuation or a file extension. */
export function genericKey(title: string): string {
  return title
    .slice(0, MAX_TITLE_SCAN)
    .toLowerCase()
    .replace(LINT_PATTERNS.noise, " ")
    .replace(LINT_PATTERNS.notWord, " ")
    .replace(LINT_PATTERNS.whitespace, " ")
    .trim();
}

/** The first line of the source that holds the title (its heading or `title:`), else 1. */
function titleLine(doc: HandoffDocument): number {
  const lines = doc.source.split("\n", 400);
  const index = lines.findIndex((line) => line.includes(doc.title));
  return index === -1 ? 1 : index + 1;
}

function warning(code: string, message: string, hint: string, line = 1): Diagnostic {
  return { severity: "warning", code, message, line, column: 1, hint };
}

export function noReason(doc: HandoffDocument): Diagnostic[] {
  if (doc.kind !== "handoff" || doc.reason || sectionText(doc, "reason") !== "") return [];
  return [
    warning(
      "no-reason",
      "The handoff does not say why the work is handed off",
      "add a `## Reason` section or `reason:` to the frontmatter, in a sentence or two",
    ),
  ];
}

export function noNextStep(doc: HandoffDocument): Diagnostic[] {
  if (doc.kind !== "handoff" || sectionText(doc, "next-steps") !== "") return [];
  return [
    warning(
      "no-next-step",
      "The handoff names no next step",
      "add a `## Next steps` section whose first item is the exact next action",
    ),
  ];
}

export function genericTitle(doc: HandoffDocument): Diagnostic[] {
  if (doc.kind !== "handoff" || !GENERIC_TITLES.has(genericKey(doc.title))) return [];
  return [
    warning(
      "generic-title",
      `The title "${doc.title.slice(0, 80)}" says nothing about the work`,
      "name the work in the title (`Make the nightly importer resumable`), in the first heading or `title:`",
      titleLine(doc),
    ),
  ];
}

/** Every structure rule's findings for a document, in rule order. */
export function structureWarnings(doc: HandoffDocument): Diagnostic[] {
  return [...noReason(doc), ...noNextStep(doc), ...genericTitle(doc)];
}
