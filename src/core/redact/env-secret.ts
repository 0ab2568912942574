// Secrets pasted as configuration: a `.env` file, a YAML block, a JSON object, a code literal.
// The name says whether the value is sensitive; the value's shape says whether it is real.
// Code is everywhere in handoffs (`password: string`, `token = await getToken()`), so values that
// are types, references, calls, numbers, paths or placeholders are left alone.

import { shannonEntropy } from "./entropy.js";
import type { Detector, Finding } from "./finding.js";
import {
  ASSIGNMENT_RE,
  BARE_VALUE_TAIL_RE,
  CODE_VALUE_RE,
  DIGITS_ONLY_RE,
  LABEL_NAME_RE,
  PASSWORD_NAME_RE,
  PLACEHOLDER_VALUE_RE,
  QUERY_PARAMETER_RE,
  SECRET_NAME_RE,
} from "./patterns.js";

/** Random secrets sit near 4 bits a character; words and settings well below. */
export const ENV_SECRET_MIN_ENTROPY = 3.0;
/** Shorter values of merely secret-named keys are flags and ids, not secrets. */
export const ENV_SECRET_MIN_LENGTH = 8;

/** Names that contain a secret word but are not secrets: the shell's working directory, durations. */
const NOT_SECRET_NAME_RE = /^(?:OLD)?PWD$|(?:_|^)(?:TTL|TIMEOUT|EXPIRY|EXPIRES|EXPIRES_IN|LIFETIME|LENGTH|SIZE|COUNT|URL|URI|ENDPOINT|PATH|FILE|DIR|HEADER|NAME|TYPE|MODE|ENABLED|DISABLED|REQUIRED|PROVIDER|ID)$/i;

export const findEnvSecrets: Detector = (text) => {
  const found: Finding[] = [];
  for (const m of text.matchAll(new RegExp(ASSIGNMENT_RE.source, ASSIGNMENT_RE.flags))) {
    const name = m[1] ?? "";
    if (!SECRET_NAME_RE.test(name) || NOT_SECRET_NAME_RE.test(name)) continue;
    const group = m[2] !== undefined ? 2 : m[3] !== undefined ? 3 : 4;
    const span = m.indices?.[group];
    const nameEnd = m.indices?.[1]?.[1];
    const value = m[group] ?? "";
    if (!span || nameEnd === undefined) continue;
    // `Password: see the vault` is a label and prose; `DB_PASSWORD=…` or `db_password: …` is config.
    const label = !text.slice(nameEnd, span[0]).includes("=") && LABEL_NAME_RE.test(name);
    if (!isSecretValue(name, value, group !== 4, label, text, span[1])) continue;
    found.push({ start: span[0], end: span[1], kind: "env-secret" });
  }
  // `url: https://h/x?access_token=…` hides a second assignment inside the first one's value,
  // which the scan above has already stepped over; query parameters get their own pass.
  for (const m of text.matchAll(new RegExp(QUERY_PARAMETER_RE.source, QUERY_PARAMETER_RE.flags))) {
    const name = m[1] ?? "";
    const span = m.indices?.[2];
    if (!span || !SECRET_NAME_RE.test(name) || NOT_SECRET_NAME_RE.test(name)) continue;
    if (!isSecretValue(name, m[2] ?? "", false, false, text, span[1])) continue;
    found.push({ start: span[0], end: span[1], kind: "env-secret" });
  }
  return found;
};

function isSecretValue(name: string, raw: string, quoted: boolean, label: boolean, text: string, valueEnd: number): boolean {
  const value = raw.trim();
  if (value === "" || PLACEHOLDER_VALUE_RE.test(value)) return false;
  if (!quoted && CODE_VALUE_RE.test(value)) return false;
  if (PASSWORD_NAME_RE.test(name)) {
    // After a label, a bare word followed by more words is prose ("Password: see the vault").
    return quoted || !label || BARE_VALUE_TAIL_RE.test(text.slice(valueEnd, valueEnd + 512));
  }
  if (DIGITS_ONLY_RE.test(value)) return false;
  return value.length >= ENV_SECRET_MIN_LENGTH && shannonEntropy(value) >= ENV_SECRET_MIN_ENTROPY;
}
