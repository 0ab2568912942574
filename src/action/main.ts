// The Action's entry point, bundled into action/dist/index.js. It only calls run(): everything else
// lives in run.ts, so tests and local runners call exactly what production calls.
import "./v8-tiers.js";
import { run } from "./run.js";

await run();
