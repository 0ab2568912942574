// AWS secret access keys have no prefix: 40 characters of base64, which a commit SHA or a hash could also be. What
// gives one away is its key id (AKIA…/ASIA…) close by: an `aws configure` transcript, a credentials.csv row, a
// markdown table, `sts assume-role` output. So: near each key id (two lines before, three after), a 40-character
// base64 word that mixes upper and lower case and is as random as a key is taken for the secret.
// Azure storage account keys likewise: 64 random bytes (86 base64 characters and `==`) are one outside
// `AccountKey=` too (`az storage account keys list` prints them as `"value"`), when a key is spoken of just before.

import { shannonEntropy } from "./entropy.js";
import type { Detector, Finding } from "./finding.js";
import { AWS_KEY_ID_RE, AWS_SECRET_CANDIDATE_RE, AZURE_KEY_CANDIDATE_RE, AZURE_KEY_CONTEXT_RE } from "./patterns.js";

/** What every AZURE_KEY_CANDIDATE_RE match holds. */
export const AZURE_KEY_NEEDLE = "==";

const LINES_BEFORE = 2;
const LINES_AFTER = 3;
/** A window never reaches further than this from its key id, however long the lines. */
const MAX_REACH = 600;

/** Where the window around a key id at `[start, end)` begins and ends. */
function windowAround(text: string, start: number, end: number): [number, number] {
  let from = start;
  for (let n = 0; n <= LINES_BEFORE && from > 0 && start - from < MAX_REACH; n += 1)
    from = text.lastIndexOf("\n", from - 2) + 1;
  let to = end;
  for (let n = 0; n <= LINES_AFTER && to !== -1 && to - end < MAX_REACH; n += 1) to = text.indexOf("\n", to + 1);
  return [Math.max(from, start - MAX_REACH), Math.min(to === -1 ? text.length : to, end + MAX_REACH)];
}

function isSecretShaped(value: string): boolean {
  return /[A-Z]/.test(value) && /[a-z]/.test(value) && shannonEntropy(value) >= 4.2;
}

export const findAwsSecretKeysNearIds: Detector = (text) => {
  const windows: [number, number][] = [];
  for (const m of text.matchAll(new RegExp(AWS_KEY_ID_RE.source, AWS_KEY_ID_RE.flags))) {
    const w = windowAround(text, m.index, m.index + m[0].length);
    const last = windows[windows.length - 1];
    // Windows come in order; overlapping ones are merged, so each character is scanned once.
    if (last && w[0] <= last[1]) last[1] = Math.max(last[1], w[1]);
    else windows.push(w);
  }
  const found: Finding[] = [];
  for (const [from, to] of windows) {
    const candidate = new RegExp(AWS_SECRET_CANDIDATE_RE.source, AWS_SECRET_CANDIDATE_RE.flags);
    const slice = text.slice(from, to);
    for (const m of slice.matchAll(candidate)) {
      if (isSecretShaped(m[0]))
        found.push({ start: from + m.index, end: from + m.index + m[0].length, kind: "aws-secret-key" });
    }
  }
  return found;
};

/** An 88-character base64 key (`…==`, 64 bytes) with `key`, `storage` or `azure` in the 300 characters before it. */
export const findAzureStorageKeys: Detector = (text) => {
  const found: Finding[] = [];
  // Every candidate ends in `==`: text without one is not scanned (the scan tries every word start).
  if (!text.includes(AZURE_KEY_NEEDLE)) return found;
  for (const m of text.matchAll(new RegExp(AZURE_KEY_CANDIDATE_RE.source, AZURE_KEY_CANDIDATE_RE.flags))) {
    if (!AZURE_KEY_CONTEXT_RE.test(text.slice(Math.max(0, m.index - 300), m.index))) continue;
    if (isSecretShaped(m[0])) found.push({ start: m.index, end: m.index + m[0].length, kind: "azure-storage-key" });
  }
  return found;
};
