// File pointers written in prose (`src/foo.ts:10-20`, `src/foo.ts#L10-L20`, `` `package.json` ``) and their permalinks.
// Lines are cut into tokens by a linear scan, and each token is matched by an anchored pattern: no pattern ever
// searches a whole line, so a 1 MB line costs one pass.
import { forEachLine } from "./line-breaks.js";
import type { FilePointer } from "./types.js";

export const POINTER_PATTERNS = {
  // A path, optionally followed by `:10`, `:10-20`, `#L10` or `#L10-L20`. Segments exclude `/`, so they cannot overlap.
  pointer: /^([\w@.-]{1,255}(?:\/[\w@.-]{1,255}){0,64})(?::(\d{1,7})(?:-(\d{1,7}))?|#L(\d{1,7})(?:-L?(\d{1,7}))?)?$/,
  fence: /^ {0,3}(`{3,}|~{3,})/,
  tokenChar: /[\w@./:#-]/,
  // Lines are cut as this pattern would cut them (forEachLine).
  newline: /\r\n|\r|\n/,
  // A cheap test before the full pattern: a pointer in prose needs a line number (`:10`, `#L10`).
  lineNumber: /[:#]L?\d/,
} as const;

/** Extensions a one-segment path must have to count: without a `/`, `example.com` and `node-20.x` look like files. */
const SINGLE_SEGMENT_EXTENSIONS = new Set(
  (
    "md mdx txt json jsonc json5 yml yaml toml ini cfg conf env lock xml csv ts tsx mts cts js jsx mjs cjs py pyi rs go rb java kt kts " +
    "c h cc cpp hpp cs swift m mm php vue svelte astro html css scss sass less sql sh bash zsh fish ps1 bat gradle properties " +
    "proto graphql gql ipynb r jl dart scala clj ex exs erl hs ml lua zig nix tf tfvars hcl dockerfile mk cmake gemspec podspec"
  ).split(" "),
);
/** Files that are commonly named without an extension. */
const EXTENSIONLESS_FILES = new Set([
  "Makefile",
  "Dockerfile",
  "Containerfile",
  "Justfile",
  "justfile",
  "Gemfile",
  "Rakefile",
  "Procfile",
  "Jenkinsfile",
  "Vagrantfile",
  "LICENSE",
  "CODEOWNERS",
]);
/** A first segment ending like a domain is a host, not a folder. */
const DOMAIN_ENDINGS = new Set(["com", "org", "net", "io", "dev", "ai", "co", "app", "gov", "edu", "sh", "me"]);

const MAX_POINTERS = 1_000;

/** The file pointers in a markdown body (outside fenced code), de-duplicated, with their document lines. */
export function findPointers(body: string, bodyLine: number): FilePointer[] {
  const found = new Map<string, FilePointer>();
  const add = (raw: string, requireLines: boolean, index: number): void => {
    const pointer = readPointer(raw, requireLines, bodyLine + index);
    if (!pointer || found.size >= MAX_POINTERS) return;
    const key = `${pointer.path}:${pointer.startLine ?? ""}-${pointer.endLine ?? ""}`;
    if (!found.has(key)) found.set(key, pointer);
  };
  let fence: string | null = null;
  forEachLine(body, (line, index) => {
    const marker = POINTER_PATTERNS.fence.exec(line)?.[1];
    if (fence !== null) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = null;
      return;
    }
    if (marker) {
      fence = marker;
      return;
    }
    // Quoted logs and stack traces live in fences; in prose, a bare path counts only with a line number.
    if (POINTER_PATTERNS.lineNumber.test(line)) for (const token of tokens(line)) add(token, true, index);
    // A code span needs two backticks; most lines have none.
    if (line.indexOf("`") === line.lastIndexOf("`")) return;
    const parts = line.split("`");
    for (let i = 1; i < parts.length - 1; i += 2) add((parts[i] as string).trim(), false, index);
  });
  return [...found.values()];
}

function* tokens(line: string): Generator<string> {
  let start = -1;
  for (let i = 0; i <= line.length; i++) {
    const inToken = i < line.length && isPointerChar(line.charCodeAt(i));
    if (inToken && start === -1) start = i;
    if (!inToken && start !== -1) {
      yield trimTrailingPunctuation(line.slice(start, i));
      start = -1;
    }
  }
}

/** POINTER_PATTERNS.tokenChar by character code: a string and a match per character cost more than the scan. */
export function isPointerChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 64 && c <= 90) /* @ A-Z */ ||
    (c >= 45 && c <= 58) /* - . / 0-9 : */ ||
    c === 95 ||
    c === 35
  );
}

function trimTrailingPunctuation(token: string): string {
  let end = token.length;
  while (end > 0 && ".,:;-".includes(token[end - 1] as string)) end--;
  return token.slice(0, end);
}

function readPointer(raw: string, requireLines: boolean, line: number): FilePointer | null {
  if (raw.length === 0 || raw.length > 2048 || raw.includes("://")) return null;
  const match = POINTER_PATTERNS.pointer.exec(raw);
  if (!match) return null;
  const start = match[2] ?? match[4];
  const end = match[3] ?? match[5];
  if (requireLines && start === undefined) return null;
  const path = withoutDotSegments(match[1] as string);
  if (!isFilePath(path)) return null;
  const pointer: FilePointer = { raw, path, line };
  const startLine = start === undefined ? 0 : Number(start);
  if (startLine > 0) {
    pointer.startLine = startLine;
    const endLine = end === undefined ? 0 : Number(end);
    if (endLine > startLine) pointer.endLine = endLine;
  }
  return pointer;
}

function withoutDotSegments(path: string): string {
  let rest = path;
  while (rest.startsWith("./")) rest = rest.slice(2);
  return rest;
}

/** Whether text in a pointer's position names a file: versions, abbreviations, hosts and e-mail addresses do not. */
function isFilePath(path: string): boolean {
  const segments = path.split("/");
  const last = segments[segments.length - 1] as string;
  for (const [i, segment] of segments.entries()) {
    if (segment === "" || segment.includes("@", 1)) return false;
    if ((segment === "." || segment === "..") && segments.slice(0, i).some((s) => s !== "..")) return false;
    if (segment.endsWith(".") && segment !== "." && segment !== "..") return false;
  }
  if (segments.length > 1 && DOMAIN_ENDINGS.has(extension(segments[0] as string) ?? "")) return false;
  if (EXTENSIONLESS_FILES.has(last)) return true;
  const ext = extension(last);
  if (ext === null || !hasLetter(ext) || ext.length > 16) return false;
  return segments.length > 1 || last.startsWith(".") || SINGLE_SEGMENT_EXTENSIONS.has(ext.toLowerCase());
}

/** The text after the last dot (`ts` of `a.d.ts`; `gitignore` of `.gitignore`); null without a dot. */
function extension(name: string): string | null {
  const dot = name.lastIndexOf(".");
  return dot === -1 || dot === name.length - 1 ? null : name.slice(dot + 1);
}

function hasLetter(text: string): boolean {
  for (const c of text) if (c.toLowerCase() !== c.toUpperCase()) return true;
  return false;
}

/** A permanent link to the pointed lines: `https://github.com/o/r/blob/<ref>/<path>#L10-L20`. */
export function permalink(
  p: FilePointer,
  at: { serverUrl?: string; owner: string; repo: string; ref: string },
): string {
  let server = at.serverUrl ?? "https://github.com";
  while (server.endsWith("/")) server = server.slice(0, -1);
  const encode = (value: string): string => value.split("/").map(encodeURIComponent).join("/");
  const anchor =
    p.startLine === undefined
      ? ""
      : p.endLine !== undefined && p.endLine !== p.startLine
        ? `#L${p.startLine}-L${p.endLine}`
        : `#L${p.startLine}`;
  return `${server}/${encodeURIComponent(at.owner)}/${encodeURIComponent(at.repo)}/blob/${encode(at.ref)}/${encode(withoutDotSegments(p.path))}${anchor}`;
}
