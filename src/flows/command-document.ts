// The text on the `/handoff` line is the title, unless the document names its own (frontmatter `title:` or
// a first-level heading); then it is the reason. Either way it goes into the document before redaction,
// so it is redacted like everything else.
import { readFrontmatter, splitFrontmatter } from "../core/frontmatter.js";

export function withCommandTitle(document: string, title: string): string {
  const text = title.trim();
  if (text === "") return document;
  const split = splitFrontmatter(document);
  // The body is the document's tail; what is before it is the frontmatter with its fences, kept verbatim.
  const head = split.yaml === null ? "" : document.slice(0, document.length - split.body.length);
  const body = split.yaml === null ? document : split.body;
  const titled = split.yaml !== null && readFrontmatter(split.yaml, split.yamlLine).fields.title !== undefined;
  const hasTitle = titled || /^# \S/m.test(body);
  return hasTitle ? `${head}Reason: ${text}\n\n${body}` : `${head}# ${text}\n\n${body}`;
}
