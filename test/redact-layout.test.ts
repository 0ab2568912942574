// Secrets in the layouts hostile documents use: a private key laid out as table rows, quoted or commented out,
// and a key split by an invisible character that sanitising would later remove.
import { describe, expect, it } from "vitest";
import { placeholder, redact } from "../src/core/redact/index.js";
import { fakeExamples, seeded } from "./fixtures/redact/fakes.js";

function rsaKey(seed: number): { lines: string[]; body: string[] } {
  const key = fakeExamples(seeded(seed)).find((e) => e.kind === "private-key");
  if (!key) throw new Error("the fakes hold no private key");
  return { lines: key.text.split("\n"), body: key.secrets };
}

describe("redact: a private key with decorated lines", () => {
  const decorations: [string, (line: string) => string][] = [
    ["table rows", (l) => `| ${l} |`],
    ["block-quote markers", (l) => `> ${l}`],
    ["list markers", (l) => `- ${l}`],
    ["indentation", (l) => `    ${l}`],
    ["`#` comments", (l) => `# ${l}`],
    ["`//` comments", (l) => `// ${l}`],
    ["a trailing backslash", (l) => `${l} \\`],
    ["string literals joined by +", (l) => `  "${l}\\n" +`],
  ];
  for (const [name, decorate] of decorations) {
    it(`replaces the key material on every line laid out as ${name} and keeps the decoration`, async () => {
      const { lines } = rsaKey(11);
      const doc = `Key:\n${lines.map(decorate).join("\n")}\nDone.\n`;
      const { text, report } = await redact(doc);
      const expected = lines.map((_, i) => decorate(i === 0 ? placeholder("private-key") : ""));
      expect(text).toBe(`Key:\n${expected.join("\n")}\nDone.\n`);
      expect(report.kinds).toEqual({ "private-key": 1 });
    });
  }

  it("redacts PEM headers inside a decorated key", async () => {
    const { lines } = rsaKey(12);
    const withHeaders = [
      lines[0] ?? "",
      "Proc-Type: 4,ENCRYPTED",
      "DEK-Info: AES-128-CBC,3F2A1BC9E4D5F6A7",
      "",
      ...lines.slice(1),
    ];
    const doc = withHeaders.map((l) => `| ${l} |`).join("\n");
    const { text } = await redact(doc);
    expect(text).not.toMatch(/Proc-Type|DEK-Info|-----END/);
    expect(text.split("\n")).toHaveLength(withHeaders.length);
  });

  it("stops at the first line that is not key material when the END line is missing", async () => {
    const { lines } = rsaKey(13);
    const doc = `${lines
      .slice(0, 3)
      .map((l) => `> ${l}`)
      .join("\n")}\nThen run the migration, please.\n`;
    const { text } = await redact(doc);
    expect(text).toBe(`> ${placeholder("private-key")}\n> \n> \nThen run the migration, please.\n`);
  });

  it("keeps CRLF line ends of a decorated key", async () => {
    const { lines } = rsaKey(14);
    const doc = lines.map((l) => `| ${l} |`).join("\r\n");
    const { text } = await redact(doc);
    expect(text).toBe([`| ${placeholder("private-key")} |`, ...lines.slice(1).map(() => "|  |")].join("\r\n"));
  });

  it("is idempotent on a decorated key", async () => {
    const { lines } = rsaKey(15);
    const once = await redact(lines.map((l) => `| ${l} |`).join("\n"));
    const twice = await redact(once.text);
    expect(twice).toEqual({ text: once.text, report: { total: 0, kinds: {} } });
  });
});

describe("redact: a secret split by an invisible character", () => {
  const akia = (): string => `AKIA${"QW3ERT7YUI2OPAS4".split("").reverse().join("")}`;
  const splitters: [string, string][] = [
    ["a soft hyphen", "\u00AD"],
    ["a zero-width space", "\u200B"],
    ["a word joiner", "\u2060"],
    ["a right-to-left override", "\u202E"],
    ["a tag character", "\u{E0041}"],
    ["a variation selector", "\uFE0F"],
    ["an ESC control character", "\u001B"],
    ["an ANSI escape sequence", "\u001B[0m"],
    ["several of them", "\u00AD\u200B\u200D"],
  ];
  for (const [name, splitter] of splitters) {
    it(`redacts an AWS key split by ${name}, not only behind a secret-named key`, async () => {
      const key = akia();
      const { text, report } = await redact(`key: ${key.slice(0, 10)}${splitter}${key.slice(10)}\n`);
      expect(text).toBe(`key: ${placeholder("aws-access-key")}\n`);
      expect(report.kinds).toEqual({ "aws-access-key": 1 });
    });
  }

  it("removes a format character inside a word from the text it returns, without reporting it", async () => {
    const { text, report } = await redact("soft\u00ADhyphen and zero\u200Bwidth\n");
    expect(text).toBe("softhyphen and zerowidth\n");
    expect(report.total).toBe(0);
  });

  it("leaves emoji ZWJ sequences and invisible characters between words alone", async () => {
    const input = "family: 👨\u200D👩\u200D👧, a \u200B b, \u202Eשלום\u202C\n";
    expect((await redact(input)).text).toBe(input);
  });
});

describe("redact: a byte-order mark", () => {
  it("places secretlint's findings exactly when the text starts with a byte-order mark", async () => {
    // A Slack token is found by secretlint alone; the scanner reports offsets in the text without the mark.
    const slack = `xoxb-${"4".repeat(11)}-${"7".repeat(12)}-${"Qw8rT2yU4iO6pA1sD3fG5hJ7".split("").reverse().join("")}`;
    const { text } = await redact(`\uFEFFUse ${slack} here\n`);
    expect(text).toBe(`\uFEFFUse ${placeholder("slack-token")} here\n`);
  });
});

describe("redact: character references named like Object's own properties", () => {
  it.each(["&constructor;", "&toString;", "&hasOwnProperty;"])(
    "redacts a document holding %s instead of failing",
    async (reference) => {
      const { text } = await redact(`See ${reference} and mail dana@example.com`);
      expect(text).toBe(`See ${reference} and mail ${placeholder("email")}`);
    },
  );
});
