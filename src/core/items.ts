// The items of a section: what the header card, the prompt's checklist and the relay show one line each.
// Top-level list items when the section has a list (nested items stay with their parent); otherwise its
// paragraphs. The structure comes from the one markdown-it (markdown.ts), block rules only.
import { parseBlockTokens } from "./markdown.js";
import { collapseWhitespace } from "./title.js";
import { cutCodePoints } from "./truncate.js";

export interface Item {
  /** The item's first paragraph, on one line, without its checkbox. */
  text: string;
  /** `- [x]` in the document; `- [ ]` is false; a plain item is false too. */
  checked: boolean;
  /** Whether the document wrote it as a task-list item (`- [ ]` or `- [x]`). */
  task: boolean;
}

/** Items beyond this many are not read: a card or a checklist never shows more. */
export const MAX_ITEMS = 100;
/** Each item's text is cut to this many characters before anything else looks at it. */
const MAX_ITEM_SCAN = 2_000;
/** Exported so test/patterns-render.test.ts proves them linear. */
export const ITEM_PATTERNS = { checkbox: /^\[([ xX])\][ \t]+/ } as const;

function readItem(content: string): Item {
  const line = collapseWhitespace(cutCodePoints(content, MAX_ITEM_SCAN)).trim();
  const box = ITEM_PATTERNS.checkbox.exec(line);
  if (!box) return { text: line, checked: false, task: false };
  return { text: line.slice(box[0].length).trim(), checked: box[1] !== " ", task: true };
}

/** The items of a section's markdown, in order; empty when it has no text. */
export function sectionItems(text: string): Item[] {
  if (text.trim() === "") return [];
  const tokens = parseBlockTokens(text);
  const listed: Item[] = [];
  const paragraphs: Item[] = [];
  let lists = 0;
  let awaitingFirstParagraph = false;
  for (const token of tokens) {
    if (listed.length >= MAX_ITEMS) break;
    if (token.type === "bullet_list_open" || token.type === "ordered_list_open") lists++;
    else if (token.type === "bullet_list_close" || token.type === "ordered_list_close") lists--;
    else if (token.type === "list_item_open" && lists === 1) awaitingFirstParagraph = true;
    else if (token.type === "inline" && awaitingFirstParagraph) {
      awaitingFirstParagraph = false;
      const item = readItem(token.content);
      if (item.text !== "") listed.push(item);
    } else if (token.type === "inline" && lists === 0 && paragraphs.length < MAX_ITEMS && token.level === 1) {
      const item = readItem(token.content);
      if (item.text !== "") paragraphs.push(item);
    } else if ((token.type === "fence" || token.type === "code_block") && awaitingFirstParagraph) {
      awaitingFirstParagraph = false;
    }
  }
  return listed.length > 0 ? listed : paragraphs;
}
