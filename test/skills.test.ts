// The skills we ship, checked against the Agent Skills specification (https://agentskills.io/specification):
// `name` 1–64 lowercase letters, digits and hyphens, no leading, trailing or doubled hyphen, equal to its directory;
// `description` 1–1,024 characters; `compatibility` at most 500. Plus the Claude Code fields our skills rely on.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const root = path.join(import.meta.dirname, "..");
const skillsDir = path.join(root, "skills");
const skills = readdirSync(skillsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const NAME_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function frontmatterOf(dir: string): Record<string, unknown> {
  const text = readFileSync(path.join(skillsDir, dir, "SKILL.md"), "utf8");
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!match) throw new Error(`skills/${dir}/SKILL.md has no frontmatter`);
  return parse(match[1]!) as Record<string, unknown>;
}

describe("skills/ (Agent Skills format)", () => {
  it("ships the parent's skill and the child's return skill", () => {
    expect(skills.sort()).toEqual(["handoff", "handoff-return"]);
  });

  describe.each(skills)("skills/%s/SKILL.md", (dir) => {
    const fm = frontmatterOf(dir);

    it("has a name of 1-64 lowercase letters, digits and single hyphens", () => {
      expect(typeof fm["name"]).toBe("string");
      const name = fm["name"] as string;
      expect(name.length).toBeGreaterThan(0);
      expect(name.length).toBeLessThanOrEqual(64);
      expect(name).toMatch(NAME_PATTERN);
    });

    it("has a name equal to its directory", () => {
      expect(fm["name"]).toBe(dir);
    });

    it("has a non-empty description of at most 1,024 characters", () => {
      expect(typeof fm["description"]).toBe("string");
      const description = fm["description"] as string;
      expect(description.trim().length).toBeGreaterThan(0);
      expect(description.length).toBeLessThanOrEqual(1024);
    });

    it("keeps compatibility, when given, to at most 500 characters", () => {
      if (fm["compatibility"] === undefined) return;
      expect(typeof fm["compatibility"]).toBe("string");
      expect((fm["compatibility"] as string).length).toBeLessThanOrEqual(500);
    });

    it("is invoked only by the user, with an argument hint (Claude Code's fields)", () => {
      expect(fm["disable-model-invocation"]).toBe(true);
      expect(typeof fm["argument-hint"]).toBe("string");
    });
  });

  it("is in the npm package", () => {
    const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { files: string[] };
    expect(pkg.files).toContain("skills");
  });
});
