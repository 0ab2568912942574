// The text on the `/handoff` line is the title, unless the document names its own (frontmatter `title:` or
// a first-level heading); then it is the reason. Either way it goes into the document before redaction,
// so it is redacted like everything else.

const FRONTMATTER_RE = /^(\uFEFF?---[ \t]*\r?\n[\s\S]*?\r?\n---[ \t]*)(?:\r?\n|$)/;

export function withCommandTitle(document: string, title: string): string {
  const text = title.trim();
  if (text === "") return document;
  const frontmatter = FRONTMATTER_RE.exec(document);
  const head = frontmatter ? `${frontmatter[1]}\n` : "";
  const body = frontmatter ? document.slice(frontmatter[0].length) : document;
  const hasTitle = (frontmatter !== null && /^title:/m.test(frontmatter[1]!)) || /^# \S/m.test(body);
  return hasTitle ? `${head}Reason: ${text}\n\n${body}` : `${head}# ${text}\n\n${body}`;
}
