import { describe, expect, it } from "vitest";
import { prepareIssue } from "../src/core/prepare.js";
import type { HandoffSource } from "../src/core/marker.js";

const source: HandoffSource = {
  type: "comment",
  repo: "octo-org/widgets",
  commentId: 7,
  url: "https://github.com/octo-org/widgets/issues/3#issuecomment-7",
  thread: 3,
};
const withParent = (parent: string) => `---\nparent: "${parent}"\n---\n\n# Work\n`;

describe("prepareIssue's parent", () => {
  it("resolves #12 against the source repository", async () => {
    expect((await prepareIssue(withParent("#12"), { source, parent: "octo-org/widgets#3" })).parent).toBe(
      "octo-org/widgets#12",
    );
  });

  it("keeps a parent in the same repository, whatever its letter case", async () => {
    const prepared = await prepareIssue(withParent("Octo-Org/Widgets#12"), { source, parent: "octo-org/widgets#3" });
    expect(prepared.parent).toBe("Octo-Org/Widgets#12");
    expect(prepared.foreignParent).toBeUndefined();
  });

  it("never takes a parent in another repository: the thread stays the parent, and the other is only named", async () => {
    const prepared = await prepareIssue(withParent("octo-org/secret-plans#5"), {
      source,
      parent: "octo-org/widgets#3",
    });
    expect(prepared.parent).toBe("octo-org/widgets#3");
    expect(prepared.foreignParent).toBe("octo-org/secret-plans#5");
    expect(prepared.issue.body).not.toContain('"parent":"octo-org/secret-plans#5"');
  });

  it("treats an issue URL in another repository the same way", async () => {
    const prepared = await prepareIssue(withParent("https://github.com/someone-else/widgets/issues/9"), { source });
    expect(prepared.parent).toBeUndefined();
    expect(prepared.foreignParent).toBe("someone-else/widgets#9");
  });
});
