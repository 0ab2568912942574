import { describe, expect, it } from "vitest";
import { planSync, unionCommitChanges, type ExistingFileIssue, type WantedFile } from "../src/flows/plan-sync.js";
import { pushRelevance, type PushData } from "../src/flows/push-changes.js";

const file = (path: string, over: Partial<WantedFile> = {}): WantedFile => ({
  path,
  change: "modified",
  hash: `h:${path}`,
  done: false,
  errors: [],
  ...over,
});
const issue = (number: number, path: string, over: Partial<ExistingFileIssue> = {}): ExistingFileIssue => ({
  number,
  path,
  state: "open",
  hash: `h:${path}`,
  ...over,
});
const types = (actions: ReturnType<typeof planSync>) => actions.map((a) => a.type);

describe("planSync", () => {
  it("creates an issue for a new file", () => {
    expect(
      types(planSync({ existing: [], wanted: [file("a.md", { change: "added" })], removed: [], onRemove: "close" })),
    ).toEqual(["create"]);
  });

  it("updates an issue only when the hash changed", () => {
    const existing = [issue(1, "a.md")];
    expect(types(planSync({ existing, wanted: [file("a.md")], removed: [], onRemove: "close" }))).toEqual(["skip"]);
    expect(
      types(planSync({ existing, wanted: [file("a.md", { hash: "new" })], removed: [], onRemove: "close" })),
    ).toEqual(["update"]);
  });

  it("closes the issue of a removed file, or only comments, or ignores it, as configured", () => {
    const input = { existing: [issue(1, "a.md")], wanted: [], removed: [{ path: "a.md" }] };
    expect(planSync({ ...input, onRemove: "close" })[0]).toMatchObject({ type: "remove", mode: "close" });
    expect(planSync({ ...input, onRemove: "comment" })[0]).toMatchObject({ type: "remove", mode: "comment" });
    expect(types(planSync({ ...input, onRemove: "ignore" }))).toEqual(["skip"]);
  });

  it("does not close an already closed issue again", () => {
    expect(
      types(
        planSync({
          existing: [issue(1, "a.md", { state: "closed" })],
          wanted: [],
          removed: [{ path: "a.md" }],
          onRemove: "close",
        }),
      ),
    ).toEqual(["skip"]);
  });

  it("treats a removed and an added path with the same content as a rename", () => {
    const actions = planSync({
      existing: [issue(1, "old.md", { hash: "same" })],
      wanted: [file("new.md", { change: "added", hash: "same" })],
      removed: [{ path: "old.md" }],
      onRemove: "close",
    });
    expect(actions).toEqual([
      expect.objectContaining({ type: "update", renamedFrom: "old.md", issue: expect.objectContaining({ number: 1 }) }),
    ]);
  });

  it("treats a removed and an added path with the same frontmatter id as a rename, even when edited", () => {
    const actions = planSync({
      existing: [issue(1, "old.md")],
      wanted: [file("new.md", { change: "added", id: "login", hash: "edited" })],
      removed: [{ path: "old.md", id: "login" }],
      onRemove: "close",
    });
    expect(actions).toEqual([expect.objectContaining({ type: "update", renamedFrom: "old.md" })]);
  });

  it("follows GitHub's own rename (previous path)", () => {
    const actions = planSync({
      existing: [issue(1, "old.md")],
      wanted: [file("new.md", { change: "renamed", previousPath: "old.md", hash: "x" })],
      removed: [{ path: "old.md" }],
      onRemove: "close",
    });
    expect(types(actions)).toEqual(["update"]);
  });

  it("closes the issue of a file whose status is done", () => {
    expect(
      types(
        planSync({
          existing: [issue(1, "a.md")],
          wanted: [file("a.md", { done: true })],
          removed: [],
          onRemove: "close",
        }),
      ),
    ).toEqual(["close-done"]);
  });

  it("does not file a new document that is already done", () => {
    expect(
      types(
        planSync({
          existing: [],
          wanted: [file("a.md", { change: "added", done: true })],
          removed: [],
          onRemove: "close",
        }),
      ),
    ).toEqual(["skip"]);
  });

  it("reports a file with errors, on its issue when it has one", () => {
    const errors = [{ severity: "error" as const, code: "yaml-syntax", message: "bad", line: 2, column: 3 }];
    expect(
      planSync({ existing: [issue(1, "a.md")], wanted: [file("a.md", { errors })], removed: [], onRemove: "close" })[0],
    ).toMatchObject({ type: "report-error", issue: { number: 1 } });
    expect(
      planSync({ existing: [], wanted: [file("b.md", { errors })], removed: [], onRemove: "close" })[0],
    ).toMatchObject({ type: "report-error", issue: null });
  });

  it("reopens a closed issue when its file comes back, but not for an edit", () => {
    const existing = [issue(1, "a.md", { state: "closed" })];
    expect(
      planSync({ existing, wanted: [file("a.md", { change: "added" })], removed: [], onRemove: "close" })[0],
    ).toMatchObject({ type: "update", reopen: true });
    expect(
      types(planSync({ existing, wanted: [file("a.md", { change: "modified" })], removed: [], onRemove: "close" })),
    ).toEqual(["skip"]);
  });
});

describe("unionCommitChanges", () => {
  it("counts every commit, the last change winning", () => {
    const changes = unionCommitChanges([
      { added: ["a.md"], modified: ["b.md"] },
      { removed: ["a.md"] },
      { added: ["c.md"] },
      { modified: ["c.md"] },
    ]);
    expect(Object.fromEntries(changes)).toEqual({ "a.md": "removed", "b.md": "modified", "c.md": "added" });
  });
});

describe("pushRelevance", () => {
  const push = (over: Partial<PushData>): PushData => ({
    repo: { owner: "o", repo: "r" },
    htmlUrl: "https://github.com/o/r",
    ref: "refs/heads/main",
    defaultBranch: "main",
    before: "a".repeat(40),
    after: "b".repeat(40),
    created: false,
    deleted: false,
    forced: false,
    commits: [],
    ...over,
  });

  it("rules out a push without Markdown files from the payload alone", () => {
    expect(pushRelevance(push({ commits: [{ id: "1", modified: ["src/a.ts"] }] }))).toMatchObject({ relevant: false });
  });

  it("rules out other branches and deleted branches", () => {
    expect(pushRelevance(push({ ref: "refs/heads/x" }))).toMatchObject({ relevant: false });
    expect(pushRelevance(push({ deleted: true }))).toMatchObject({ relevant: false });
  });

  it("cannot rule out a push whose commit list may be incomplete", () => {
    expect(pushRelevance(push({ forced: true }))).toEqual({ relevant: true, complete: false });
    expect(pushRelevance(push({ commits: Array.from({ length: 20 }, (_, i) => ({ id: String(i) })) }))).toEqual({
      relevant: true,
      complete: false,
    });
    expect(pushRelevance(push({ before: "0".repeat(40) }))).toEqual({ relevant: true, complete: false });
  });
});
