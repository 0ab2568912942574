/**
 * How one installation's writes were spaced, as GitHub saw them arrive (the fake's arrival times), across every
 * process of the fleet. The rules are plugin-throttling's defaults, which Probot uses per throttle key: writes one
 * at a time at least 1 s apart, and content-creating writes (issues, comments: its "triggers notification"
 * routes) at least 3 s apart, i.e. at most 20 a minute, inside GitHub's guidance of about 80 a minute.
 *
 * Bottleneck spaces the start of each write; the request then crosses a clustered global limiter (a Redis round
 * trip), the event loop and HTTP before the fake sees it, so on a loaded machine two arrivals can be closer than
 * the spacing although their starts were not (measured: the median gap is the spacing to the millisecond, and
 * the busiest window held up to two writes more than the spacing allows). So the check is the rate GitHub's rules
 * speak of: the busiest window of one (scaled) minute holds no more writes than the spacing allows, give or take
 * 10% of jitter, and far fewer content-creating writes than GitHub's secondary limit of about 80 a minute.
 */
import { throttling } from "@octokit/plugin-throttling";
import type { RecordedCall } from "../support/fake-github/index.js";

import { GITHUB_WRITE_SPACING } from "../../src/server/octokit.js";

const MINUTE_MS = 60_000;

export interface Limits {
  writeMs: number;
  contentMs: number;
  /** The window the rate is counted over: one minute, scaled like the spacing. */
  windowMs: number;
}

export function scaledLimits(scale: number): Limits {
  return {
    writeMs: GITHUB_WRITE_SPACING.writeMs * scale,
    contentMs: GITHUB_WRITE_SPACING.contentMs * scale,
    windowMs: MINUTE_MS * scale,
  };
}

/** GitHub's documented secondary limit: about 80 content-creating requests a minute. */
export const GITHUB_CONTENT_PER_MINUTE = 80;

export interface Spacing {
  writes: number;
  contentWrites: number;
  /** The most writes (content-creating writes) that arrived within any one window, and what the spacing allows. */
  busiest: { writes: number; content: number };
  allowed: { writes: number; content: number };
  /** Whether the busiest windows stayed within the spacing's allowance (with 10% of arrival jitter). */
  withinSpacing: boolean;
  /** Gaps between consecutive arrivals, in ms: informative only (see above). */
  medianGapMs: number;
  contentMedianGapMs: number;
  firstAt: number;
  lastAt: number;
}

export function isContentWrite(call: RecordedCall): boolean {
  return call.method === "POST" && throttling.triggersNotification(call.path);
}

/** The most arrivals within any window of `windowMs`. */
export function busiestWindow(calls: RecordedCall[], windowMs: number): number {
  const times = calls.map((c) => c.at).sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= windowMs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

function medianGap(calls: RecordedCall[]): number {
  const times = calls.map((c) => c.at).sort((a, b) => a - b);
  const gaps = times
    .slice(1)
    .map((t, i) => t - times[i]!)
    .sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)] ?? 0;
}

export function spacingOf(writes: RecordedCall[], limits: Limits): Spacing {
  const content = writes.filter(isContentWrite);
  const busiest = { writes: busiestWindow(writes, limits.windowMs), content: busiestWindow(content, limits.windowMs) };
  const allowed = {
    writes: Math.floor(limits.windowMs / limits.writeMs) + 1,
    content: Math.floor(limits.windowMs / limits.contentMs) + 1,
  };
  const jitter = (n: number) => Math.ceil(n * 1.1);
  return {
    writes: writes.length,
    contentWrites: content.length,
    busiest,
    allowed,
    withinSpacing:
      busiest.writes <= jitter(allowed.writes) &&
      busiest.content <= jitter(allowed.content) &&
      busiest.content < GITHUB_CONTENT_PER_MINUTE,
    medianGapMs: medianGap(writes),
    contentMedianGapMs: medianGap(content),
    firstAt: Math.min(...writes.map((w) => w.at)),
    lastAt: Math.max(...writes.map((w) => w.at)),
  };
}
