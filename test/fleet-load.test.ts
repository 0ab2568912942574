// The fleet, as separate processes on a real Redis (test/fleet/harness.ts): 2 web replicas and 2 queue workers,
// 120 signed deliveries for two installations, redeliveries sent to the other replica, one worker killed with
// SIGKILL mid-run. GitHub's write spacing is scaled to 1/50 to keep this short; `npm run load -- --replicas 2
// --workers 2` is the full 1,000-delivery run (docs/scaling.md records its figures).
import { beforeAll, expect, it } from "vitest";
import { runFleetLoad, type FleetReport } from "./fleet/harness.js";
import { describeWithRedis, redisUrl } from "./support/redis.js";

const DB = 4;
let report: FleetReport;

describeWithRedis("2 web replicas and 2 workers, one killed, on one Redis", () => {
  beforeAll(async () => {
    report = await runFleetLoad({ redisUrl: redisUrl(DB), deliveries: 120, spacingScale: 0.02, killAt: 0.3 });
  }, 180_000);

  it("kills a worker mid-run and still loses no handoff: every comment, file and return has its issue or relay", () => {
    expect(report.killedWorker).toBe(true);
    expect(report.comments + report.files + report.returns).toBeGreaterThan(80);
    expect(report.lost).toEqual([]);
    expect(report.dead).toBe(0);
  });

  it("files no duplicate issue, reply or relay, although redeliveries reached the other replica", () => {
    expect(report.redeliveries).toBeGreaterThan(5);
    expect(report.duplicates).toEqual([]);
  });

  it("posts every acknowledgement: 👀, 🚀 and one reply per filed comment, 🚀 per return", () => {
    expect(report.missingAcknowledgements).toEqual([]);
  });

  it("answers every webhook at once (202, or 200 for a finished repeat), under 1 s at p99", () => {
    expect(Object.keys(report.answers).filter((status) => status !== "202" && status !== "200")).toEqual([]);
    expect(report.answerMs.p99).toBeLessThan(1_000);
  });

  it("spaces each installation's writes by GitHub's rules across the whole fleet", () => {
    // Within the spacing's allowance per (scaled) minute, give or take 10% of arrival jitter (test/fleet/spacing.ts).
    expect(Object.values(report.spacing).map((spacing) => spacing.withinSpacing)).toEqual([true, true]);
  });

  it("lets two installations write in parallel: together they exceed what one installation may", () => {
    const one = Object.values(report.spacing)[0]!;
    expect(report.fleetBusiest.content).toBeGreaterThan(Math.ceil(one.allowed.content * 1.1));
  });
});
