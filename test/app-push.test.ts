import { describe, expect, it } from "vitest";
import { findMarker } from "../src/core/marker.js";
import { prepareIssue } from "../src/core/prepare.js";
import { delivery, fakeSha, pushPayload } from "./support/payloads.js";
import { BOT, OWNER, REPO } from "./fixtures/app/github.js";
import { documentFixture, loadedProbot, SECRETS, useApp } from "./fixtures/app/harness.js";

const app = useApp();
const AFTER = "6113728f27ae82c7b1a177c8d03f9e96e0adf246";
const BEFORE = "9049f1265b7d61be4a8904a9a27120d2064dab3b";

/** An issue as the App would have filed it from `path` holding `text`. */
async function seedFileIssue(number: number, path: string, text: string, state: "open" | "closed" = "open") {
  const source = {
    type: "file" as const,
    repo: `${OWNER}/${REPO}`,
    path,
    url: `https://github.com/${OWNER}/${REPO}/blob/${BEFORE}/${path}`,
    commit: BEFORE,
  };
  const prepared = await prepareIssue(text, { source });
  return app.github.addIssue({
    number,
    title: prepared.issue.title,
    body: prepared.issue.body,
    labels: prepared.issue.labels,
    state,
    user: { login: BOT, type: "Bot" },
  });
}

const markerPath = (body: string) => {
  const source = findMarker(body)?.source;
  return source?.type === "file" ? source.path : undefined;
};

describe("a push of .handoffs/ files to the default branch", () => {
  it("files a new file, updates a changed one and closes the issue of a removed one, naming the commit", async () => {
    await seedFileIssue(10, ".handoffs/auth.md", "# Auth\n\n## Next steps\n- old\n");
    await seedFileIssue(11, ".handoffs/old.md", "# Old\n\n## Next steps\n- x\n");
    app.github.setFile(AFTER, ".handoffs/auth.md", "# Auth\n\n## Next steps\n- new\n");
    app.github.setFile(AFTER, ".handoffs/parser.md", documentFixture("secrets"));
    await (await loadedProbot()).receive(delivery("push", pushPayload()));

    const created = app.github.ours().filter((i) => i.number >= 100);
    expect(created.map((i) => markerPath(i.body))).toEqual([".handoffs/parser.md"]);
    expect(app.github.issues.get(10)!.body).toContain("- new");
    expect(app.github.issues.get(11)!.state).toBe("closed");
    expect(app.github.commentsOn(11)[0]!.body).toContain(`\`.handoffs/old.md\` was removed in ${AFTER}`);
  });

  it("changes nothing when the same push is delivered again", async () => {
    await seedFileIssue(11, ".handoffs/old.md", "# Old\n");
    app.github.setFile(AFTER, ".handoffs/auth.md", "# Auth\n");
    app.github.setFile(AFTER, ".handoffs/parser.md", "# Parser\n");
    const event = delivery("push", pushPayload());
    await (await loadedProbot()).receive(event);
    const before = app.requests.filter((r) => r.method !== "GET").length;
    await (await loadedProbot()).receive(event);

    const writes = app.requests.filter((r) => r.method !== "GET" && !r.path.startsWith("/app/"));
    expect(writes.length).toBe(before - 1);
    expect(app.github.ours()).toHaveLength(3);
  });

  it("keeps the issue when a file is renamed", async () => {
    const text = "# Parser\n\n## Next steps\n- x\n";
    await seedFileIssue(12, ".handoffs/parser.md", text);
    app.github.setFile(AFTER, ".handoffs/parsing/parser.md", text);
    const payload = pushPayload({
      commits: [{ removed: [".handoffs/parser.md"], added: [".handoffs/parsing/parser.md"] }],
      after: AFTER,
    });
    await (await loadedProbot()).receive(delivery("push", payload));

    expect(app.github.ours().map((i) => i.number)).toEqual([12]);
    expect(app.github.issues.get(12)!.state).toBe("open");
    expect(markerPath(app.github.issues.get(12)!.body)).toBe(".handoffs/parsing/parser.md");
  });

  it("closes the issue of a file whose status says done", async () => {
    await seedFileIssue(13, ".handoffs/auth.md", "# Auth\n");
    app.github.setFile(AFTER, ".handoffs/auth.md", "---\nstatus: done\n---\n# Auth\n");
    await (
      await loadedProbot()
    ).receive(delivery("push", pushPayload({ commits: [{ modified: [".handoffs/auth.md"] }], after: AFTER })));

    expect(app.github.issues.get(13)).toMatchObject({ state: "closed", state_reason: "completed" });
  });

  it("uses the compare API when the push has 20 or more commits", async () => {
    const commits = Array.from({ length: 25 }, (_, i) => ({ message: `c${i}`, modified: ["README.md"] }));
    app.github.compares.set(`${BEFORE}...${AFTER}`, [{ filename: ".handoffs/deep.md", status: "added" }]);
    app.github.setFile(AFTER, ".handoffs/deep.md", "# Deep\n");
    await (await loadedProbot()).receive(delivery("push", pushPayload({ commits, after: AFTER, before: BEFORE })));

    expect(app.requests.some((r) => r.path === `/repos/${OWNER}/${REPO}/compare/${BEFORE}...${AFTER}`)).toBe(true);
    expect(app.github.ours().map((i) => markerPath(i.body))).toEqual([".handoffs/deep.md"]);
  });

  it("lists the tree at `after` when a force push cannot be compared, and closes issues of files that are gone", async () => {
    await seedFileIssue(14, ".handoffs/gone.md", "# Gone\n");
    app.github.setFile(AFTER, ".handoffs/kept.md", "# Kept\n");
    app.github.setFile(AFTER, "README.md", "# Widgets\n");
    await (
      await loadedProbot()
    ).receive(delivery("push", pushPayload({ forced: true, after: AFTER, before: fakeSha("rewritten") })));

    expect(app.requests.some((r) => r.path === `/repos/${OWNER}/${REPO}/git/trees/${AFTER}`)).toBe(true);
    expect(app.github.issues.get(14)!.state).toBe("closed");
    expect(app.github.ours().map((i) => markerPath(i.body))).toContain(".handoffs/kept.md");
  });

  it("makes no request at all for a push that touches no Markdown file", async () => {
    await (await loadedProbot()).receive(delivery("push", pushPayload({ commits: [{ modified: ["src/index.ts"] }] })));

    expect(app.requests).toEqual([]);
  });

  it("makes no request at all for a push to another branch", async () => {
    await (await loadedProbot()).receive(delivery("push", pushPayload({ ref: "refs/heads/feature" })));

    expect(app.requests).toEqual([]);
  });

  it("puts a changed file's YAML error, as path:line:col, in a notice at the top of its issue, once and without a comment", async () => {
    await seedFileIssue(15, ".handoffs/auth.md", "# Auth\n");
    app.github.setFile(AFTER, ".handoffs/auth.md", documentFixture("bad-yaml"));
    const event = delivery("push", pushPayload({ commits: [{ modified: [".handoffs/auth.md"] }], after: AFTER }));
    await (await loadedProbot()).receive(event);
    const body = app.github.issues.get(15)!.body;
    await (await loadedProbot()).receive(event);

    expect(body).toMatch(/^<!-- handoff:v1 [^\n]*-->\n> \[!WARNING\]\n/);
    expect(body).toMatch(/`\.handoffs\/auth\.md:3:\d+` — The frontmatter is not valid YAML/);
    expect(body).toContain("Fix the file and push again; this issue will update.");
    expect(body).toContain("- Fix the YAML.");
    expect(app.github.issues.get(15)!.body).toBe(body);
    expect(app.requests.filter((r) => r.method === "PATCH" && r.path.endsWith("/issues/15"))).toHaveLength(1);
    expect(app.github.commentsOn(15)).toEqual([]);
    expect(app.github.commitComments).toBe(0);
    expect(app.github.issues.get(15)!.title).toBe("Auth");
  });

  it("files a new file that fails to parse anyway, redacted, with a notice naming path:line:col, and syncs the rest of the push", async () => {
    app.github.setFile(AFTER, ".handoffs/bad.md", `${documentFixture("bad-yaml")}\nToken: ${SECRETS.token}\n`);
    app.github.setFile(AFTER, ".handoffs/good.md", "# Good\n");
    await (
      await loadedProbot()
    ).receive(
      delivery("push", pushPayload({ commits: [{ added: [".handoffs/bad.md", ".handoffs/good.md"] }], after: AFTER })),
    );

    expect(app.github.ours().map((i) => markerPath(i.body))).toEqual([".handoffs/bad.md", ".handoffs/good.md"]);
    const bad = app.github.ours()[0]!;
    expect(bad.body).toMatch(/^<!-- handoff:v1 [^\n]*-->\n> \[!WARNING\]\n/);
    expect(bad.body).toMatch(/`\.handoffs\/bad\.md:3:\d+` — The frontmatter is not valid YAML/);
    expect(bad.body).toContain("## Next steps");
    expect(bad.body).toContain("[redacted: github-token]");
    // Its frontmatter could not be read, so none of its labels are used.
    expect(bad.labels).toEqual(["handoff"]);
    expect(app.github.comments).toEqual([]);
    expect(app.github.commitComments).toBe(0);
  });

  it("removes the notice when the fixed file is pushed", async () => {
    app.github.setFile(AFTER, ".handoffs/bad.md", documentFixture("bad-yaml"));
    await (
      await loadedProbot()
    ).receive(delivery("push", pushPayload({ commits: [{ added: [".handoffs/bad.md"] }], after: AFTER })));
    expect(app.github.ours()[0]!.body).toContain("[!WARNING]");
    const fixed = fakeSha("fixed");
    app.github.setFile(
      fixed,
      ".handoffs/bad.md",
      "---\ntitle: Fixed\nlabels: [one, two]\n---\n# Broken\n\n## Next steps\n- Fix the YAML.\n",
    );
    await (
      await loadedProbot()
    ).receive(
      delivery("push", pushPayload({ commits: [{ modified: [".handoffs/bad.md"] }], before: AFTER, after: fixed })),
    );

    const [issue, ...more] = app.github.ours();
    expect(more).toEqual([]);
    expect(issue!.body).not.toContain("[!WARNING]");
    expect(issue!.title).toBe("Fixed");
  });

  it("files only a notice, and nothing of the document, for a file too large to file safely", async () => {
    const huge = `# Huge\n\nToken: ${SECRETS.token}\n${"filler text ".repeat(200_000)}`;
    app.github.setFile(AFTER, ".handoffs/huge.md", huge);
    await (
      await loadedProbot()
    ).receive(delivery("push", pushPayload({ commits: [{ added: [".handoffs/huge.md"] }], after: AFTER })));

    const [issue, ...more] = app.github.ours();
    expect(more).toEqual([]);
    expect(markerPath(issue!.body)).toBe(".handoffs/huge.md");
    expect(issue!.body).toContain("`.handoffs/huge.md` was not filed");
    expect(issue!.body).toContain("Nothing of it is shown here.");
    expect(issue!.title).not.toContain("Huge");
    for (const request of app.requests) expect(JSON.stringify(request.body ?? "")).not.toContain("filler text");
  });

  it("reads the configured directory", async () => {
    app.github.config = "directory: docs/handoffs\n";
    app.github.setFile(AFTER, "docs/handoffs/a.md", "# A\n");
    await (
      await loadedProbot()
    ).receive(
      delivery(
        "push",
        pushPayload({ commits: [{ added: ["docs/handoffs/a.md", ".handoffs/ignored.md"] }], after: AFTER }),
      ),
    );

    expect(app.github.ours().map((i) => markerPath(i.body))).toEqual(["docs/handoffs/a.md"]);
  });

  it("syncs nothing and logs when the configuration is invalid", async () => {
    app.github.config = "directory: [1, 2]\n";
    await (await loadedProbot()).receive(delivery("push", pushPayload()));

    expect(app.github.ours()).toEqual([]);
    expect(app.requests.filter((r) => r.method !== "GET" && !r.path.startsWith("/app/"))).toEqual([]);
  });
});

describe("dry run", () => {
  it("plans but writes nothing when the configuration says dry_run", async () => {
    app.github.config = "dry_run: true\n";
    app.github.setFile(AFTER, ".handoffs/auth.md", "# Auth\n");
    app.github.setFile(AFTER, ".handoffs/parser.md", "# Parser\n");
    await (await loadedProbot()).receive(delivery("push", pushPayload()));

    expect(app.requests.filter((r) => r.method !== "GET" && !r.path.startsWith("/app/"))).toEqual([]);
  });
});
