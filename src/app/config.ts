// The configuration for one delivery, read through Probot so the organisation's `.github` repository and
// `_extends` work: `GET /repos/{o}/{r}/contents/.github%2Fhandoff.yml` (plus the org repo when absent).
import type { Context } from "probot";
import { loadConfig, type ConfigResult } from "../config/load.js";
import { parseConfigOnce } from "../config/parsed-cache.js";

export function readConfig(context: Pick<Context, "config">): Promise<ConfigResult> {
  return loadConfig(() => context.config("handoff.yml"), parseConfigOnce);
}
