// Layer 1 of detection: provider token formats, recognised by shape alone.
export { PROVIDER_RULES, findProviderTokens } from "./detect.js";
export { base62, crc32, githubChecksumHolds, type ProviderRule } from "./rule.js";
