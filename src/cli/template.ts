// The skeleton `handoff new` writes: every canonical section once, with a one-line prompt each,
// so that a person or an agent fills it in rather than inventing a shape.

export function handoffTemplate(title: string, today: string): string {
  return `---
title: ${JSON.stringify(title)}
kind: handoff
# parent: "#12"          # the issue or pull request this work belongs to
# labels: [agent]
# agent: claude-code
# skills: []
---

# ${title}

## Reason
Why this is being handed off, in one or two sentences.

## Context
Where things stand (${today}): what exists, what was tried.

## Scope
- What the next session should do.

## Out of scope
- What it must not touch or repeat.

## Pointers
- \`path/to/file.ts:10-20\`: why it matters.

## Decisions
- What was decided, and why.

## Open questions
- What is still unknown.

## Next steps
1. The exact next action.

## Acceptance
- How to tell the work is done.
`;
}

/** The longest slug, in characters (not bytes: 60 CJK characters are 180 bytes, still far below 255). */
const MAX_SLUG_CHARS = 60;

/**
 * A readable file name from a title in any script: `Fix the flaky login test!` → `fix-the-flaky-login-test`,
 * `Café: überprüfen` → `cafe-uberprufen` (accents dropped from Latin letters only, so that other scripts keep
 * their marks), `ログインのテストを直す` → `ログインのテストを直す`. Only letters, marks and digits survive; the rest
 * becomes single hyphens. `handoff` when nothing is left (a title of emoji).
 */
export function slugify(title: string): string {
  const words = title
    .normalize("NFKD")
    .replace(/(\p{Script=Latin})\p{M}+/gu, "$1")
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  // Cut by code points, never inside a surrogate pair, then drop a trailing hyphen the cut left.
  const slug = Array.from(words).slice(0, MAX_SLUG_CHARS).join("").replace(/-+$/, "");
  return slug || "handoff";
}
