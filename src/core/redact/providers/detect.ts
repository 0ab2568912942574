// Runs the provider table. One pass of a single regex finds every anchor (a literal such as `sk_live_` or `AIza`);
// only at an anchor are its rules tried, sticky, so a megabyte costs one scan plus a few short matches per anchor
// rather than a hundred scans. Word boundaries are checked in code, not with lookbehinds, which keeps each rule's
// regex plain enough for recheck to prove linear.

import { shannonEntropy } from "../entropy.js";
import type { Detector, Finding } from "../finding.js";
import { CLOUD_RULES } from "./cloud.js";
import { CODE_HOSTING_RULES } from "./code-hosting.js";
import type { ProviderRule } from "./rule.js";
import { SERVICE_RULES } from "./services.js";

/** Every provider format, in one table. */
export const PROVIDER_RULES: readonly ProviderRule[] = [...CODE_HOSTING_RULES, ...CLOUD_RULES, ...SERVICE_RULES];

const DEFAULT_MIN_ENTROPY = 3;

function escapeLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

interface AnchorIndex {
  /** Anchors of rules that start at their anchor, keyed by the anchor's first two UTF-16 units (or one, for 1-char). */
  byHead: Map<number, string[]>;
  /** Anchors of rules with a `lead`: they sit inside a word, so one small regex finds them. */
  leadScan: RegExp;
  rules: Map<string, ProviderRule[]>;
  /** 1 for the ASCII characters some anchor starts with: most word starts are rejected on one lookup. */
  firstChars: Uint8Array;
}

function headKey(c0: number, c1: number): number {
  return c0 * 65536 + c1;
}

function buildIndex(rules: readonly ProviderRule[]): AnchorIndex {
  const byAnchor = new Map<string, ProviderRule[]>();
  const leadAnchors = new Set<string>();
  for (const rule of rules) {
    for (const a of rule.anchors) {
      byAnchor.set(a, [...(byAnchor.get(a) ?? []), rule]);
      if (rule.lead) leadAnchors.add(a);
    }
  }
  const byHead = new Map<number, string[]>();
  for (const a of byAnchor.keys()) {
    if (leadAnchors.has(a)) continue;
    const key = headKey(a.charCodeAt(0), a.length > 1 ? a.charCodeAt(1) : -1);
    byHead.set(key, [...(byHead.get(key) ?? []), a]);
  }
  const leadSource = [...leadAnchors]
    .sort((a, b) => b.length - a.length)
    .map(escapeLiteral)
    .join("|");
  const firstChars = new Uint8Array(128);
  for (const a of byAnchor.keys()) if (!leadAnchors.has(a) && a.charCodeAt(0) < 128) firstChars[a.charCodeAt(0)] = 1;
  return { byHead, firstChars, leadScan: new RegExp(leadSource, "g"), rules: byAnchor };
}

const INDEX = buildIndex(PROVIDER_RULES);

/** Each lead's character class as an ASCII lookup table (lead classes are ASCII). */
const LEAD_CHARS = new Map<ProviderRule, Uint8Array>(
  PROVIDER_RULES.filter((rule) => rule.lead).map((rule) => {
    const table = new Uint8Array(128);
    for (let c = 0; c < 128; c += 1) if (rule.lead?.chars.test(String.fromCharCode(c))) table[c] = 1;
    return [rule, table];
  }),
);

/** One private sticky copy per rule, compiled once: the table's own regexes are never mutated. */
const STICKY = new Map<ProviderRule, RegExp>(
  PROVIDER_RULES.map((rule) => [
    rule,
    new RegExp(rule.regex.source, rule.regex.flags.includes("y") ? rule.regex.flags : `${rule.regex.flags}y`),
  ]),
);

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** A token starts at `start` when no letter or digit stands before it; a `\n`/`\t` escape in a string counts as a break. */
function boundaryBefore(text: string, start: number): boolean {
  return start === 0 || !isWordChar(text.charCodeAt(start - 1)) || isEscapeBefore(text, start);
}

/** `\n`, `\r` or `\t` just before `at`: a line break escaped inside a string, so a word may start at `at`. */
function isEscapeBefore(text: string, at: number): boolean {
  const c = text.charCodeAt(at - 1);
  return (c === 110 || c === 114 || c === 116) && text.charCodeAt(at - 2) === 92;
}

function boundaryAfter(text: string, end: number): boolean {
  return end >= text.length || !isWordChar(text.charCodeAt(end));
}

/** Where a rule's match starts for an anchor at `at`, or -1 when the characters before it do not fit `lead`. */
function matchStart(text: string, rule: ProviderRule, at: number): number {
  if (!rule.lead) return at;
  const { min, max } = rule.lead;
  const chars = LEAD_CHARS.get(rule);
  let n = 0;
  while (n <= max && at - n - 1 >= 0 && chars?.[text.charCodeAt(at - n - 1)] === 1) n += 1;
  return n < min ? -1 : at - Math.min(n, max);
}

/** The finding for `rule` at an anchor at `at`, or undefined. */
function tryRule(text: string, rule: ProviderRule, at: number): Finding | undefined {
  const start = matchStart(text, rule, at);
  if (start === -1 || !boundaryBefore(text, start)) return undefined;
  const regex = STICKY.get(rule) ?? rule.regex;
  regex.lastIndex = start;
  const m = regex.exec(text);
  if (!m || !boundaryAfter(text, start + m[0].length)) return undefined;
  const span = m.indices?.[1] ?? [start, start + m[0].length];
  const secret = text.slice(span[0], span[1]);
  const verified = rule.checksum?.(m[0]) ?? false;
  if (!verified && shannonEntropy(secret) < (rule.minEntropy ?? DEFAULT_MIN_ENTROPY)) return undefined;
  return { start: span[0], end: span[1], kind: rule.kind };
}

function tryAnchor(text: string, anchor: string, at: number, found: Finding[]): void {
  for (const rule of INDEX.rules.get(anchor) ?? []) {
    const finding = tryRule(text, rule, at);
    if (finding) found.push(finding);
  }
}

/**
 * Provider tokens anywhere in `text`, whatever stands around them (no secret-like name is needed). A token starts
 * where a word starts, so only word starts are looked up (by their first two characters): one linear walk,
 * however adversarial the text, instead of a hundred-way alternation tried at every position.
 */
export const findProviderTokens: Detector = (text) => {
  const found: Finding[] = [];
  const { byHead, firstChars } = INDEX;
  let previousIsWord = false;
  for (let i = 0; i < text.length; i += 1) {
    const c0 = text.charCodeAt(i);
    const startsWord = !previousIsWord || isEscapeBefore(text, i);
    previousIsWord = isWordChar(c0);
    if (!startsWord || c0 >= 128 || firstChars[c0] === 0) continue;
    const two = byHead.get(headKey(c0, text.charCodeAt(i + 1)));
    if (two) for (const anchor of two) if (text.startsWith(anchor, i)) tryAnchor(text, anchor, i, found);
    const one = byHead.get(headKey(c0, -1));
    if (one) for (const anchor of one) tryAnchor(text, anchor, i, found);
  }
  const scan = new RegExp(INDEX.leadScan.source, "g");
  for (let m = scan.exec(text); m; m = scan.exec(text)) tryAnchor(text, m[0], m.index, found);
  return found;
};
