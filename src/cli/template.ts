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

/** `Fix the flaky login test!` → `fix-the-flaky-login-test`, at most 60 characters. */
export function slugify(title: string): string {
  const slug = title
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return slug || "handoff";
}
