// The redaction line a thread reply carries: kinds and counts, never values, in one order on every runner.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { redactionLine } from "../src/flows/messages.js";

describe("redactionLine", () => {
  it("says nothing was redacted when nothing was", () => {
    expect(redactionLine({ total: 0, kinds: {} })).toBe("Redacted: nothing.");
  });

  it("lists each kind with its count, ordered by its characters", () => {
    const kinds = { "github-token": 2, email: 1, "aws-access-key": 1, "aa-token": 1, "1password-token": 1 };
    expect(redactionLine({ total: 6, kinds })).toBe(
      "Redacted 6: 1password-token ×1, aa-token ×1, aws-access-key ×1, email ×1, github-token ×2.",
    );
  });

  it("writes the same order under a Danish locale, whose collation sorts aa after z", () => {
    // Node reads its locale when it starts: each check runs in a Node of its own, on the module itself.
    const module = new URL("../src/flows/messages.ts", import.meta.url).href;
    const script = `const { redactionLine } = await import(${JSON.stringify(module)});
      console.log(redactionLine({ total: 2, kinds: { "zz-key": 1, "aa-token": 1 } }));`;
    const run = (lang: string) =>
      execFileSync(process.execPath, ["--import", "tsx/esm", "--input-type=module", "-e", script], {
        env: { PATH: process.env["PATH"] ?? "", LANG: lang, LC_ALL: lang },
        encoding: "utf8",
      }).trim();
    expect(run("da_DK.UTF-8")).toBe("Redacted 2: aa-token ×1, zz-key ×1.");
    expect(run("C.UTF-8")).toBe("Redacted 2: aa-token ×1, zz-key ×1.");
  });
});
