// `handoff new "<title>"`: a template under .handoffs/, never overwriting an existing file.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { handoffTemplate, slugify } from "./template.js";

export async function newHandoff(title: string, directory: string, today = new Date()): Promise<string> {
  const file = path.join(directory, `${today.toISOString().slice(0, 10)}-${slugify(title)}.md`);
  await mkdir(directory, { recursive: true });
  // `wx` fails when the file exists: a template must never clobber someone's handoff.
  await writeFile(file, handoffTemplate(title, today.toISOString().slice(0, 10)), { flag: "wx" });
  return file;
}
