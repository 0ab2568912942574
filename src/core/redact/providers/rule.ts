// One provider token format: what it starts with, what it is made of, how long it is, and its checksum when the
// provider gives it one. The tables (code-hosting.ts, cloud.ts, services.ts) are data; detect.ts runs them.

/** One provider token format. Every rule is proven linear by recheck in test/redact-providers.test.ts. */
export interface ProviderRule {
  /** Stable id, gitleaks' where one exists (`stripe-access-token`), so the two can be compared. */
  id: string;
  /** The placeholder's kind: `[redacted: <kind>]`. */
  kind: string;
  /**
   * Literal text every match contains (case as written). A token is looked for only where one of these occurs, so
   * one pass over the text serves all rules. The match starts at the anchor, or `lead` characters before it.
   */
  anchors: readonly string[];
  /** Characters of the match that stand before the anchor (Mailchimp's 32 hex before `-us`), counted exactly. */
  lead?: { chars: RegExp; min: number; max: number };
  /** Run sticky at the match start. Group 1, when present, is the secret; the rest stays readable. */
  regex: RegExp;
  /** The provider's own check digits. A token that passes is a token whatever it looks like. */
  checksum?: (token: string) => boolean;
  /**
   * Bits per character the secret must reach when it has no checksum (or fails it): generated examples such as
   * `sk_live_xxxxxxxxxxxxxxxx` stay; random tokens sit near 4. Default 3.
   */
  minEntropy?: number;
  /** The provider's format documentation, or the scanner rule the shape comes from. */
  source: string;
  /**
   * Examples as shapes, expanded with random characters at test time (never a committed secret): `{an:30}` is
   * 30 alphanumerics; classes are listed in test/fixtures/redteam/secrets/shapes.ts. `{crc}` is GitHub's
   * checksum of the segment before it. The negative is a near miss the rule must leave alone.
   */
  examples: { positive: string; negative: string };
}

// ── GitHub's checksum ──────────────────────────────────────────────────────
// github.blog/2021-04-05-behind-githubs-new-authentication-token-formats: the last six characters of a 40-character
// token are the CRC32 of the 30 random characters before them, in base62 (0-9A-Za-z), left-padded with zeros.
// npm's tokens (npm_) use the same layout (github.blog/2021-09-23-announcing-npms-new-access-token-format).
// Hand-written: CRC32 is 10 lines, and zlib's crc32 is not in every runtime the core runs in.

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

const CRC_TABLE: readonly number[] = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i += 1) crc = (crc >>> 8) ^ (CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff] ?? 0);
  return (crc ^ 0xffffffff) >>> 0;
}

export function base62(value: number, width: number): string {
  let out = "";
  for (let v = value; v > 0; v = Math.floor(v / 62)) out = BASE62[v % 62] + out;
  return out.padStart(width, "0");
}

/** `ghp_` + 30 random + 6 check characters (also gho_, ghu_, ghs_, ghr_, npm_). */
export function githubChecksumHolds(token: string): boolean {
  const body = token.slice(token.indexOf("_") + 1);
  if (body.length !== 36) return false;
  return base62(crc32(body.slice(0, 30)), 6) === body.slice(30);
}
