// `handoff new "<title>"`: a template where the App looks for handoffs (`directory:` in `.github/handoff.yml`,
// else `.handoffs/`), never overwriting an existing file: a second handoff with the same name that day gets a
// numbered suffix.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { handoffTemplate, slugify } from "./template.js";

/** More handoffs with one title on one day than this is a loop, not a person: stop instead of filling the disk. */
const MAX_SUFFIX = 100;

export async function newHandoff(title: string, directory: string, today = new Date()): Promise<string> {
  const date = today.toISOString().slice(0, 10);
  const base = `${date}-${slugify(title)}`;
  await mkdir(directory, { recursive: true });
  const text = handoffTemplate(title, date);
  for (let n = 1; n <= MAX_SUFFIX; n++) {
    const file = path.join(directory, n === 1 ? `${base}.md` : `${base}-${n}.md`);
    try {
      // `wx` fails when the file exists: a template must never clobber someone's handoff.
      await writeFile(file, text, { flag: "wx" });
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  throw new Error(
    `${path.join(directory, `${base}.md`)} and ${MAX_SUFFIX - 1} numbered variants exist already; choose another title.`,
  );
}
