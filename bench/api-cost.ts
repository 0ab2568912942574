// Section 1: API cost. Every operation runs once against the stand-in (request counts do not vary between
// runs); the log gives the sequence, bench/minimums.ts the least each operation needs and the reason for
// every request above it. The installation-token exchange and `GET /app` are counted apart.
import { countRequests, type RequestCount } from "./counter.js";
import { BUDGETS, explain, minimumCount, type Explained } from "./minimums.js";
import { runOperations, type OperationRun } from "./operations.js";
import type { Section, Table } from "./report.js";
import { startStandIn } from "./stand-in.js";

export interface OperationCost {
  run: OperationRun;
  count: RequestCount;
  minimum: { total: number; writes: number };
  calls: Explained[];
  missing: string[];
}

export async function measureApiCost(): Promise<OperationCost[]> {
  const standIn = await startStandIn();
  try {
    const runs = await runOperations(standIn);
    const violations = standIn.github.violations;
    if (violations.length > 0) throw new Error(`requests the fake GitHub rejects:\n${violations.join("\n")}`);
    return runs.map((run) => {
      const count = countRequests(run.calls);
      const budget = BUDGETS[run.key];
      if (!budget) throw new Error(`bench/minimums.ts has no budget for ${run.key}`);
      const { calls, missing } = explain(count.sequence, count.statuses, budget);
      return {
        run,
        count,
        minimum: minimumCount(budget),
        calls,
        missing: missing.map((m) => `${m.route} ×${m.times}`),
      };
    });
  } finally {
    await standIn.close();
  }
}

function reading(cost: OperationCost): string {
  if (!cost.run.ok) return `did not do its job (${cost.run.detail}): the count means nothing`;
  const unexplained = cost.calls.filter((c) => c.kind === "unexplained").length;
  const avoidable = cost.calls.filter((c) => c.kind === "avoidable");
  const extra = cost.calls.filter((c) => c.kind === "extra").length;
  const parts: string[] = [];
  if (extra + avoidable.length + unexplained === 0) parts.push("at the minimum");
  if (extra > 0) parts.push(`${extra} above the minimum, justified`);
  if (avoidable.length > 0)
    parts.push(
      `${avoidable.length} avoidable (${avoidable.map((c) => `${c.route.split(" ")[0]} …/${c.route.split("/").slice(-1)[0]}`).join(", ")})`,
    );
  if (unexplained > 0) parts.push(`${unexplained} unexplained`);
  if (cost.missing.length > 0) parts.push(`below the written minimum: ${cost.missing.join(", ")}`);
  return parts.join("; ");
}

function verdict(cost: OperationCost): boolean {
  return cost.run.ok && cost.calls.every((c) => c.kind === "minimum" || c.kind === "extra");
}

/** Consecutive identical requests collapse into one row (`×100`), so a push of 100 files stays readable. */
function sequenceTable(cost: OperationCost): Table {
  const rows: string[][] = [];
  let i = 0;
  let n = 1;
  while (i < cost.calls.length) {
    const call = cost.calls[i]!;
    let j = i + 1;
    while (
      j < cost.calls.length &&
      cost.calls[j]!.route === call.route &&
      cost.calls[j]!.why === call.why &&
      cost.calls[j]!.status === call.status
    )
      j++;
    const repeat = j - i;
    rows.push([
      repeat > 1 ? `${n}–${n + repeat - 1}` : String(n),
      `\`${call.route}\`${repeat > 1 ? ` ×${repeat}` : ""}`,
      String(call.status ?? ""),
      call.kind,
      call.why,
    ]);
    n += repeat;
    i = j;
  }
  return {
    caption: `${cost.run.label}: the requests, in order`,
    headers: ["#", "Request", "Status", "Counts as", "Why"],
    rows,
  };
}

export function apiCostSection(costs: readonly OperationCost[]): Section {
  const summary: Table = {
    headers: [
      "Operation",
      "Requests",
      "Writes",
      "Minimum (writes)",
      "Above minimum",
      "Token exchange / GET /app",
      "Verdict",
      "Reading",
    ],
    rows: costs.map((c) => [
      c.run.label,
      String(c.count.total),
      String(c.count.writes),
      `${c.minimum.total} (${c.minimum.writes})`,
      String(Math.max(0, c.count.total - c.minimum.total)),
      `${c.count.tokenExchanges} / ${c.count.identity}`,
      verdict(c) ? "PASS" : "MISS",
      reading(c),
    ]),
  };
  const misses = costs.filter((c) => !verdict(c));
  const avoidable = costs.flatMap((c) =>
    c.calls.filter((x) => x.kind === "avoidable").map((x) => ({ op: c.run.label, call: x })),
  );
  const findings = avoidable.map(({ op, call }) => `${op}: \`${call.route}\` (${call.status}) — ${call.why}.`);
  const configShare = costs
    .filter((c) => c.calls.some((x) => x.route.includes("config]")))
    .map((c) => `${c.calls.filter((x) => x.route.includes("config]")).length} of ${c.count.total} for ${c.run.label}`);
  if (configShare.length > 0) {
    findings.push(
      `Configuration reads are re-done on every delivery the App acts on: ${configShare.join("; ")}. A per-installation cache ` +
        "with conditional requests (`If-None-Match`; a 304 does not count against the primary rate limit) would keep the per-repository settings fresh at a fraction of the cost.",
    );
  }
  return {
    id: "api-cost",
    title: "1. API cost",
    method: [
      "Each operation runs once against the local fake GitHub (requests do not vary between runs): the App through a real Probot",
      "(`probot.receive`, throttling and retries off), the Action as the committed bundle in a child process (test/action-harness.ts).",
      "Counted at the HTTP boundary; writes are POST/PATCH/PUT/DELETE, what GitHub's secondary limit (about 80 a minute) counts.",
      "The installation-token exchange and `GET /app` (the bot login, once per process) are excluded and shown apart: each operation",
      "used a fresh Probot, so each shows them once; a long-running App pays them once an hour and once per process.",
      "The minimum and the reason for every request are in bench/minimums.ts; each request in the log is matched to them below.",
    ],
    tables: [summary, ...costs.map(sequenceTable)],
    targets: [
      {
        name: "API cost at the minimum, or each extra request justified",
        pass: misses.length === 0,
        detail:
          misses.length === 0
            ? `all ${costs.length} operations`
            : `${costs.length - misses.length} of ${costs.length} operations; ${misses.map((c) => `${c.run.label}: ${reading(c)}`).join(". ")}`,
      },
    ],
    findings,
  };
}

export async function apiCost(): Promise<Section> {
  return apiCostSection(await measureApiCost());
}
