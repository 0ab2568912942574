// What a mode did, collected as it goes: the step's outputs and the lines of the job summary. Keeping
// both in one object means the summary can never claim something the outputs do not say.
import * as core from "@actions/core";

export interface Report {
  heading: string;
  outputs: Record<string, string>;
  /** `[what, value]` rows for the summary's table; values are markdown. */
  rows: Array<[string, string]>;
  notes: string[];
  /** Set when the step must fail after its work (e.g. the agent wrote no return): run() calls setFailed. */
  failure?: string;
}

export function newReport(heading: string): Report {
  return { heading, outputs: {}, rows: [], notes: [] };
}

export function setOutput(report: Report, name: string, value: string | number | boolean): void {
  report.outputs[name] = String(value);
  core.setOutput(name, String(value));
}
