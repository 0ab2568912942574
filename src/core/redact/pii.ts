// Personal data: email addresses, phone numbers, and user names inside home-directory paths.
// Conservative on purpose: a handoff is full of line numbers, dates, versions, ports and SHAs,
// and redacting those would ruin the document for the agent that reads it.
//
// Decisions:
// - `git@github.com:o/r.git` (scp-style remote) and any `git@host` are not email addresses: left.
// - `noreply@…`, `no-reply@…`, `donotreply@…` are service addresses, not a person's: left. But
//   `12345+name@users.noreply.github.com` names a GitHub user, so it is redacted.
// - Generic accounts in home paths are not personal: runner (GitHub's CI user), ubuntu, root,
//   node, user, vscode, codespace, linuxbrew, ec2-user, Shared, Public, Default, and obvious
//   stand-ins (you, me, username, name, example). Their paths are left as they are.

import type { Detector, Finding } from "./finding.js";
import {
  EMAIL_RE,
  E164_COMPACT_RE,
  INTERNATIONAL_PHONE_RE,
  NANP_PHONE_RE,
  NON_DIGIT_RE,
  TLD_RE,
  TILDE_HOME_RE,
  UNIX_HOME_RE,
  WINDOWS_HOME_RE,
  WSL_HOME_RE,
} from "./patterns.js";
import { groupFindings } from "./secrets.js";

const SERVICE_LOCAL_PARTS = new Set(["git", "noreply", "no-reply", "donotreply", "do-not-reply"]);

/** `logo@2x.png`, `pkg@1.2.3`: a file or a version, not a domain. */
const NOT_A_TLD = new Set([
  "png",
  "jpg",
  "jpeg",
  "gif",
  "svg",
  "webp",
  "ico",
  "bmp",
  "avif",
  "js",
  "mjs",
  "cjs",
  "ts",
  "mts",
  "cts",
  "tsx",
  "jsx",
  "json",
  "md",
  "css",
  "scss",
  "html",
  "yml",
  "yaml",
  "txt",
  "lock",
  "map",
  "wasm",
  "zip",
  "tgz",
  "gz",
]);

const GENERIC_ACCOUNTS = new Set([
  "runner",
  "ubuntu",
  "root",
  "node",
  "user",
  "vscode",
  "codespace",
  "codespaces",
  "linuxbrew",
  "ec2-user",
  "shared",
  "public",
  "default",
  "all users",
  "default user",
  "administrator",
  "admin",
  "you",
  "me",
  "username",
  "name",
  "example",
  "someone",
  "yourname",
  "your-name",
  "your_name",
]);

export const findEmails: Detector = (text) => {
  const found: Finding[] = [];
  // Every address holds an `@`; without one, skip the pattern's scan (its lookbehind runs at every position).
  if (!text.includes("@")) return found;
  for (const m of text.matchAll(new RegExp(EMAIL_RE.source, EMAIL_RE.flags))) {
    const address = m[0];
    const at = address.indexOf("@");
    const local = address.slice(0, at).toLowerCase();
    const tld = address.slice(address.lastIndexOf(".") + 1).toLowerCase();
    if (SERVICE_LOCAL_PARTS.has(local) || insideUrlAuthority(text, m.index)) continue;
    if (!TLD_RE.test(tld) || NOT_A_TLD.has(tld)) continue;
    found.push({ start: m.index, end: m.index + address.length, kind: "email" });
  }
  return found;
};

/**
 * `https://user:pass@host` is a URL's userinfo, not an address: its credentials are the
 * url-credentials detector's, and reading `pass@host` as an email would swallow the host.
 */
function insideUrlAuthority(text: string, at: number): boolean {
  // Userinfo follows `://` or a `user:`; anything else cannot be inside an authority.
  const before = text[at - 1];
  if (before !== ":" && before !== "/") return false;
  let i = at;
  const floor = Math.max(0, at - 300);
  while (i > floor && !" \t\r\n".includes(text[i - 1] ?? " ")) i -= 1;
  return text.slice(i, at).includes("://");
}

/** E.164 allows at most 15 digits; fewer than 8 is an extension, a count or a diff stat. */
function plausiblePhoneDigits(candidate: string): boolean {
  const digits = candidate.replace(new RegExp(NON_DIGIT_RE.source, "g"), "").length;
  return digits >= 8 && digits <= 15;
}

export const findPhones: Detector = (text) => {
  const found: Finding[] = [];
  for (const regex of [INTERNATIONAL_PHONE_RE, E164_COMPACT_RE, NANP_PHONE_RE]) {
    for (const m of text.matchAll(new RegExp(regex.source, regex.flags))) {
      if (!plausiblePhoneDigits(m[0])) continue;
      found.push({ start: m.index, end: m.index + m[0].length, kind: "phone" });
    }
  }
  return found;
};

/** Keeps the path's shape: `/Users/[redacted: username]/src/app`. */
export const findHomeDirectoryNames: Detector = (text) =>
  [UNIX_HOME_RE, WINDOWS_HOME_RE, WSL_HOME_RE, TILDE_HOME_RE]
    .flatMap((regex) => groupFindings(text, regex, 1, "username"))
    .map((f) => trimTrailingDots(text, f))
    .filter((f) => f.end > f.start && !GENERIC_ACCOUNTS.has(text.slice(f.start, f.end).toLowerCase()))
    // `/home/example.js` is a file in /home, not a user's directory.
    .filter((f) => text[f.end] === "/" || text[f.end] === "\\" || !FILE_NAME_RE.test(text.slice(f.start, f.end)));

/** A name with a file extension. */
const FILE_NAME_RE = /\.[a-z0-9]{1,5}$/i;

/** A sentence that ends with a path (`see /home/alice.`) keeps its full stop. */
function trimTrailingDots(text: string, f: Finding): Finding {
  let end = f.end;
  while (end > f.start && text[end - 1] === ".") end -= 1;
  return { ...f, end };
}

export const PII_DETECTORS: readonly Detector[] = [findEmails, findPhones, findHomeDirectoryNames];
