// The labels handoff puts on its issues, in one place: `handoff` marks every issue we file (and is how we list
// them), the others show where a handoff is in its life as pickup and return move it along.
export const LABELS = Object.freeze({
  handoff: "handoff",
  ready: "handoff:ready",
  claimed: "handoff:claimed",
  returned: "handoff:returned",
  failed: "handoff:failed",
  refused: "handoff:refused",
});

/** What a return replaces: the issue is no longer waiting for, or held by, an agent. */
export const SUPERSEDED_BY_RETURN: readonly string[] = Object.freeze([LABELS.claimed, LABELS.ready]);

/** Label names from a payload or the REST API, where each label is a name or an object with one. */
export function labelNames(labels: ReadonlyArray<string | { name?: string | null }> | null | undefined): string[] {
  return (labels ?? [])
    .map((label) => (typeof label === "string" ? label : (label.name ?? "")))
    .filter((name) => name !== "");
}
