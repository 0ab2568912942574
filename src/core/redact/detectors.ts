// The hand-written detectors, in one list: redact() runs them on the text, and encodings.ts runs them again on
// what decoding reveals (percent escapes, entities, markup, base64).

import { findArmourlessKeys } from "./armourless-keys.js";
import { findAwsSecretKeysNearIds, findAzureStorageKeys } from "./keys-by-neighbour.js";
import { findEnvSecrets } from "./env-secret.js";
import type { Detector } from "./finding.js";
import { PII_DETECTORS } from "./pii.js";
import { findProviderTokens } from "./providers/index.js";
import { SECRET_DETECTORS } from "./secrets.js";

export const PLAIN_DETECTORS: readonly Detector[] = [
  findProviderTokens,
  findAwsSecretKeysNearIds,
  findAzureStorageKeys,
  ...SECRET_DETECTORS,
  findArmourlessKeys,
  findEnvSecrets,
  ...PII_DETECTORS,
];
