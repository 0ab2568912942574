// The labels that show where a handoff is in its life, as the Action moves it along.
// (The add/remove requests themselves are the shared ones in src/github/labels.ts.)
export const LABELS = Object.freeze({
  ready: "handoff:ready",
  claimed: "handoff:claimed",
  returned: "handoff:returned",
  failed: "handoff:failed",
  refused: "handoff:refused",
});
