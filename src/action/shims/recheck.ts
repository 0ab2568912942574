// Stands in for `recheck` inside the Action bundle only (scripts/bundle.mjs aliases it). recheck's
// JavaScript build is 2.8 MB, more than the whole bundle may weigh. It vets the extra redaction patterns
// of a repository's .github/handoff.yml; without it every such pattern is reported as "could not be proven
// safe", which fails closed: the configuration is refused, nothing is posted. Repositories that need
// extra patterns use the App, or keep `mode: file` without them.
export interface Diagnostics {
  status: "unknown";
  error: { kind: string };
}

export function checkSync(_source: string, _flags: string): Diagnostics {
  return { status: "unknown", error: { kind: "the Action cannot vet extra patterns; use the App for them" } };
}
