import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contentHash, findMarker, findMarkers, renderMarker } from "../src/core/marker.js";
import type { HandoffMarker } from "../src/core/marker.js";

const commentMarker: HandoffMarker = {
  v: 1,
  kind: "handoff",
  source: {
    type: "comment",
    repo: "acme/app",
    commentId: 42,
    url: "https://github.com/acme/app/issues/7#issuecomment-42",
    thread: 7,
  },
  parent: "acme/app#7",
  hash: "0f1e2d",
};
const fileMarker: HandoffMarker = {
  v: 1,
  kind: "return",
  source: {
    type: "file",
    repo: "acme/app",
    path: ".handoffs/crlf.md",
    url: "https://github.com/acme/app/blob/main/.handoffs/crlf.md",
    commit: "abc",
  },
  hash: "beef",
  role: "overflow",
  part: 2,
};
const issueMarker: HandoffMarker = {
  v: 1,
  kind: "handoff",
  source: { type: "issue", repo: "acme/app", number: 3, url: "https://github.com/acme/app/issues/3" },
  hash: "cafe",
};

describe("renderMarker and findMarker", () => {
  it.each([
    ["a comment source", commentMarker],
    ["a file source", fileMarker],
    ["an issue source", issueMarker],
  ])("round-trips a marker with %s", (_name, marker) => {
    expect(findMarker(`Some text\n\n${renderMarker(marker)}\n\nmore`)).toEqual(marker);
  });

  it("renders a single HTML comment starting with the versioned prefix", () => {
    const rendered = renderMarker(commentMarker);
    expect(rendered.startsWith("<!-- handoff:v1 {")).toBe(true);
    expect(rendered.endsWith("} -->")).toBe(true);
  });

  it("escapes a value containing --> so that it cannot end the comment", () => {
    const marker = { ...issueMarker, returnKey: "x --> <script>alert(1)</script> <!-- y" };
    const rendered = renderMarker(marker);
    expect(rendered.indexOf("-->")).toBe(rendered.length - 3);
    expect(rendered.lastIndexOf("<!--")).toBe(0);
    expect(rendered.slice(4, -3)).not.toMatch(/[<>]|--/);
    expect(findMarker(rendered)).toEqual(marker);
  });

  it("keeps any string value intact through escaping", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (returnKey, parent) => {
        const marker = { ...commentMarker, returnKey, parent };
        const rendered = renderMarker(marker);
        expect(rendered.slice(4, -3)).not.toMatch(/[<>]|--/);
        expect(findMarker(rendered)).toEqual(marker);
      }),
    );
  });

  it("escapes exactly as the character-by-character definition does", () => {
    // The definition: inside a JSON string, `-`, `<` and `>` become `\u002d`, `\u003c`, `\u003e`; an escape pair is
    // copied as it is; outside strings (a number's sign) nothing changes.
    const byCharacter = (json: string): string => {
      let out = "";
      let inString = false;
      for (let i = 0; i < json.length; i++) {
        const c = json.charAt(i);
        if (inString && c === "\\") {
          out += c + json.charAt(i + 1);
          i++;
          continue;
        }
        if (c === '"') inString = !inString;
        out += inString && "-<>".includes(c) ? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}` : c;
      }
      return out;
    };
    const edgy = fc.array(fc.constantFrom(...'-<>"\\ a-->\n\u2028é'), { maxLength: 16 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(
        fc.oneof(edgy, fc.string()),
        fc.oneof(edgy, fc.string()),
        fc.integer({ min: 1, max: 99 }),
        (key, parent, part) => {
          const marker: HandoffMarker = { ...commentMarker, returnKey: key, parent, part };
          expect(renderMarker(marker)).toBe(`<!-- handoff:v1 ${byCharacter(JSON.stringify(marker))} -->`);
        },
      ),
      { numRuns: 3_000 },
    );
  });

  it("reads a marker text once per process: the same text again gives the same frozen marker", () => {
    const body = `${renderMarker(issueMarker)}\nThe document.`;
    const first = findMarker(body);
    expect(first).toEqual(issueMarker);
    expect(findMarker(`Another body quoting it: ${renderMarker(issueMarker)}`)).toBe(first);
    // Shared by every later reader of that text: nobody can change it for them.
    expect(() => Object.assign(first!, { hash: "changed" })).toThrow(TypeError);
    expect(() => Object.assign(first!.source, { repo: "evil/repo" })).toThrow(TypeError);
    expect(findMarker(body)).toEqual(issueMarker);
  });

  it("tolerates whitespace and line breaks around the JSON", () => {
    const json = JSON.stringify(issueMarker);
    expect(findMarker(`<!--handoff:v1\n  ${json}\n-->`)).toEqual(issueMarker);
  });

  it("ignores a marker of an unknown version", () => {
    expect(findMarker(`<!-- handoff:v2 ${JSON.stringify({ ...issueMarker, v: 2 })} -->`)).toBeNull();
  });

  it("ignores a marker whose JSON claims another version", () => {
    expect(findMarker(`<!-- handoff:v1 ${JSON.stringify({ ...issueMarker, v: 2 })} -->`)).toBeNull();
  });

  it("ignores malformed JSON", () => {
    expect(findMarker('<!-- handoff:v1 {"v":1,"kind":"handoff", -->')).toBeNull();
  });

  it("ignores a forged marker that does not match the schema", () => {
    expect(findMarker(`<!-- handoff:v1 ${JSON.stringify({ ...issueMarker, kind: "takeover" })} -->`)).toBeNull();
    expect(
      findMarker(`<!-- handoff:v1 ${JSON.stringify({ v: 1, kind: "handoff", source: issueMarker.source })} -->`),
    ).toBeNull();
  });

  it("skips a marker whose role it does not know, rather than reading it as an issue's own marker", () => {
    const newer = JSON.stringify({ ...issueMarker, role: "summary" });
    expect(findMarker(`<!-- handoff:v1 ${newer} -->`)).toBeNull();
  });

  it("finds the first valid marker, skipping broken ones before it", () => {
    const text = `<!-- handoff:v1 {broken} -->\n${renderMarker(fileMarker)}\n${renderMarker(issueMarker)}`;
    expect(findMarker(text)).toEqual(fileMarker);
  });

  it("finds every valid marker in order", () => {
    const text = `${renderMarker(issueMarker)} text <!-- handoff:v9 {} --> ${renderMarker(commentMarker)}`;
    expect(findMarkers(text)).toEqual([issueMarker, commentMarker]);
  });

  it("returns null for text without a marker and never throws on arbitrary text", () => {
    expect(findMarker("<!-- an ordinary comment -->")).toBeNull();
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(() => findMarker(`<!-- handoff:v1 ${text} -->`)).not.toThrow();
      }),
    );
  });
});

describe("contentHash", () => {
  it("is the sha256 of the text in hex (FIPS 180-2 test vector)", () => {
    expect(contentHash("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("changes when the text changes", () => {
    expect(contentHash("# Handoff\n")).not.toBe(contentHash("# Handoff \n"));
  });
});
