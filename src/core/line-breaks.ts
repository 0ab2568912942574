// markdown-it's own line breaks, in a module of their own so that code which only splits lines (the `/handoff`
// command's first-line fast path) does not load markdown-it to get them.

/** markdown-it's own line breaks: it normalises `\r\n` and a lone `\r` to `\n` before counting lines. */
export const LINE_BREAK_PATTERN = /\r\n?|\n/g;
