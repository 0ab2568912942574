// Layer 2's two judgements: is a name secret-like, and is the value next to it a secret or code? Handoffs are full of
// code (`refresh(token: string)`, `password: process.env.X`, `token = getToken()`), i18n strings and prose, so a
// value must look like a literal credential, not a type, a reference, a call, a path, a host or a sentence.

import { shannonEntropy } from "../entropy.js";
import { CODE_VALUE_RE, DIGITS_ONLY_RE, PLACEHOLDER_VALUE_RE } from "../patterns.js";

/** How much a name says: any value of a password is secret; a token's must look random; a `*_KEY`'s very random. */
export type NameStrength = "password" | "strong" | "weak";

const PASSWORD_NAME_RE =
  /passw(?:or)?d|passphrase|passwd|(?:^|[_.\s-])(?:pwd|pass|pw)$|^pass(?:[_.-]|$)|[_.-]pwd[_.-]/i;
const STRONG_NAME_RE =
  /secret|token|api[_.\s-]?key|apikey|private[_.\s-]?key|credential|creds?$|^creds?[_.-]|auth(?!or)|access[_.\s-]?key|session[_.-]?(?:key|id)|sessionid|signing[_.\s-]?key|encryption[_.\s-]?key|client[_.\s-]?secret|cookie|(?:^|[_.-])(?:salt|dsn)$|webhook[_.-]?url/i;
const WEAK_NAME_RE = /(?:^|[_.\s-])key$|[a-z]Key$|^key[_.-]|master[_.-]?key|app[_.-]?key/i;

/** Names that contain a secret word but name something else: durations, settings, i18n strings, references. */
const NOT_SECRET_NAME_RE =
  /^(?:OLD)?PWD$|(?:^|[_.-])(?:TTL|TIMEOUT|EXPIRY|EXPIRES|EXPIRES[_-]?IN|EXPIRED|LIFETIME|LENGTH|SIZE|COUNT|LIMIT|URL|URI|ENDPOINT|PATH|FILE|DIR|HEADER|NAME|TYPE|MODE|ENABLED|DISABLED|REQUIRED|PROVIDER|ID|PLACEHOLDER|LABEL|HINT|MESSAGE|MSG|TITLE|DESCRIPTION|DESC|TEXT|PROMPT|HELP|ERROR|ERRORS|TOOLTIP|CAPTION|HEADING|BUTTON|LINK|INVALID|MISSING|MISMATCH|RESET|FORGOT|CHANGED|STRENGTH|POLICY|RULES?|FORMAT|PATTERN|REGEX|FIELD|INPUT|KEYS|FORM|SCOPES?|AUDIENCE|ISSUER|ALGORITHM|ALG|METHOD|STRATEGY|VERSION|REF|REFS|ARN|VAULT|MANAGER|STORE|SERVICE|SOURCE)$/i;

const STRENGTH_CACHE = new Map<string, NameStrength | null>();

/** The name's strength, or null when it says nothing about secrets. Names repeat: each is judged once. */
export function nameStrength(rawName: string): NameStrength | null {
  const cached = STRENGTH_CACHE.get(rawName);
  if (cached !== undefined) return cached;
  const strength = judgeName(rawName);
  if (STRENGTH_CACHE.size > 10_000) STRENGTH_CACHE.clear();
  STRENGTH_CACHE.set(rawName, strength);
  return strength;
}

function judgeName(rawName: string): NameStrength | null {
  // `token.map`, `auth.type`: a dotted name is its last part (`db.password` is still a password).
  const trimmed = rawName.trim().replace(/^[*_`'"]+|[*_`'"]+$/g, "");
  const name = trimmed.includes(".") && !trimmed.endsWith(".") ? trimmed.slice(trimmed.lastIndexOf(".") + 1) : trimmed;
  if (name === "" || name.length > 64 || NOT_SECRET_NAME_RE.test(name)) return null;
  if (PASSWORD_NAME_RE.test(name)) return "password";
  if (STRONG_NAME_RE.test(name)) return "strong";
  if (WEAK_NAME_RE.test(name)) return "weak";
  return null;
}

const WORD_SPLIT_RE = /[_$]+|(?<=[a-z])(?=[A-Z])/;
const IDENTIFIER_RE = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const PROSE_WORD_RE = /^[A-Za-z][a-z'’]*[.,!?:;]?$/;
const GENERIC_TYPE_RE = /^[A-Za-z_$][\w$]*</;
const CODE_AFTER_RE = /^\s*[)\],;{}]/;
/** `token: ghp_…` inside a code span: an assignment of its own, read on its own (env-secret.ts), not one value. */
const NESTED_ASSIGNMENT_RE = /^[A-Za-z_][\w.-]{0,63}[ \t]*[:=]/;
/** Words a real credential does not spell out. */
const EXAMPLE_WORD_RE = /token|secret|passw|example|sample|dummy|fake|placeholder|changeme|your|redacted|xxxx|test/i;
/** Eight characters in sequence. */
const SEQUENCE_RE = /01234567|12345678|23456789|abcdefgh|ABCDEFGH|bcdefghi/;

/** `${token}`, `{{ .Values.x }}`, `$(cat f)` inside a value: a template, filled in elsewhere. */
const INTERPOLATION_RE = /\$\{|\{\{|\$\(/;

/** `acme-prod.firebaseapp.com`, `db.internal`: a host name is an address, not a secret. */
const HOST_RE = /^[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,8}(?::[0-9]{1,5})?$/;

/** Every regular expression of the gate, for the linearity test. */
export const GATE_PATTERNS: readonly RegExp[] = [
  INTERPOLATION_RE,
  HOST_RE,
  PASSWORD_NAME_RE,
  STRONG_NAME_RE,
  WEAK_NAME_RE,
  NOT_SECRET_NAME_RE,
  WORD_SPLIT_RE,
  IDENTIFIER_RE,
  PROSE_WORD_RE,
  GENERIC_TYPE_RE,
  CODE_AFTER_RE,
  NESTED_ASSIGNMENT_RE,
  EXAMPLE_WORD_RE,
  SEQUENCE_RE,
];

/**
 * Random-looking: long, near 4 bits a character, and not words joined into an identifier (`optionsToCacheKey`
 * mixes cases and is long, but is code). Letters with digits are enough from 16 characters; letters alone need more.
 */
export function looksRandom(value: string): boolean {
  if (value.length < 12 || isWordyIdentifier(value)) return false;
  const entropy = shannonEntropy(value);
  const letters = /[A-Za-z]/.test(value);
  const digits = /[0-9]/.test(value);
  const mixedCase = /[a-z]/.test(value) && /[A-Z]/.test(value);
  if (value.length >= 16 && letters && digits && entropy >= 3.3) return true;
  if (value.length >= 20 && mixedCase && entropy >= 4) return true;
  return value.length >= 24 && entropy >= 3.8;
}

/**
 * A documentation example rather than a credential: an ellipsis, a run of sequential characters
 * (`1234567890abcdef…`), a repeated unit, or a value that names itself (`usertoken123`, `my-secret`).
 */
export function isExampleValue(value: string): boolean {
  if (EXAMPLE_WORD_RE.test(value) || value.includes("...") || value.includes("…")) return true;
  if (SEQUENCE_RE.test(value)) return true;
  for (let unit = 1; unit <= 8 && unit * 3 <= value.length; unit += 1) {
    if (
      value
        .slice(0, unit)
        .repeat(Math.ceil(value.length / unit))
        .startsWith(value)
    )
      return true;
  }
  return false;
}

/** `fallbackSecret`, `user_token`, `TokenInfo`: words joined into an identifier, which code assigns, not secrets. */
function isWordyIdentifier(value: string): boolean {
  if (!IDENTIFIER_RE.test(value) || /[0-9]/.test(value)) return false;
  const words = value.split(WORD_SPLIT_RE).filter(Boolean);
  return words.length > 0 && words.every((w) => w.length <= 14 && /[aeiouy]/i.test(w));
}

/** A sentence, not a credential: several words of letters (i18n strings, labels, error messages). */
function isProse(value: string): boolean {
  const words = value.split(/\s+/).filter(Boolean);
  if (words.length < 3) return false;
  const wordy = words.filter((w) => PROSE_WORD_RE.test(w)).length;
  return wordy >= Math.ceil(words.length * 0.6);
}

/** Dotted values are code (`process.env.X`) unless a segment looks random (`hvs.CAES…`, `s.Xk3…`). */
function isCodeValue(value: string): boolean {
  if (GENERIC_TYPE_RE.test(value)) return true; // a generic type: Map<string, …>, Promise<void>
  if (!CODE_VALUE_RE.test(value)) return false;
  if (value.startsWith("/")) return !value.split("/").some((segment) => looksRandom(segment) && !segment.includes("."));
  return !value.split(/[.()[\]]/).some((segment) => looksRandom(segment));
}

export interface ValueContext {
  /** The value was quoted (`"…"`, `'…'`, `` `…` ``): it is a literal, not code. */
  quoted: boolean;
  /** What follows a bare value on its line: `)`/`,`/`{` there means code (`secret = fallback)`). */
  after: string;
}

/** Trailing punctuation a bare value picks up from code around it: `string):`, `token;`. */
export function trimBareValue(value: string): string {
  return value.replace(/[)\]}>:;,.]+$/, "");
}

/** Whether `raw`, the value of a name of strength `strength`, is a secret. */
export function isSecretValue(strength: NameStrength, raw: string, context: ValueContext): boolean {
  const value = context.quoted ? raw.trim() : trimBareValue(raw.trim());
  // The cheapest test first: nothing of three characters or fewer is a secret here (a megabyte of table cells).
  if (value.length <= 3) return false;
  if (value === "" || PLACEHOLDER_VALUE_RE.test(value) || INTERPOLATION_RE.test(value) || isProse(value)) return false;
  if (/\s/.test(value) && NESTED_ASSIGNMENT_RE.test(value)) return false;
  if (isExampleValue(value)) return false;
  if (!context.quoted) {
    // `[startLine, …`, `{ …`, `(a, …`: a literal of code, cut at its first comma.
    if (isCodeValue(value) || /^[[{(]/.test(value)) return false;
    if (isWordyIdentifier(value) && (strength !== "password" || CODE_AFTER_RE.test(context.after))) return false;
  }
  if (HOST_RE.test(value) && !looksRandom(value.replace(/\./g, ""))) return false;
  // A password of three characters or fewer is a documentation example (`password = '123'`), not a credential.
  if (strength === "password") return value.length > 3;
  if (DIGITS_ONLY_RE.test(value)) return false;
  if (strength === "weak") return looksRandom(value);
  return value.length >= 8 && shannonEntropy(value) >= 3 && !isWordyIdentifier(value);
}
