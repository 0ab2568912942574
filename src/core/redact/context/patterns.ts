// The regular expressions of layer 2 (context), in one catalogue so a test proves each linear with recheck.
// Each is bounded: names at most 64 characters, values at most 512, look-back windows cut in code.

/** `--token=…`, `--password …`, `-p …`: group 1 the flag's name, 2 double-quoted, 3 single-quoted, 4 bare value. */
export const FLAG_RE =
  /(?<![A-Za-z0-9_-])--?([A-Za-z][A-Za-z0-9-]{0,40})(?:=|[ \t]+)(?:"([^"\n]{1,512})"|'([^'\n]{1,512})'|([^\s"'`-][^\s"'`]{0,511}))/dg;

/** mysql/mariadb's `-p<password>`, glued to its flag: group 1. Accepted only on a mysql command line (code). */
export const MYSQL_PASSWORD_RE = /(?<![A-Za-z0-9_-])-p([^\s"'`-][^\s"'`]{0,255})/dg;
export const MYSQL_COMMAND_RE = /\b(?:mysql|mysqldump|mysqladmin|mariadb)\b/;

/** curl/wget `-u user:password` / `--user "user:password"`: group 2 the password. */
export const CURL_USER_RE =
  /(?<![A-Za-z0-9_-])(?:-u|--user|--http-user)(?:=|[ \t]+)["']?([^\s:"'=]{1,64}):([^\s"']{1,256})/dg;
export const HTTP_CLIENT_RE = /\b(?:curl|wget|http|https|xh)\b/;

/** `.netrc`: `password <value>` after `machine`/`login` words: group 1 the value. */
export const NETRC_PASSWORD_RE = /(?<![A-Za-z0-9_-])(?:password|passwd)[ \t]+([^\s]{1,256})/dg;
export const NETRC_CONTEXT_RE = /\b(?:machine|login|default)[ \t]+\S/;

/** A Kubernetes/ECS `name:` field: group 1 the variable's name. The value field is looked for near it. */
export const NAME_FIELD_RE = /(?<![A-Za-z0-9_-])["']?name["']?[ \t]*[:=][ \t]*["']?([A-Za-z_][A-Za-z0-9_.-]{0,63})/dg;
/** Its `value:` field: group 1 double-quoted, 2 single-quoted, 3 bare. Sticky: tried only where a field starts. */
export const VALUE_FIELD_RE =
  /["']?value["']?[ \t]*[:=][ \t]*(?:"([^"\n]{0,512})"|'([^'\n]{0,512})'|([^\s"'`,{}]{1,512}))/dg;

/** A YAML block scalar's header, the value of an assignment: `|`, `>-`, `|2+`. */
export const BLOCK_SCALAR_RE = /^[|>][1-9]?[+-]?$/;

/** A bare value that is a name and its separator (`sessionid=`), so the next assignment starts inside it. */
export const NAME_THEN_SEPARATOR_RE = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}[=:]=?$/;

/** From where it starts: the next `:` or `=` on its line, else the line break before the next line holding one. */
export const SEPARATOR_LINE_RE = /[:=]|\n[^\n:=]*[:=]/g;

/** What stands before a name in a ternary's branch: `? `. */
export const TERNARY_BEFORE_RE = /\?[ \t]*\(?$/;

/** A code span: group 1 its content. */
export const CODE_SPAN_RE = /`([^`\n]{1,512})`/dg;

/** A secret word a label may end with, in prose or a table cell (`**API key:**`, `Client secret`). */
export const LABEL_WORD_RE =
  /(?:passw(?:or)?d|passphrase|api[ _-]?key|secret(?:[ _-]?key)?|token|credentials?|private[ _-]?key|access[ _-]?key|client[ _-]?secret|auth[ _-]?token)\b[^`\n]{0,24}$/i;

/** One cell of a markdown table's delimiter row, trimmed: `---`, `:---:`. */
export const TABLE_DELIMITER_CELL_RE = /^:?-{1,64}:?$/;

/** `<add key="Password" value="…"/>`, `name="token" value="…"`: group 1 the name, group 2 the value. */
export const ATTRIBUTE_PAIR_RE =
  /\b(?:key|name)[ \t]*=[ \t]*"([^"\n]{1,64})"[ \t]+value[ \t]*=[ \t]*"([^"\n]{0,512})"/dg;

export const CONTEXT_PATTERNS: readonly { kind: string; regex: RegExp }[] = [
  FLAG_RE,
  MYSQL_PASSWORD_RE,
  MYSQL_COMMAND_RE,
  CURL_USER_RE,
  HTTP_CLIENT_RE,
  NETRC_PASSWORD_RE,
  NETRC_CONTEXT_RE,
  NAME_FIELD_RE,
  VALUE_FIELD_RE,
  TERNARY_BEFORE_RE,
  NAME_THEN_SEPARATOR_RE,
  SEPARATOR_LINE_RE,
  BLOCK_SCALAR_RE,
  CODE_SPAN_RE,
  LABEL_WORD_RE,
  TABLE_DELIMITER_CELL_RE,
  ATTRIBUTE_PAIR_RE,
].map((regex) => ({ kind: "env-secret", regex }));
