#!/usr/bin/env node
// The CLI runs the compiled library (npm ci builds it through the `prepare` script).
import { main } from "../lib/src/cli/main.js";

process.exitCode = await main(process.argv.slice(2));
