// Stands in for node-forge inside the Action bundle only (scripts/bundle.mjs aliases the chunk of secretlint's
// recommended preset that holds it). The preset loads node-forge (375 KB) lazily, only to open a file whose
// scanned path ends in `.p12`; handoff scans text under the name `handoff.md`, so nothing reaches it. If
// something ever did, the preset's rule would catch this error and report nothing, as for any non-p12 file.
function leftOut(): never {
  throw new Error("node-forge is not bundled with handoff: secretlint's .p12 file check is not supported");
}

/** The preset's chunk exports node-forge as `i`, with the library as its `default`. */
export const i = {
  get default(): never {
    return leftOut();
  },
};
