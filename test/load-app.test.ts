// The fast load run: 150 mixed deliveries, signed and POSTed to the webhook server in front of the App, with
// redeliveries and concurrent bursts. The full 1,000-delivery run with heap samples is `npx tsx scripts/load.ts`.
import { beforeAll, describe, expect, it } from "vitest";
import { runLoad, type LoadReport } from "./load-harness.js";

let report: LoadReport;
beforeAll(async () => {
  report = await runLoad({ deliveries: 150, concurrency: 8 });
}, 120_000);

describe("150 mixed deliveries with redeliveries and concurrent bursts", () => {
  it("answers every delivery 200 or 202, never a failure", () => {
    expect(Object.keys(report.answers).filter((status) => status !== "200" && status !== "202")).toEqual([]);
    expect(Object.values(report.answers).reduce((a, b) => a + b, 0)).toBe(report.deliveries);
  });

  it("files no duplicate issue, reply or relay", () => {
    expect(report.duplicates).toEqual([]);
  });

  it("loses no handoff: every comment, file and return has its issue or relay", () => {
    expect(report.comments).toBeGreaterThan(40);
    expect(report.files).toBeGreaterThan(10);
    expect(report.returns).toBeGreaterThan(10);
    expect(report.lost).toEqual([]);
  });

  it("posts every acknowledgement: 👀 and 🚀 and one reply on each filed comment, 🚀 on each return", () => {
    expect(report.missingAcknowledgements).toEqual([]);
  });

  it("leaves no source lock behind in the App", () => {
    expect(report.lockKeys).toBe(0);
  });
});
