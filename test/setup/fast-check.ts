// Property tests draw random cases. CI must not flake on a case nobody has seen, so there every property starts
// from one fixed seed (FC_SEED overrides it to replay another); locally the seed stays random, so that development
// runs keep finding new counterexamples, which then become named tests.
import fc from "fast-check";

if (process.env.CI || process.env.FC_SEED) {
  fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20_261_130) });
}
