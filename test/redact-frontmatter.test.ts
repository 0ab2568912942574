// A placeholder holds `: ` and starts with `[`, so written into a plain YAML scalar it would make the frontmatter
// invalid and every field would be lost. Redaction quotes the values it writes placeholders into.
import { describe, expect, it } from "vitest";
import { parseHandoff } from "../src/core/parse.js";
import { placeholder, redact } from "../src/core/redact/index.js";

/** A fake classic token, built at run time. */
const token = (): string => `ghp_${"Zq81mX0rT4vB7nL2cW9kP5sD3fG6hJ1aQ8eR".split("").reverse().join("")}`;
const gh = placeholder("github-token");

describe("redact: frontmatter stays valid YAML", () => {
  it("quotes a title whose value now holds a placeholder, and the title survives parsing", async () => {
    const { text } = await redact(`---\ntitle: Deploy with ${token()}\nagent: claude\n---\n# Body\n`);
    expect(text).toBe(`---\ntitle: "Deploy with ${gh}"\nagent: claude\n---\n# Body\n`);
    const doc = parseHandoff(text);
    expect(doc.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(doc.title).toBe(`Deploy with ${gh}`);
    expect(doc.agent).toBe("claude");
  });

  it("keeps a return's status when it held a secret", async () => {
    const { text } = await redact(`---\nkind: return\nstatus: done ${token()}\n---\n# Return\n`);
    const doc = parseHandoff(text);
    expect(doc.kind).toBe("return");
    expect(doc.status).toBe(`done ${gh}`);
  });

  it("quotes a list item that now holds a placeholder", async () => {
    const { text } = await redact(
      `---\ntitle: x\nskills:\n  - typescript\n  - use ${token()} # the deploy token\n---\n# Body\n`,
    );
    expect(text).toContain(`  - "use ${gh}" # the deploy token\n`);
    expect(parseHandoff(text).skills).toEqual(["typescript", `use ${gh}`]);
  });

  it("quotes a value that was the secret alone", async () => {
    const { text } = await redact(`---\ntitle: x\ndeploy_token: ${token()}\n---\n# Body\n`);
    expect(text).toContain(`deploy_token: "${placeholder("github-token")}"\n`);
    expect(parseHandoff(text).extra).toEqual({ deploy_token: gh });
  });

  it("leaves an already quoted value as it is", async () => {
    const { text } = await redact(`---\ntitle: 'Deploy with ${token()}'\n---\n# Body\n`);
    expect(text).toBe(`---\ntitle: 'Deploy with ${gh}'\n---\n# Body\n`);
    expect(parseHandoff(text).title).toBe(`Deploy with ${gh}`);
  });

  it("leaves the content of a block scalar alone", async () => {
    const { text } = await redact(`---\ntitle: x\nnotes: |\n  use ${token()}\n  then: deploy\n---\n# Body\n`);
    expect(text).toBe(`---\ntitle: x\nnotes: |\n  use ${gh}\n  then: deploy\n---\n# Body\n`);
    expect(parseHandoff(text).extra).toEqual({ notes: `use ${gh}\nthen: deploy\n` });
  });

  it("quotes only inside the frontmatter, not in the body", async () => {
    const { text } = await redact(`# Body\n\ntitle: Deploy with ${token()}\n`);
    expect(text).toBe(`# Body\n\ntitle: Deploy with ${gh}\n`);
  });

  it("quotes behind a byte-order mark and keeps the line count, idempotently", async () => {
    const input = `\uFEFF---\ntitle: token ${token()}\n---\n# Body\n`;
    const once = await redact(input);
    expect(once.text).toBe(`\uFEFF---\ntitle: "token ${gh}"\n---\n# Body\n`);
    expect(await redact(once.text)).toEqual({ text: once.text, report: { total: 0, kinds: {} } });
  });
});
