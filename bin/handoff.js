#!/usr/bin/env node
// The `handoff` command runs the compiled library in lib/: the published package ships it, and a clone builds it
// in `npm ci` (the `prepare` script). Say so instead of printing a module-resolution stack when it is missing.
const major = Number(process.versions.node.split(".")[0]);
if (major < 22) {
  console.error(
    `handoff needs Node 22 or later (Probot 14 and its dependencies do); this is Node ${process.versions.node}.`,
  );
  process.exit(1);
}
let cli;
try {
  cli = await import("../lib/src/cli/main.js");
} catch (error) {
  if (error?.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("/lib/src/cli/main.js")) {
    console.error("handoff: lib/ is not built. In a clone of the repository, run `npm ci` (or `npm run build`).");
    process.exit(1);
  }
  throw error;
}
process.exitCode = await cli.main(process.argv.slice(2));
