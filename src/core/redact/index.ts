// Redaction: every text is redacted before anything is posted to GitHub. The pipeline:
//   1. refuse oversized input (fail closed)   2. re-join tokens split by invisible characters
//   3. secretlint's recommended rules          4. provider formats (providers/), hand-written secret patterns
//   5. `.env`-style secrets                    6. personal data
//   7. the repository's extra patterns         8. merge overlaps (widest wins)
//   9. replace each with `[redacted: kind]`, keeping lines
//  10. quote frontmatter values that now hold a placeholder, so the YAML stays valid

import { MAX_DOCUMENT_BYTES } from "../limits.js";
import type { RedactionReport, RedactionResult } from "../types.js";
import { PLAIN_DETECTORS } from "./detectors.js";
import { findEncodedSecrets } from "./encodings.js";
import { RedactionError } from "./error.js";
import { compileExtraPatterns, findExtraPatterns } from "./extra-patterns.js";
import type { Detector, Finding } from "./finding.js";
import { quotePlaceholdersInFrontmatter } from "./frontmatter-quote.js";
import { mergeFindings } from "./merge.js";
import { joinSplitTokens } from "./normalize.js";

import { applyFindings, placeholderRanges } from "./placeholder.js";
import { findSecretlintFindings } from "./secretlint.js";

export { RedactionError } from "./error.js";
export { shannonEntropy } from "./entropy.js";
export { ENV_SECRET_MIN_ENTROPY, ENV_SECRET_MIN_LENGTH, findEnvSecrets } from "./env-secret.js";
export {
  EXTRA_PATTERN_OVERLAP,
  EXTRA_PATTERN_WINDOW,
  ExtraPatternSchema,
  compileExtraPatterns,
  findExtraPatterns,
  validateExtraPattern,
  type ExtraPattern,
} from "./extra-patterns.js";
export type { Detector, Finding } from "./finding.js";
export { quotePlaceholdersInFrontmatter } from "./frontmatter-quote.js";
export { mergeFindings } from "./merge.js";
export { joinSplitTokens } from "./normalize.js";
export { PII_DETECTORS, findEmails, findHomeDirectoryNames, findPhones } from "./pii.js";
export { applyFindings, placeholder, placeholderRanges } from "./placeholder.js";
export { REDACTION_PATTERNS, type RedactionPattern } from "./patterns.js";
export { PROVIDER_RULES, findProviderTokens, githubChecksumHolds, type ProviderRule } from "./providers/index.js";
export {
  EXCLUDED_SECRETLINT_RULE,
  findSecretlintFindings,
  kindForSecretlintMessage,
  secretlintConfig,
} from "./secretlint.js";
export {
  SECRET_DETECTORS,
  findAuthorizationValues,
  findGitHubTokens,
  findJwts,
  findPrivateKeys,
  findUrlCredentials,
} from "./secrets.js";

export interface RedactOptions {
  /** From the repository's config; validate them with `validateExtraPattern` when loading it. */
  extraPatterns?: { kind: string; pattern: string; flags?: string }[];
}

const HAND_WRITTEN_DETECTORS: readonly Detector[] = [
  ...PLAIN_DETECTORS,
  (text) => findEncodedSecrets(text, PLAIN_DETECTORS),
];

/**
 * Replaces secrets and personal data in `text` with `[redacted: kind]` placeholders and reports
 * how many of each kind it found (never the values). Idempotent; keeps the line count. Invisible
 * characters inside a token are removed from the result (they could hide a split secret).
 * Rejects with RedactionError (and never returns text) when it cannot vouch for the result.
 */
export async function redact(input: string, options: RedactOptions = {}): Promise<RedactionResult> {
  // Every UTF-16 unit is at least one UTF-8 byte: a long string is refused without counting it.
  const bytes = input.length > MAX_DOCUMENT_BYTES ? input.length : utf8Length(input);
  if (bytes > MAX_DOCUMENT_BYTES) {
    throw new RedactionError(
      `The document is at least ${bytes} bytes, over the ${MAX_DOCUMENT_BYTES}-byte limit, so it was not redacted and must not be posted. Split it into smaller handoffs.`,
    );
  }
  const extra = compileExtraPatterns(options.extraPatterns ?? []);
  if (typeof extra === "string") {
    throw new RedactionError(
      `Redaction could not start: ${extra}. Fix the repository's handoff config; nothing was posted.`,
    );
  }

  // Detectors, and what is posted, see the text with split tokens re-joined (normalize.ts).
  const text = joinSplitTokens(input);

  let secretlintFindings: Finding[];
  try {
    secretlintFindings = await findSecretlintFindings(text);
  } catch (error) {
    throw new RedactionError(
      "The secret scanner (secretlint) failed, so the document could not be checked for secrets and must not be posted. Try again; if it keeps failing, report it with the handoff version.",
      { cause: error },
    );
  }

  let findings: Finding[];
  try {
    findings = [
      ...secretlintFindings,
      ...HAND_WRITTEN_DETECTORS.flatMap((detect) => detect(text)),
      ...findExtraPatterns(text, extra),
    ];
  } catch (error) {
    throw new RedactionError(
      "A redaction detector failed, so the document could not be checked and must not be posted. Report it with the handoff version.",
      { cause: error },
    );
  }

  const merged = mergeFindings(withoutExistingPlaceholders(text, findings));
  return { text: quotePlaceholdersInFrontmatter(applyFindings(text, merged)), report: reportOf(merged) };
}

/**
 * Findings wholly inside a placeholder from an earlier redaction are echoes of it (a password rule
 * reading `[redacted: env-secret]` as a value); dropping them is what makes redaction idempotent.
 */
function withoutExistingPlaceholders(text: string, findings: readonly Finding[]): Finding[] {
  const placeholders = placeholderRanges(text);
  if (placeholders.length === 0) return [...findings];
  const starts = placeholders.map((p) => p.start);
  return findings.filter((f) => {
    const i = lastAtOrBefore(starts, f.start);
    const p = i === -1 ? undefined : placeholders[i];
    return !(p && f.start >= p.start && f.end <= p.end);
  });
}

function lastAtOrBefore(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let answer = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? Infinity) <= value) {
      answer = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return answer;
}

function reportOf(findings: readonly Finding[]): RedactionReport {
  const kinds: Record<string, number> = {};
  for (const f of findings) kinds[f.kind] = (kinds[f.kind] ?? 0) + 1;
  return { total: findings.length, kinds };
}

/** UTF-8 byte length without allocating a copy of a possibly huge string. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}
