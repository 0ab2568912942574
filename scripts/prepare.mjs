// npm's `prepare` hook (and the first step of `npm start`): compiles src/ to lib/ after `npm ci` in a clone, and
// before `npm pack`/`npm publish`.
//
// A production install of a clone (`npm ci --omit=dev`) has no TypeScript, and `prepare` still runs: without
// this guard it died with "tsc: not found" and the install failed. So: with TypeScript installed, build; without
// it, say why nothing was built and succeed, except when packing or publishing, where a tarball without a fresh
// lib/ would ship a broken CLI and App. (The published tarball already holds lib/, and installing a tarball or
// a registry package never runs `prepare`.)
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const packing = ["pack", "publish"].includes(process.env.npm_command ?? "");

let tsc;
try {
  tsc = require.resolve("typescript/bin/tsc");
} catch {
  if (packing) {
    console.error("prepare: TypeScript is not installed, so lib/ cannot be built for the package. Run `npm ci` first.");
    process.exit(1);
  }
  console.warn(
    "prepare: TypeScript is not installed (a production install); lib/ was not built. `npm run build` needs `npm ci`.",
  );
  process.exit(0);
}

// tsc never deletes the output of a source that was removed or renamed; a package must not ship such leftovers.
if (packing) rmSync(new URL("../lib", import.meta.url), { recursive: true, force: true });
const result = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { stdio: "inherit" });
process.exit(result.status ?? 1);
