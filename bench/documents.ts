// Generators for the documents the bench feeds the core and the App. Deterministic (a seeded generator),
// so every run and every machine measures the same text.

import type { PrepareOptions } from "../src/core/prepare.js";
import { seeded } from "../test/fixtures/redact/fakes.js";

const WORDS = (
  "the sync worker retries on every answer so a 422 loops until the job times out we need to stop retrying " +
  "client errors except 429 and keep the backoff for 5xx answers the test suite mocks the queue and the clock " +
  "which hides the race between the lease renewal and the ack handler parser config cache token refresh " +
  "migration schema index deadline flaky integration fixture snapshot rollback feature flag telemetry"
).split(" ");

const FILES = [
  "src/sync/worker.ts",
  "src/sync/backoff.ts",
  "src/queue/lease.ts",
  "test/sync/worker.test.ts",
  "src/api/client.ts",
  "docs/sync.md",
];

function sentence(next: () => number, words = 8 + Math.floor(next() * 14)): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(next() * WORDS.length)]!);
  const text = out.join(" ");
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

function paragraph(next: () => number): string {
  const count = 2 + Math.floor(next() * 4);
  return Array.from({ length: count }, () => sentence(next)).join(" ");
}

function pointer(next: () => number): string {
  const file = FILES[Math.floor(next() * FILES.length)]!;
  const start = 1 + Math.floor(next() * 300);
  return `- \`${file}:${start}-${start + Math.floor(next() * 40)}\` — ${sentence(next, 6)}`;
}

const CODE = [
  "```ts",
  "export async function retry<T>(task: () => Promise<T>, attempts = 5): Promise<T> {",
  "  for (let i = 0; ; i++) {",
  "    try {",
  "      return await task();",
  "    } catch (error) {",
  "      if (i + 1 >= attempts || !isRetryable(error)) throw error;",
  "      await sleep(2 ** i * 100);",
  "    }",
  "  }",
  "}",
  "```",
].join("\n");

const LOG = [
  "```",
  "FAIL test/sync/worker.test.ts > retries a 503 three times",
  "AssertionError: expected 4 calls, got 5",
  "    at /home/runner/work/widgets/widgets/test/sync/worker.test.ts:88:21",
  "    at processTicksAndRejections (node:internal/process/task_queues:105:5)",
  "```",
].join("\n");

/** One ~1.5–3 KB block of a realistic handoff body: a sub-heading, prose, a list, pointers, sometimes code. */
function block(next: () => number, index: number): string {
  const parts = [`### ${sentence(next, 4).slice(0, -1)} (${index})`, paragraph(next)];
  parts.push(Array.from({ length: 3 + Math.floor(next() * 4) }, () => `- ${sentence(next)}`).join("\n"));
  parts.push(Array.from({ length: 2 }, () => pointer(next)).join("\n"));
  const roll = next();
  if (roll < 0.3) parts.push(CODE);
  else if (roll < 0.45) parts.push(LOG);
  // What redaction exists for turns up now and then: an address, a home directory.
  if (index % 7 === 3)
    parts.push(`Ask dev${index}@example.com about the staging account; logs are in /Users/dev${index}/widgets/logs.`);
  return parts.join("\n\n");
}

/** A realistic handoff document of about `size` bytes (characters; the text is ASCII but for a dash). */
export function realisticHandoff(size: number, seed = 1): string {
  const next = seeded(seed);
  const head = [
    "---",
    "title: Stop the sync worker retrying client errors",
    "status: in-progress",
    "labels: [sync, reliability]",
    "---",
    "",
    "# Stop the sync worker retrying client errors",
    "",
    "Status: in progress",
    "Branch: fix/sync-retries",
    "",
    "## Context",
    paragraph(next),
    "",
    "## Goal",
    sentence(next),
    "",
    "## Done so far",
  ].join("\n");
  const tail = [
    "",
    "## Next steps",
    "1. Stop retrying 4xx answers other than 429.",
    "2. Add a test for a 422.",
    "",
    "## Open questions",
    `- ${sentence(next)}`,
    "",
  ].join("\n");
  let body = "";
  for (let index = 1; head.length + body.length + tail.length < size; index++) body += `\n${block(next, index)}\n`;
  const text = `${head}${body}${tail}`;
  if (text.length <= size) return text;
  // Trim the last block at a line boundary so the document still ends with its closing sections.
  const keep = size - tail.length - head.length;
  const cut = body.lastIndexOf("\n", keep);
  return `${head}${body.slice(0, Math.max(0, cut))}${tail}`;
}

export const MB = 1024 * 1024;

/** Repeats `unit` up to `size` bytes of UTF-8 (prefix and suffix included): the document limit is in bytes. */
function fill(unit: string, size = MB, prefix = "", suffix = ""): string {
  const room = size - Buffer.byteLength(prefix) - Buffer.byteLength(suffix);
  const unitBytes = Buffer.byteLength(unit);
  const whole = Math.floor(room / unitBytes);
  // Top up with the unit's first character when it is one byte, so ASCII inputs are exactly `size`.
  const rest = unit.charCodeAt(0) < 0x80 ? unit[0]!.repeat(room - whole * unitBytes) : "";
  return `${prefix}${unit.repeat(whole)}${rest}${suffix}`;
}

/**
 * Inputs (1 MB in the table, smaller for the growth check) shaped to make each redaction pattern, the parser and the renderer backtrack or blow up if
 * they can: runs that almost match, openers with no closer, and structure in extreme amounts.
 */
export const ADVERSARIAL: Readonly<Record<string, { why: string; make: (size: number) => string }>> = {
  "email-dots": {
    why: "`a@a.a.a…`: an address whose domain never ends",
    make: (size) => fill("a.", size, "# T\n\na@"),
  },
  "email-ats": {
    why: "`a@a@a@…`: every character could start an address",
    make: (size) => fill("a@", size, "# T\n\n"),
  },
  "github-token": { why: "`ghp_` + a megabyte of token characters", make: (size) => fill("a", size, "# T\n\nghp_") },
  "token-dots": {
    why: "`ghp_…` with a dot every 21 characters (dotted installation tokens)",
    make: (size) => fill("aaaaaaaaaaaaaaaaaaaa.", size, "# T\n\nghs_"),
  },
  jwt: { why: "`eyJ…` segments that never complete a JWT", make: (size) => fill("eyJaaaaa.", size, "# T\n\n") },
  "pem-no-end": {
    why: "a PEM BEGIN line and a megabyte of body with no END",
    make: (size) => fill("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=\n", size, "# T\n\n-----BEGIN RSA PRIVATE KEY-----\n"),
  },
  "pem-begins": {
    why: "`-----BEGIN ` over and over, never a key",
    make: (size) => fill("-----BEGIN RSA PRIVATE ", size, "# T\n\n"),
  },
  digits: {
    why: "one run of a million digits (phone numbers, entropy)",
    make: (size) => fill("1234567890", size, "# T\n\n"),
  },
  "phone-groups": {
    why: "`+1 12 12 12 …`: a phone number that never ends",
    make: (size) => fill(" 12", size, "# T\n\n+1"),
  },
  "unix-homes": { why: "`/Users/` repeated", make: (size) => fill("/Users/", size, "# T\n\n") },
  "windows-home": {
    why: "`C:\\Users\\` and a name of words that never reaches a separator",
    make: (size) => fill("ab ", size, "# T\n\nC:\\Users\\"),
  },
  assignments: {
    why: "`a=a=a=…` and `token: ` runs (env-style secrets)",
    make: (size) => fill("token=a=", size, "# T\n\n"),
  },
  "url-credentials": { why: "`a://a:a:a:…` with no `@`", make: (size) => fill("a:", size, "# T\n\nhttps://") },
  bearer: { why: "`Bearer Bearer …` (auth schemes)", make: (size) => fill("Bearer ", size, "# T\n\nAuthorization: ") },
  "high-entropy": {
    why: "a megabyte of base64 noise in one word",
    make: (size) => fill("Zq8xR2d2C3poT1000Hal9000KittY7w", size, "# T\n\n"),
  },
  "provider-anchors": {
    why: "`sk-ant-sk-ant-…`: a provider anchor at every word start, never a token",
    make: (size) => fill("sk-ant-", size, "# T\n\n"),
  },
  "lead-anchors": {
    why: "`1Q~1Q~…` and `-us1`: anchors found inside words (Azure AD, Mailchimp)",
    make: (size) => fill("aaaa1Q~-us1", size, "# T\n\n"),
  },
  "percent-escapes": {
    why: "a megabyte of `%41%5F`: every line decoded (layer 3)",
    make: (size) => fill("%41%5F", size, "# T\n\n"),
  },
  "entities-and-markup": {
    why: "`a&#95;<!-- -->**`: entities and splitting markup between token characters",
    make: (size) => fill("a&#95;<!-- -->**b", size, "# T\n\n"),
  },
  "base64-words": {
    why: "40-character base64 words that decode to text (each one decoded and scanned)",
    make: (size) => fill("dGhlIHF1aWNrIGJyb3duIGZveCBqdW1wcyBvdmVyIHRo ", size, "# T\n\n"),
  },
  "aws-ids": {
    why: "AWS key ids with 40-character words around them (proximity windows)",
    make: (size) => fill("AKIAABCDEFGHIJKLMNOP Abcdefghij0123456789abcdefghijABCDEFGHIJ\n", size, "# T\n\n"),
  },
  "table-rows": {
    why: "a table whose password column runs a megabyte",
    make: (size) => fill("| x | y |\n", size, "# T\n\n| user | password |\n| --- | --- |\n"),
  },
  flags: { why: "`--token --token …`: flags without values", make: (size) => fill("--token ", size, "# T\n\n") },
  headings: {
    why: "ten thousand headings (at 1 MB), with text between",
    make: (size) => fill(`## Next steps\n${"x".repeat(88)}\n`, size, "# T\n\n"),
  },
  "one-line": {
    why: "one enormous line of prose, no newline",
    make: (size) => fill("the worker retries ", size, "# T "),
  },
  "open-fences": {
    why: "code fences that never close, and backticks",
    make: (size) => fill("```\n`", size, "# T\n\n"),
  },
  "nested-quotes": {
    why: "blockquotes and lists nested as deep as the text allows",
    make: (size) => fill("> - ", size, "# T\n\n"),
  },
  "html-comments": {
    why: "`<!--` openers with no close (hidden text is stripped)",
    make: (size) => fill("<!-- a ", size, "# T\n\n"),
  },
  invisible: {
    why: "zero-width and bidi characters (sanitised)",
    make: (size) => fill("a\u200b\u202e", size, "# T\n\n"),
  },
  frontmatter: { why: "a megabyte of YAML frontmatter", make: (size) => fill("k: v\n", size, "---\n", "\n---\n# T\n") },
};

/** A comment body that files a handoff: `/handoff` and a document of about `size` bytes. */
export function handoffComment(size: number, seed = 1): string {
  return `/handoff\n${realisticHandoff(size, seed)}`;
}

/** Where the core is told a benchmarked document came from: a comment on issue 1, as a /handoff files it. */
export const PREPARE_OPTIONS: PrepareOptions = {
  source: {
    type: "comment",
    repo: "octo-org/widgets",
    commentId: 1,
    url: "https://github.com/octo-org/widgets/issues/1#issuecomment-1",
    thread: 1,
  },
  author: "alice",
};
