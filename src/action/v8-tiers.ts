// TurboFan, V8's top-tier compiler, is switched off once the Action's first request is out. A run is one short
// process (under a second for a few KB, a few seconds for a 1 MB return): TurboFan's background compiles of hot
// loops cost more CPU than they save there, and its compile memory and code pages were 6-7 MiB of a run's peak.
// Sparkplug and Maglev, V8's baseline and mid-tier compilers, still compile hot code. Measured on the committed
// bundle, Node 24.21, over TLS, interleaved, median of 7 (a 4 KB pickup: 87.1 -> 80.4 MiB, 268 -> 239 ms CPU; a
// /handoff comment filed: 79.8 -> 73.3 MiB, 221 -> 200 ms; a 1 MB return: 1278 -> 945 ms CPU and less wall).
// Not at start: a flag changed before the first request cost 4-8 ms of CPU on the way to it. The Action runs on
// Node 24 (action.yml's `node24`), whose V8 has the flag; elsewhere nothing changes, as V8 prints an error for a
// flag it lacks. Tests that run the Action in-process never import this file.
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { setFlagsFromString } from "node:v8";

/** Node publishes on it as each http(s) request starts. */
const REQUEST_START = "http.client.request.start";

function afterFirstRequest(): void {
  unsubscribe(REQUEST_START, afterFirstRequest);
  setImmediate(() => setFlagsFromString("--no-turbofan"));
}

if (process.versions.node.split(".")[0] === "24") subscribe(REQUEST_START, afterFirstRequest);
