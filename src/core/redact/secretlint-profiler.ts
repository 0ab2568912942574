// @secretlint/core (v11) profiles every run through the @secretlint/profiler singleton and never lets go: each
// lintSource left ~60 performance marks in Node's global timeline and as many entries, measures and promises in the
// singleton (measured: ~10 KB a run, 235 MB after 20,000 runs, and Node's "possible perf_hooks memory leak" warning),
// and cost about 0.4 ms a call at 2 KB. There is no option to turn it off, so its one entry point, `mark`, becomes a
// no-op here: nothing is recorded, so nothing has to be released and runs need not be serialised.
//
// @secretlint/core pins @secretlint/profiler to its own version, and our dependency on it matches, so this is the same
// singleton core calls (test/redact-memory.test.ts fails if it is not).

import { secretLintProfiler } from "@secretlint/profiler";

// For the whole process, on first import (secretlint.ts imports this module for this effect alone).
secretLintProfiler.mark = () => undefined;
