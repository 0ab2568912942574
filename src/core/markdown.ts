// The one markdown-it handoff reads markdown with, configured as GitHub renders issues and comments (GFM:
// CommonMark with tables, strikethrough, raw HTML and bare-URL autolinks). Sections, the `/handoff` command and
// code ranges all ask this instance "what will GitHub show?", so they cannot give three different answers.
// Extend GitHub's rules here (footnotes, task lists, ...), never in a second instance.
import MarkdownIt, { type StateBlock, type StateInline, type Token } from "markdown-it";
import footnote from "markdown-it-footnote";

export type { Token };

/** Where one inline rule matched in the inline text it parsed: UTF-16 offsets, `end` exclusive. */
export interface InlineRange {
  /** The type of the last token the rule pushed (`code_inline`, `html_inline`, `link_open`, ...). */
  type: string;
  start: number;
  end: number;
}

/** markdown-it's env for `parseWithPositions`: the inline ranges found in each inline text, keyed by that text. */
export type PositionEnv = { inline: Map<string, InlineRange[]> };

/**
 * markdown-it gives inline tokens no positions. This rule runs first at every inline position and, when the env
 * asks for positions, runs the rules after it itself (the same loop as markdown-it's own tokenizer, through the
 * public `Ruler.getRules`), recording where each match started and ended. Without that env it steps aside.
 */
function recordInlinePositions(md: InstanceType<typeof MarkdownIt>): void {
  const rule = (state: StateInline, silent: boolean): boolean => {
    const inline = (state.env as Partial<PositionEnv>).inline;
    if (silent || !(inline instanceof Map)) return false;
    const rules = state.md.inline.ruler.getRules("");
    const start = state.pos;
    const before = state.tokens.length;
    for (let i = rules.indexOf(rule) + 1; i < rules.length; i++) {
      if (!rules[i]!(state, false)) continue;
      const token = state.tokens[state.tokens.length - 1];
      if (token && state.tokens.length > before) {
        const ranges = inline.get(state.src) ?? [];
        ranges.push({ type: token.type, start, end: state.pos });
        inline.set(state.src, ranges);
      }
      return true;
    }
    return false;
  };
  md.inline.ruler.before("text", "handoff_positions", rule);
}

/** markdown-it's env for `parseBlockTokens`: table body rows are read (where the table ends) but not tokenised. */
type BlockEnv = { bodylessTables?: true };

/**
 * Block structure never needs a table's body rows: their cells are inline text with no line map, which no block
 * reader here uses, and a table a megabyte long made a million tokens (most of a parse's time, in allocation and
 * garbage collection). With the env's `bodylessTables`, markdown-it's own table rule still decides everything
 * (whether it is a table, where it ends, the header's cells, `tbody`'s lines), but the tokens between `tbody_open`
 * and `tbody_close` are handed out as one scratch token and never kept. Every other parse is untouched.
 */
function bodylessTables(md: InstanceType<typeof MarkdownIt>): void {
  const table = md.block.ruler.getRules("")[0];
  // markdown-it lists its table rule first; a reordering would make this wrap another rule, so fail at load.
  if (table?.name !== "table") throw new Error("markdown-it's block rules changed: the first is not `table`");
  // `at` resets a rule's alternatives: give back markdown-it's own, or a table could no longer end a paragraph.
  const alt = { alt: ["paragraph", "reference"] };
  md.block.ruler.at(
    "table",
    (state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean => {
      if (silent || !(state.env as BlockEnv).bodylessTables) return table(state, startLine, endLine, silent);
      // Most lines start no table: ask markdown-it's rule silently (a few character checks) before setting up.
      if (!table(state, startLine, endLine, true)) return false;
      const push = state.push;
      const scratch = new state.Token("", "", 0);
      let inBody = false;
      // The rows inside tbody open and close in pairs, so skipping them leaves `state.level` as it was.
      state.push = function (this: StateBlock, type: string, tag: string, nesting: Token["nesting"]): Token {
        if (type === "tbody_close") inBody = false;
        if (inBody) return scratch;
        if (type === "tbody_open") inBody = true;
        return push.call(this, type, tag, nesting);
      };
      try {
        return table(state, startLine, endLine, false);
      } finally {
        state.push = push;
      }
    },
    alt,
  );
}

export const markdown = new MarkdownIt("default", { html: true, linkify: true });
markdown.use(bodylessTables);
markdown.use(recordInlinePositions);
// GitHub renders footnotes: a definition shows only when something references it, at the end of the document.
markdown.use(footnote);

/** Every token of the text, with the inline ranges of each inline text recorded in the returned env. */
export function parseWithPositions(text: string): { tokens: Token[]; env: PositionEnv } {
  const env: PositionEnv = { inline: new Map() };
  return { tokens: markdown.parse(text, env), env };
}

/**
 * Block tokens only, with no inline parsing: a 1 MB single-line document stays cheap. `ParserBlock.parse` is
 * public but skips core's normalisation, so it is repeated here exactly as markdown-it does it (line breaks to
 * `\n`, NUL to U+FFFD; both keep every offset). Tables come without their body rows (`bodylessTables`).
 */
export function parseBlockTokens(text: string): Token[] {
  const tokens: Token[] = [];
  const env: BlockEnv = { bodylessTables: true };
  const src = text.replace(/\r\n?/g, "\n").replaceAll("\0", "\uFFFD");
  // `ParserBlock.parse`, step by step (both steps are public), so that the state pushes tokens made cheaply.
  if (src === "") return tokens;
  const state = new markdown.block.State(src, markdown, env, tokens);
  state.push = pushBlockToken;
  markdown.block.tokenize(state, state.line, state.lineMax);
  return tokens;
}

/**
 * `StateBlock#push`, making the same token (markdown-it's Token prototype, the same own properties in the
 * constructor's order) by plain assignment: markdown-it 15's compiled constructor defines each property through
 * a helper, which was a third of a large document's block parse. test/markdown.test.ts holds it to markdown-it's.
 */
function pushBlockToken(this: StateBlock, type: string, tag: string, nesting: Token["nesting"]): Token {
  const token = Object.create(this.Token.prototype) as Token;
  token.map = null;
  token.level = 0;
  token.children = null;
  token.content = "";
  token.markup = "";
  token.info = "";
  token.block = true;
  token.hidden = false;
  token.type = type;
  token.tag = tag;
  token.attrs = null;
  token.nesting = nesting;
  token.meta = null;
  if (nesting < 0) this.level--;
  token.level = this.level;
  if (nesting > 0) this.level++;
  this.tokens.push(token);
  return token;
}

/** One block of a markdown text, from the block tokens. Lines are 0-based, `end` exclusive. */
export interface Block {
  kind: "heading" | "paragraph" | "cell" | "fence" | "code" | "html" | "hr";
  /** Heading level 1–6; 0 for other blocks. */
  level: number;
  /** Nesting: 0 at the top level, more inside lists and block quotes. */
  depth: number;
  start: number;
  end: number;
  /** The inline markdown (or the code of a fence), with markdown-it's newline normalisation. */
  content: string;
  /** For blocks inside a top-level list: which list (counted from the top), so its items can be read together. */
  list?: number;
}

const OPENERS: Readonly<Record<string, Block["kind"]>> = {
  heading_open: "heading",
  paragraph_open: "paragraph",
  th_open: "cell",
  td_open: "cell",
};
const LEAVES: Readonly<Record<string, Block["kind"]>> = {
  fence: "fence",
  code_block: "code",
  html_block: "html",
  hr: "hr",
};

/** The text's blocks in document order. Headings inside code fences are code, as markdown-it decides. */
export function readBlocks(text: string): Block[] {
  const tokens = parseBlockTokens(text);
  const blocks: Block[] = [];
  let lists = 0;
  let list: number | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token) continue;
    if (token.level === 0 && (token.type === "bullet_list_open" || token.type === "ordered_list_open")) list = ++lists;
    if (token.level === 0 && (token.type === "bullet_list_close" || token.type === "ordered_list_close"))
      list = undefined;
    const leaf = LEAVES[token.type];
    if (leaf && token.map) {
      const block: Block = {
        kind: leaf,
        level: 0,
        depth: token.level,
        start: token.map[0],
        end: token.map[1],
        content: token.content,
      };
      if (list !== undefined) block.list = list;
      blocks.push(block);
      continue;
    }
    const opener = tokens[i - 1];
    const kind = opener ? OPENERS[opener.type] : undefined;
    const map = token.map ?? opener?.map;
    if (token.type !== "inline" || !opener || !kind || !map) continue;
    const level = kind === "heading" ? Number(opener.tag.slice(1)) : 0;
    const end = kind === "heading" && opener.map ? opener.map[1] : map[1];
    const block: Block = { kind, level, depth: opener.level, start: map[0], end, content: token.content };
    if (list !== undefined) block.list = list;
    blocks.push(block);
  }
  return blocks;
}
