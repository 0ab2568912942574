// Every regular expression redaction runs, in one catalogue, so a test can prove each one free of
// catastrophic backtracking (FACTS.md: the classic email regex took minutes on 109 characters).
// Rules that keep them linear: no nested quantifiers over overlapping classes, separators that
// the repeated part cannot contain, and bounded repeats where a run could be ambiguous.
// Some use the `d` flag (match indices) only to locate a capture group; it does not change matching.

export interface RedactionPattern {
  /** The finding kind the pattern serves (helper patterns share their detector's kind). */
  kind: string;
  regex: RegExp;
}

/** `[redacted: kind]`; kinds are lower-case words joined by hyphens. */
export const PLACEHOLDER_RE = /\[redacted: [a-z0-9][a-z0-9-]{0,63}\]/g;

// ── Secrets ────────────────────────────────────────────────────────────────

/**
 * Classic tokens are 40 characters, but installation tokens now come as `ghs_<app id>_<JWT>`
 * (~520 characters, with dots and dashes), so the length is open-ended and dots are allowed
 * between base64url runs. 20 is a floor that still catches truncated pastes.
 */
export const GITHUB_TOKEN_RE =
  /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9_-]{20,}(?:\.[A-Za-z0-9_-]+)*|github_pat_[A-Za-z0-9_]{22,})/g;

/** A JWT: base64url header (always `{"` → `eyJ`), payload and an optional signature. */
export const JWT_RE = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;

/** `Bearer x`, `Basic x`, `token x`; the value is group 2. Context decides acceptance (secrets.ts). */
export const AUTH_SCHEME_RE = /(?<![A-Za-z0-9_-])(Bearer|Basic|token)[ \t]+([A-Za-z0-9._~+/-]{8,}=*)/dgi;

/** The word that makes a scheme value certainly a credential when it precedes it on the line. */
export const AUTHORIZATION_WORD_RE = /authorization|auth[_-]?header|-H[ \t]/i;

/**
 * `scheme://user:password@` — group 2 is the credentials. The password may contain `@`
 * (greedy up to the last one before the host); both parts are bounded.
 */
export const URL_CREDENTIALS_RE =
  /(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]{1,31}:\/\/)([^\s/?#@:[\]]{0,256}:[^\s/?#[\]]{1,256})@/dg;

/**
 * secretlint's AWS secret-key rule reports a range that starts at the key's name; read from there,
 * this finds the 40-character value itself (group 1) so the name stays readable.
 */
export const AWS_SECRET_ASSIGNMENT_RE =
  /["']?(?:AWS|aws|Aws)?_?(?:SECRET|secret|Secret)_?(?:ACCESS|access|Access)_?(?:KEY|key|Key)["']?[ \t]*(?::|=>|=)[ \t]*["']?([A-Za-z0-9/+=]{40})/dy;

/** An AWS access key id, long-term (AKIA) or temporary (ASIA) and the rarer prefixes. */
export const AWS_KEY_ID_RE = /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16}(?![A-Za-z0-9])/g;
/** A word of exactly 40 base64 characters: what an AWS secret access key is, near its id (keys-by-neighbour.ts). */
export const AWS_SECRET_CANDIDATE_RE = /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{40}(?![A-Za-z0-9+/=])/g;

/** 64 random bytes in base64 (an Azure storage key's shape), not a `sha512-…` integrity hash. */
export const AZURE_KEY_CANDIDATE_RE = /(?<![A-Za-z0-9+/-])[A-Za-z0-9+/]{86}==(?![A-Za-z0-9+/=])/g;
/** What names such a value a key. */
export const AZURE_KEY_CONTEXT_RE = /key|storage|azure/i;

/** The opening armour line of any private key: RSA, EC, DSA, OPENSSH, PKCS#8, encrypted, PGP. */
export const PRIVATE_KEY_BEGIN_RE = /-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;
/** The closing armour line. */
export const PRIVATE_KEY_END_RE = /-----END[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;
/**
 * What may stand before key material on a line: indentation, block-quote `>`, table `|`, list markers, comment
 * prefixes (`#`, `//`, `;`, ` * `) and string quotes. Each alternative starts with its own character, and the
 * markers that are also base64 (`+`, digits) count only when whitespace follows, so the run is unambiguous.
 */
export const PRIVATE_KEY_LINE_PREFIX_RE = /(?:[ \t>|#;"'`]|\/\/|[-*+](?=[ \t])|[0-9]{1,9}[.)](?=[ \t]))*/y;
/** A key body line once its decoration is stripped: base64 only. */
export const PRIVATE_KEY_BASE64_RE = /^[A-Za-z0-9+/=]+$/;
/** A PEM or PGP armour header once its decoration is stripped: `Proc-Type: 4,ENCRYPTED`, `DEK-Info: …`. */
export const PRIVATE_KEY_HEADER_RE = /^[A-Za-z][A-Za-z-]{0,30}: /;
/** The base64 run a body line starts with (group 1), when the rest of the line is not key material. */
export const PRIVATE_KEY_LINE_LEAD_RE = /([A-Za-z0-9+/=]+)/y;
/** A key body carried in a JSON string with `\n` escapes, on the BEGIN line itself. */
export const PRIVATE_KEY_ESCAPED_BODY_RE = /(?:\\[nr]|[A-Za-z0-9+/=])*/y;

/**
 * The opening of a private key's body with no armour, at the start of a line (after decoration): PKCS#1/PKCS#8
 * DER with version 0 (`MII??IBA`), EC (`MHcCAQEE`, `MIGkAgEBBD`, `MIHcAgEBBE`), Ed25519 PKCS#8, openssh-key-v1.
 */
export const KEY_OPENING_RE =
  /^[ \t>|#;"'`-]{0,16}(?:MII[A-Za-z0-9+/]{2}[AQgw]IBA|MHcCAQEE|MIGkAgEBBD|MIHcAgEBBE|MC4CAQAwBQYDK2Vw|MFECAQEwBQYDK2Vw|b3BlbnNzaC1rZXktdjE)/gm;
/** A line of key material once decorated: group 1 is at least 16 base64 characters, alone on the line. */
export const KEY_BODY_LINE_RE = /^[ \t>|#;"'`-]{0,16}([A-Za-z0-9+/]{16,}={0,2})[ \t|"'`,;\\]{0,8}$/;
/** PuTTY: `Private-Lines: N` (group 1), the lines that follow are the private key. */
export const PUTTY_PRIVATE_LINES_RE = /^Private-Lines:[ \t]*([0-9]{1,3})[ \t]*\r?$/gm;
/** PuTTY: `Private-MAC: <hex>` (group 1). */
export const PUTTY_MAC_RE = /^Private-MAC:[ \t]*([0-9a-fA-F]{40,128})/dgm;

// ── Invisible characters ───────────────────────────────────────────────────

/**
 * One character sanitising removes for the agent: format characters (U+00AD, U+200B, bidi controls, tag
 * characters), variation selectors, private-use and unassigned code points, and C0/C1 controls other than
 * tab, LF and CR. A key split by one would pass every pattern here and be re-joined for the agent (normalize.ts).
 */
export const INVISIBLE_CHAR_RE =
  /[\p{Cf}\p{Co}\p{Cn}\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]/gu;
/** An ANSI escape sequence, removed whole by the sanitiser: CSI (`ESC [ … letter`) or OSC (`ESC ] … BEL`). */
export const ESCAPE_SEQUENCE_RE = /\x1B(?:\[[0-?]{0,64}[ -/]{0,16}[@-~]|\][^\x07\x1B]{0,2048}(?:\x07|\x1B\\))/y;

// ── Encodings (encodings.ts) ───────────────────────────────────────────────

/** A line worth decoding holds one of these: a percent escape, an entity, a tag or comment, `**`, a continuation. */
export const ENCODING_HINT_RE = /%[0-9A-Fa-f]{2}|&#?[A-Za-z0-9]{1,31};|<[!/A-Za-z]|\*\*|\\$|\\\r?\n/m;
/** Exactly one percent escape. */
export const PERCENT_ESCAPE_RE = /^%[0-9A-Fa-f]{2}$/;
/** A character reference: group 1 is `#123`, `#x7B` or a name. */
export const HTML_ENTITY_RE = /&(#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;
/** Markup GitHub renders as nothing: an empty inline tag, `**`, `~~`, a backslash line continuation (comments: code). */
export const MARKUP_SPLIT_RE =
  /<\/?(?:span|b|i|em|strong|code|sub|sup|ins|del|s|u|kbd|mark|wbr|samp|small|tt)[ \t]*\/?>|\*\*|~~|\\\r?\n[ \t]*/;
/** A word of base64 (or base64url) long enough to hide a credential or a PEM. */
export const BASE64_RUN_RE = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{40,}={0,2}(?![A-Za-z0-9+/=_-])/g;

// ── `.env`-style assignments ───────────────────────────────────────────────

/**
 * `KEY=value`, `KEY: value`, `"key": "value"`, `export KEY=value`, `**Key:** value`, Go's `key := "v"`, `'key' => 'v'`.
 * Group 1 is the name, group 2 a double-quoted value, group 3 single-quoted, group 4 a code span, group 5 bare.
 * `==`, `=~` are comparisons, `::` a path. A bare value stops at `=` (base64 padding aside), so a keyword argument
 * after an earlier assignment on the same line (`conn = connect(host=h, password="…")`) is matched on its own.
 */
export const ASSIGNMENT_RE =
  /(?<![A-Za-z0-9_.-])([A-Za-z_][A-Za-z0-9_.-]{0,63})["'`]?\]?\??[ \t]*(?::=|=>|:(?!:)|=(?![=>~]))\*{0,2}[ \t]*(?:"([^"\n]{0,512})"|'([^'\n]{0,512})'|`([^`\n]{1,512})`|([^\s"'`,;=]{1,512}=*))/dg;

/** `?access_token=…&` in a URL: group 1 the name, group 2 the value (up to `&`, `#` or a space). */
export const QUERY_PARAMETER_RE = /[?&]([A-Za-z_][A-Za-z0-9_.-]{0,63})=([^\s&#"'`<>)\]]{1,512})/dg;

/** Names whose value is a secret when it looks like one. AUTH, but not AUTHOR. */
export const SECRET_NAME_RE =
  /secret|token|passw(?:or)?d|pwd|api[_.-]?key|private|credential|auth(?!or)|access[_.-]?key|session[_.-]?key|signing[_.-]?key|encryption[_.-]?key|client[_.-]?secret|cookie|salt|dsn/i;

/** Names whose any non-placeholder value is a secret, however short or simple. */
export const PASSWORD_NAME_RE = /passw(?:or)?d|(?:^|[_.-])pwd$|[_.-]pwd[_.-]/i;

/** A name that is a plain word (`Password`), so `Password: …` may be a label followed by prose. */
export const LABEL_NAME_RE = /^[A-Za-z]+$/;

/** What follows a bare password value: closing marks, then a line end or a trailing comment (not prose). */
export const BARE_VALUE_TAIL_RE = /^[`'")\]}]{0,3}\.?[ \t]*(?:[,;][ \t]*)?(?:(?:#|\/\/)[^\n]*)?(?:\r?\n|$)/;

/** Values that stand in for a secret rather than being one. */
export const PLACEHOLDER_VALUE_RE =
  /^(?:<[^>]*>|\$\{.*|\$[A-Za-z_][A-Za-z0-9_]*|%[A-Za-z_][A-Za-z0-9_]*%|\{\{.*|\[[^\]]*\]|\*+|x+|X+|\.+|-+|_+|true|false|yes|no|on|off|null|nil|none|undefined|empty|enabled|disabled|required|optional|changeme|change[_-]?me|redacted|example|placeholder|secret|password|token|todo|tbd|your[_-].*|my[_-].*|<.*|\(.*)$/i;

/** A quoted number is a setting (a port, a duration), not a secret, unless the name says password. */
export const DIGITS_ONLY_RE = /^[0-9]+$/;

/** Code rather than a literal: a type name, a dotted reference or a call. */
export const CODE_VALUE_RE =
  /^(?:string|number|boolean|bigint|symbol|object|unknown|any|never|void|str|int|bool|bytes|Option<.*|Optional\[.*|[A-Za-z_$#][A-Za-z0-9_$]*(?:\??\.#?[A-Za-z_$][A-Za-z0-9_$]*)+(?:[([].*)?|[A-Za-z_$][A-Za-z0-9_$]*[([].*|[A-Z][A-Z_]*|[0-9]+|[0-9]+[smhdwkMG]?|\/.*|~\/.*|\.\.?\/.*|https?:\/\/.*)\)?$/;

// ── Personal data ──────────────────────────────────────────────────────────

/**
 * An email address, linear: the local part cannot contain `@`, labels are separated by dots
 * they cannot contain, and the lookbehind stops a match starting inside a local part. Letters are any script's
 * (`josé.garcía@…`, `王伟@…`, `anna@bücher.de`): an ASCII-only local part would redact `a@…` and leak the head.
 * The top-level domain is checked in code (pii.ts), not by a second, overlapping repeat.
 */
export const EMAIL_RE =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){1,8}(?![\p{L}\p{N}-])/gu;

/** The last label of an email domain: letters only, so `pkg@1.2.3` is a version, not an address. */
export const TLD_RE = /^[a-z]{2,24}$/;

/** `+44 20 7946 0958`, `+1-555-123-4567`, `+49 (0)30 1234567`, `+44 (0)20 …`, `+44(0)20…`; digits checked in code. */
export const INTERNATIONAL_PHONE_RE =
  /(?<![A-Za-z0-9_+])\+[1-9][0-9]{0,2}(?:[ .-]?\([0-9]{1,4}\)[ .-]?[0-9]{1,12})?(?:[ .-][0-9]{1,12}){0,5}(?![0-9]|[.-][0-9])/g;

/** E.164 written without separators: `+447700900123`. Digit count is checked in code (8 to 15). */
export const E164_COMPACT_RE = /(?<![A-Za-z0-9_+])\+[1-9][0-9]{7,14}(?![0-9A-Za-z_])/g;

/** North American `(555) 123-4567`, `555-123-4567`, `1-800-555-0199`, `555.123.4567`; never spaces alone (too ambiguous). */
export const NANP_PHONE_RE =
  /(?<![A-Za-z0-9_+.:#/-])(?:1[ .-])?(?:\([2-9][0-9]{2}\)[ .-]?|[2-9][0-9]{2}[.-])[0-9]{3}[.-][0-9]{4}(?![A-Za-z0-9_]|[.-][0-9])/g;

/** For counting a phone number's digits. */
export const NON_DIGIT_RE = /[^0-9]/g;

/** `/Users/<name>` and `/home/<name>`; the lookbehind keeps URL paths (`example.com/home/x`) out. */
export const UNIX_HOME_RE =
  /(?<![A-Za-z0-9_.~-])\/(?:Users|home)\/([A-Za-z0-9_][A-Za-z0-9._-]{0,63})(?![A-Za-z0-9._-])/dg;

/** WSL's view of a Windows home: `/mnt/c/Users/<name>` (also inside `vscode-remote://wsl+…/mnt/c/…`). */
export const WSL_HOME_RE = /\/mnt\/[A-Za-z]\/Users\/([A-Za-z0-9_][A-Za-z0-9._-]{0,63})(?![A-Za-z0-9._-])/dg;

/** `~name/…`, another user's home in a shell; not `~/` (whose?) and not a quoted SCSS import (`"~bootstrap/…"`). */
export const TILDE_HOME_RE = /(?<![^\s=(>])~([a-z_][a-z0-9_.-]{0,31})(?=\/)/dg;

/**
 * `C:\Users\<Full Name>\` (or with forward or doubled slashes). A name with spaces is taken
 * only when a separator follows it, so prose after `C:\Users\jane` is not swallowed.
 */
export const WINDOWS_HOME_RE =
  /(?<![A-Za-z0-9_])[A-Za-z]:(?:\\{1,2}|\/)Users(?:\\{1,2}|\/)([^\\/\s:*?"<>|[\]]{1,64}(?:(?: [^\\/\s:*?"<>|[\]]{1,64}){1,8}(?=[\\/]))?)/dgi;

/** Every regular expression redaction runs. Extra patterns from a repository's config are not here. */
export const REDACTION_PATTERNS: readonly RedactionPattern[] = Object.freeze([
  { kind: "placeholder", regex: PLACEHOLDER_RE },
  { kind: "github-token", regex: GITHUB_TOKEN_RE },
  { kind: "jwt", regex: JWT_RE },
  { kind: "bearer-token", regex: AUTH_SCHEME_RE },
  { kind: "bearer-token", regex: AUTHORIZATION_WORD_RE },
  { kind: "url-credentials", regex: URL_CREDENTIALS_RE },
  { kind: "aws-secret-key", regex: AWS_SECRET_ASSIGNMENT_RE },
  { kind: "aws-secret-key", regex: AWS_KEY_ID_RE },
  { kind: "aws-secret-key", regex: AWS_SECRET_CANDIDATE_RE },
  { kind: "azure-storage-key", regex: AZURE_KEY_CANDIDATE_RE },
  { kind: "azure-storage-key", regex: AZURE_KEY_CONTEXT_RE },
  { kind: "private-key", regex: PRIVATE_KEY_BEGIN_RE },
  { kind: "private-key", regex: PRIVATE_KEY_END_RE },
  { kind: "private-key", regex: PRIVATE_KEY_LINE_PREFIX_RE },
  { kind: "private-key", regex: PRIVATE_KEY_BASE64_RE },
  { kind: "private-key", regex: PRIVATE_KEY_HEADER_RE },
  { kind: "private-key", regex: PRIVATE_KEY_LINE_LEAD_RE },
  { kind: "private-key", regex: PRIVATE_KEY_ESCAPED_BODY_RE },
  { kind: "encoded", regex: ENCODING_HINT_RE },
  { kind: "encoded", regex: PERCENT_ESCAPE_RE },
  { kind: "encoded", regex: HTML_ENTITY_RE },
  { kind: "encoded", regex: MARKUP_SPLIT_RE },
  { kind: "encoded", regex: BASE64_RUN_RE },
  { kind: "private-key", regex: KEY_OPENING_RE },
  { kind: "private-key", regex: KEY_BODY_LINE_RE },
  { kind: "private-key", regex: PUTTY_PRIVATE_LINES_RE },
  { kind: "private-key", regex: PUTTY_MAC_RE },
  { kind: "invisible", regex: INVISIBLE_CHAR_RE },
  { kind: "invisible", regex: ESCAPE_SEQUENCE_RE },
  { kind: "env-secret", regex: ASSIGNMENT_RE },
  { kind: "env-secret", regex: QUERY_PARAMETER_RE },
  { kind: "env-secret", regex: SECRET_NAME_RE },
  { kind: "env-secret", regex: PASSWORD_NAME_RE },
  { kind: "env-secret", regex: LABEL_NAME_RE },
  { kind: "env-secret", regex: BARE_VALUE_TAIL_RE },
  { kind: "env-secret", regex: PLACEHOLDER_VALUE_RE },
  { kind: "env-secret", regex: CODE_VALUE_RE },
  { kind: "env-secret", regex: DIGITS_ONLY_RE },
  { kind: "email", regex: EMAIL_RE },
  { kind: "email", regex: TLD_RE },
  { kind: "phone", regex: INTERNATIONAL_PHONE_RE },
  { kind: "phone", regex: NANP_PHONE_RE },
  { kind: "phone", regex: E164_COMPACT_RE },
  { kind: "username", regex: WSL_HOME_RE },
  { kind: "username", regex: TILDE_HOME_RE },
  { kind: "phone", regex: NON_DIGIT_RE },
  { kind: "username", regex: UNIX_HOME_RE },
  { kind: "username", regex: WINDOWS_HOME_RE },
]);
