// The Action bundle carries one copy of `entities`: markdown-it's own (v8) is replaced by parse5's (v9) there
// (scripts/bundle.mjs). That is only sound while markdown-it's use of it decodes exactly as before.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { characterEntities } from "character-entities";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const markdownIt = require.resolve("markdown-it");
const parse5 = require.resolve("parse5");

type Decode = (text: string) => string;

async function decodeHTMLStrictAsResolvedFrom(file: string): Promise<Decode> {
  const entities = createRequire(file).resolve("entities");
  const module = (await import(pathToFileURL(entities).href)) as { decodeHTMLStrict: Decode };
  return module.decodeHTMLStrict;
}

/** What markdown-it hands the decoder (`&name;` from its entity rule and unescapeAll), and its near misses. */
function entityLikeInputs(): string[] {
  const inputs: string[] = [];
  for (const name of Object.keys(characterEntities)) {
    inputs.push(`&${name};`, `&${name}`, `&${name}x;`, `&${name.toUpperCase()};`, `&${name.slice(0, -1)};`);
    inputs.push(`a&${name};b&${name};`);
  }
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  for (let i = 0; i < 50_000; i++) {
    let name = alphabet[(i * 7919) % 26] ?? "a";
    for (let j = 1; j < 2 + (i % 31); j++) name += alphabet[(i * 31 + j * 17 + i * j) % alphabet.length] ?? "";
    inputs.push(`&${name};`);
  }
  for (let code = 0; code < 0x110000 + 10; code += 97) inputs.push(`&#${code};`, `&#x${code.toString(16)};`);
  return inputs;
}

describe("the Action bundle's one copy of entities", () => {
  it("serves markdown-it, which imports only decodeHTMLStrict from it", () => {
    const esm = readFileSync(join(dirname(markdownIt), "markdown-it.mjs"), "utf8");
    expect([...esm.matchAll(/^import .* from "entities";$/gm)].map((match) => match[0])).toEqual([
      'import { decodeHTMLStrict } from "entities";',
    ]);
  });

  it("decodes every named entity, and the strings around them, as markdown-it's own copy does", async () => {
    const own = await decodeHTMLStrictAsResolvedFrom(markdownIt);
    const bundled = await decodeHTMLStrictAsResolvedFrom(parse5);
    const inputs = entityLikeInputs();
    expect(inputs.length).toBeGreaterThan(2125 * 6);
    expect(own("&amp;&notin;&NotNestedGreaterGreater;")).toBe("&∉⪢̸");
    const differing = inputs.filter((input) => own(input) !== bundled(input));
    expect(differing).toEqual([]);
  });
});
