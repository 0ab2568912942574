// Reading the agent's return handoff, and the `status` input that overrides the document's own.
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { splitFrontmatter } from "../core/frontmatter.js";

export interface ReturnSource {
  text: string;
  /** How errors name it: `return.md` for a file, `return-text` for the input. */
  name: string;
  /** Maps a line of the text we prepared back to a line of what the agent wrote (the override may add lines). */
  originalLine: (line: number) => number;
}

/** The return text, or null when the agent wrote none (no file, or an empty one). */
export async function readReturn(options: { text?: string; file: string }): Promise<ReturnSource | null> {
  const identity = (line: number) => line;
  if (options.text !== undefined) return { text: options.text, name: "return-text", originalLine: identity };
  let text: string;
  try {
    text = await readFile(options.file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new Error(`cannot read the return handoff ${options.file}: ${(error as Error).message}`, { cause: error });
  }
  return text.trim() === "" ? null : { text, name: basename(options.file), originalLine: identity };
}

const STATUS_LINE = /^status[ \t]*:.*$/m;

/**
 * Sets `status:` in the frontmatter (replacing it, adding it, or adding a frontmatter), so the rendered
 * comment, the relay and the close-on-done decision all see the same status. Lines are kept where they
 * were whenever possible, so errors still point into the agent's file.
 */
export function overrideStatus(source: ReturnSource, status: string): ReturnSource {
  const split = splitFrontmatter(source.text);
  if (split.yaml !== null && STATUS_LINE.test(split.yaml)) {
    const yaml = split.yaml.replace(STATUS_LINE, `status: ${status}`);
    const start = source.text.indexOf(split.yaml);
    const text = source.text.slice(0, start) + yaml + source.text.slice(start + split.yaml.length);
    return { ...source, text };
  }
  if (split.yaml !== null) {
    // Insert right after the opening fence, on line 2: everything from line 2 moves down one.
    const fenceEnd = source.text.indexOf("\n") + 1;
    const text = `${source.text.slice(0, fenceEnd)}status: ${status}\n${source.text.slice(fenceEnd)}`;
    return {
      ...source,
      text,
      originalLine: (line) => (line > 2 ? source.originalLine(line - 1) : source.originalLine(line)),
    };
  }
  const head = `---\nstatus: ${status}\n---\n`;
  return { ...source, text: head + source.text, originalLine: (line) => source.originalLine(Math.max(1, line - 3)) };
}
