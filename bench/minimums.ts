// The least each operation needs from GitHub's API, one line of reason per request, and the reason for
// every request we make beyond it. The table is checked against the request log: a request the log shows
// and this file does not explain is reported as unexplained, never silently accepted.

export interface Need {
  route: string;
  why: string;
  /** How many of this request (default 1). */
  times?: number;
}

export interface Extra extends Need {
  /** A change to our code could skip it without losing a guarantee: reported as waste. */
  avoidable: boolean;
}

export interface Budget {
  minimum: Need[];
  extras: Extra[];
}

const R = "/repos/{owner}/{repo}";
const CONFIG: Need = {
  route: `GET ${R}/contents/{path} [config]`,
  why: "read `.github/handoff.yml` (the directory, labels, permission and redaction settings differ per repository)",
};
const ORG_CONFIG: Extra = {
  route: `GET ${R}/contents/{path} [org config]`,
  why: "Probot's `context.config` falls back to the organisation's `.github` repository when the repository has no file (org-wide settings, `_extends`); re-read on every delivery, uncached",
  avoidable: false,
};
// The Action reads the same file for the trust policy only; it has no Probot, so no organisation fallback.
const ACTION_CONFIG: Need = {
  route: `GET ${R}/contents/{path} [config]`,
  why: "read `.github/handoff.yml` for the trust policy (`minimum_permission`, `trusted`), so the Action trusts whom the App trusts",
};
const PERMISSION: Need = {
  route: `GET ${R}/collaborators/{username}/permission`,
  why: "authorise the author (author_association misreports private-org members)",
};
const EYES: Need = {
  route: `POST ${R}/issues/comments/{comment_id}/reactions [eyes]`,
  why: "👀: the compare-and-set lock (201 = ours to file) and the user's acknowledgement",
};
const ROCKET: Need = {
  route: `POST ${R}/issues/comments/{comment_id}/reactions [rocket]`,
  why: "🚀: the outcome, visible on the comment",
};
const LIST_OURS: Need = {
  route: `GET ${R}/issues`,
  why: "list our issues (label + creator) to find one filed from the same source: a consistent read, not search",
};
const LIST_COMMENTS = (where: string): Need => ({
  route: `GET ${R}/issues/{issue_number}/comments`,
  why: `find our earlier comment on ${where} by marker, so a redelivery or re-run edits instead of posting twice`,
});

function push(files: number): Budget {
  return {
    minimum: [
      CONFIG,
      LIST_OURS,
      {
        route: `GET ${R}/contents/{path}`,
        why: "read each added file at the pushed commit (the payload carries paths, not content)",
        times: files,
      },
      { route: `POST ${R}/issues`, why: "create each issue, labels and marker in the same request", times: files },
    ],
    extras: [ORG_CONFIG],
  };
}

export const BUDGETS: Readonly<Record<string, Budget>> = {
  comment: {
    minimum: [
      CONFIG,
      EYES,
      PERMISSION,
      LIST_OURS,
      { route: `POST ${R}/issues`, why: "create the issue, with labels and assignees in the same request" },
      {
        route: `POST ${R}/issues/{issue_number}/sub_issues`,
        why: "link it as a sub-issue of the thread (needs the new issue's id)",
      },
      LIST_COMMENTS("the thread (our reply)"),
      {
        route: `POST ${R}/issues/{issue_number}/comments`,
        why: "reply in the thread with the issue's number and what was redacted",
      },
      ROCKET,
    ],
    extras: [ORG_CONFIG],
  },
  edit: {
    minimum: [
      CONFIG,
      LIST_OURS,
      PERMISSION,
      {
        route: `PATCH ${R}/issues/{issue_number}`,
        why: "update the issue filed from the comment (its content hash changed)",
      },
      LIST_COMMENTS("the thread (our reply)"),
      { route: `PATCH ${R}/issues/comments/{comment_id}`, why: "update the reply" },
    ],
    extras: [
      ORG_CONFIG,
      {
        ...EYES,
        why: "👀 again: the lock against a concurrent delivery for the same comment (its 200 sends the App to the issue list first)",
        avoidable: false,
      },
      {
        ...ROCKET,
        why: "🚀 again, answered 200 (already there from the filing): re-asserted on every successful delivery so that a filing that died after creating the issue still ends in 🚀 (test/faults-app-comment.test.ts); knowing whether it is there would cost a read instead",
        avoidable: false,
      },
    ],
  },
  "push-1": push(1),
  "push-10": push(10),
  "push-100": push(100),
  "push-markdown": { minimum: [CONFIG], extras: [ORG_CONFIG] },
  "push-none": { minimum: [], extras: [] },
  pickup: {
    minimum: [
      {
        route: `GET ${R}/issues/{issue_number}`,
        why: "the issue as it is now (a queued run's event payload may be minutes old; a dispatch has none)",
      },
      ACTION_CONFIG,
      {
        route: `GET ${R}/collaborators/{username}/permission`,
        why: "trust: whoever made it ready must have write permission",
      },
      {
        route: `POST ${R}/git/refs`,
        why: "the claim: creating a ref is GitHub's one atomic compare-and-set (422 when taken)",
      },
      {
        route: `POST ${R}/issues/{issue_number}/labels`,
        why: "`handoff:claimed` on (one label: atomic against concurrent label edits)",
      },
      { route: `DELETE ${R}/issues/{issue_number}/labels/{name}`, why: "`handoff:ready` off" },
      LIST_COMMENTS("the issue (the tracking comment)"),
      {
        route: `POST ${R}/issues/{issue_number}/comments`,
        why: "the tracking comment with the run's link and the lease",
      },
    ],
    extras: [],
  },
  return: {
    minimum: [
      {
        route: `GET ${R}/issues/{issue_number}`,
        why: "the handoff issue: its marker names the parent and proves it is ours",
      },
      ACTION_CONFIG,
      LIST_COMMENTS("the handoff issue (the return, the tracking comment)"),
      { route: `POST ${R}/issues/{issue_number}/comments`, why: "post the return on the handoff issue" },
      LIST_COMMENTS("the parent thread (the relay)"),
      { route: `POST ${R}/issues/{issue_number}/comments`, why: "relay the return to the parent thread" },
      { route: `POST ${R}/issues/{issue_number}/labels`, why: "`handoff:returned` on" },
      { route: `DELETE ${R}/issues/{issue_number}/labels/{name}`, why: "`handoff:claimed` off" },
      { route: `PATCH ${R}/issues/{issue_number}`, why: "close as completed: the return's status is done" },
      { route: `PATCH ${R}/issues/comments/{comment_id}`, why: "update the tracking comment with the outcome" },
      { route: `DELETE ${R}/git/refs/{ref}`, why: "release the claim ref at once" },
    ],
    extras: [
      {
        ...LIST_COMMENTS("the handoff issue"),
        why: "the handoff issue's comments listed again just before the claim is released: the lease is re-read after the return's writes, so that a run whose lease expired and was taken over meanwhile leaves the new claim (its comment and ref) alone instead of releasing it from the first, stale listing",
        avoidable: false,
      },
      {
        route: `GET ${R}/git/matching-refs/{ref}`,
        why: "find takeover guard refs (refs/handoff/takeovers/<n>-…) left by an earlier takeover, to delete them with the claim: the guards are what makes a takeover a compare-and-set",
        avoidable: false,
      },
    ],
  },
  relay: {
    minimum: [
      CONFIG,
      PERMISSION,
      LIST_COMMENTS("the parent thread (the relay)"),
      { route: `POST ${R}/issues/{issue_number}/comments`, why: "relay the return to the parent thread" },
      { route: `POST ${R}/issues/{issue_number}/labels`, why: "`handoff:returned` on" },
      { route: `DELETE ${R}/issues/{issue_number}/labels/{name}`, why: "`handoff:claimed` off" },
      { route: `PATCH ${R}/issues/{issue_number}`, why: "close as completed: the return's status is done" },
      ROCKET,
    ],
    extras: [
      ORG_CONFIG,
      {
        ...EYES,
        why: "👀 before relaying: the compare-and-set lock, so that two replicas handling the same return comment relay it once (test/app-return.test.ts)",
        avoidable: false,
      },
    ],
  },
};

export interface Explained {
  route: string;
  status?: number;
  why: string;
  kind: "minimum" | "extra" | "avoidable" | "unexplained";
}

/** Gives each request in the log its reason: the first unused minimum entry for its route, else an extra. */
export function explain(
  sequence: readonly string[],
  statuses: ReadonlyArray<number | undefined>,
  budget: Budget,
): { calls: Explained[]; missing: Need[] } {
  const minimum = budget.minimum.map((need) => ({ need, left: need.times ?? 1 }));
  const extras = budget.extras.map((extra) => ({ extra, left: extra.times ?? 1 }));
  const calls = sequence.map((route, i): Explained => {
    const status = statuses[i];
    const need = minimum.find((m) => m.left > 0 && m.need.route === route);
    if (need) {
      need.left--;
      return { route, status, why: need.need.why, kind: "minimum" };
    }
    const extra = extras.find((e) => e.left > 0 && e.extra.route === route);
    if (extra) {
      extra.left--;
      return { route, status, why: extra.extra.why, kind: extra.extra.avoidable ? "avoidable" : "extra" };
    }
    return { route, status, why: "not explained by bench/minimums.ts", kind: "unexplained" };
  });
  return { calls, missing: minimum.filter((m) => m.left > 0).map((m) => ({ ...m.need, times: m.left })) };
}

export function minimumCount(budget: Budget): { total: number; writes: number } {
  let total = 0;
  let writes = 0;
  for (const need of budget.minimum) {
    const n = need.times ?? 1;
    total += n;
    if (!need.route.startsWith("GET ")) writes += n;
  }
  return { total, writes };
}
