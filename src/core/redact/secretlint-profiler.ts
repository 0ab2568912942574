// @secretlint/core (v11) profiles every run and never lets go: each lintSource leaves ~60
// performance marks in Node's global timeline and as many entries, measures and promises in its
// profiler singleton. Measured: ~10 KB a run, 235 MB after 20,000 runs, and Node's "possible
// perf_hooks memory leak" warning; a long-running App would grow without bound. There is no
// switch to turn the profiler off, so after each run we let it settle and release what it kept.
//
// Releasing is only safe when no other run is in flight (the profiler measures between a run's
// start and end marks *after* the run, and a cleared mark makes that throw inside a promise nobody
// handles, which would crash the process), so runs are serialised through `exclusively`.

import { secretLintProfiler } from "@secretlint/profiler";

/** secretlint's marks and measures are all named `@core>…`. */
const PROFILER_PREFIX = "@core>";

let queue: Promise<unknown> = Promise.resolve();

/** Runs `task` after every earlier task settled; lintSource is synchronous work in practice, so nothing is lost. */
export function exclusively<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.then(
    () => releaseProfilerMemory(),
    () => releaseProfilerMemory(),
  );
  return run;
}

/** Lets the profiler's observer deliver this run's marks, then drops everything it kept. Never throws. */
async function releaseProfilerMemory(): Promise<void> {
  try {
    // Node delivers PerformanceObserver entries on setImmediate; one hop lets the observer queue
    // its measures, and getEntries() awaits them.
    await new Promise<void>((resolve) => setImmediate(resolve));
    (await secretLintProfiler.getEntries()).length = 0;
    (await secretLintProfiler.getMeasures()).length = 0;
    const names = (type: "mark" | "measure") =>
      new Set(
        performance
          .getEntriesByType(type)
          .map((e) => e.name)
          .filter((n) => n.startsWith(PROFILER_PREFIX)),
      );
    for (const name of names("mark")) performance.clearMarks(name);
    for (const name of names("measure")) performance.clearMeasures(name);
  } catch {
    // Housekeeping only: a failure here costs memory, never a redaction.
  }
}
