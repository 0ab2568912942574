// The package's `agent-handoff/core` export: the pure pipeline (parse, redact, render) without Probot or
// Octokit, for tools that want to check or render handoff documents themselves.
export { hasErrors, parseHandoff } from "./parse.js";
export { prepareDocument, prepareIssue, prepareReturn } from "./prepare.js";
export type { PrepareOptions, PreparedHandoff, PreparedIssue, PreparedReturn } from "./prepare.js";
export { redact, RedactionError } from "./redact/index.js";
export type { RedactOptions } from "./redact/index.js";
export { renderIssue, renderReturnComment } from "./render.js";
export { SECTION_NAMES } from "./types.js";
export type { Diagnostic, HandoffDocument, HandoffKind, SectionName } from "./types.js";
