// Section 5: the test suite's wall time. The bench does not run `npm test` (about three minutes on two cores,
// longer than the bench itself): CI's log has the figure, printed by .ci/run on a clean clone, as the target is set.
import type { Section } from "./report.js";

/** Issue #15's target: `npm test` in at most 2 minutes on 2 cores. */
const TARGET_SECONDS = 120;

export function tests(): Promise<Section> {
  return Promise.resolve({
    id: "tests",
    title: "5. The tests",
    method: [
      "`npm test` is not run by the bench: its time is read from CI's log, where .ci/run prints `npm test took N s` on a clean clone",
      "(an empty regex-safety cache, `CI=true`, a real Redis), the conditions the target is set for.",
    ],
    tables: [],
    targets: [
      {
        name: `\`npm test\` in at most ${TARGET_SECONDS / 60} minutes on 2 cores`,
        pass: false,
        skipped: true,
        detail: "left to CI's log (.ci/run prints `npm test took N s`); not measured by the bench",
      },
    ],
    findings: [],
  });
}
