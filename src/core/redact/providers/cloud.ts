// Cloud platforms: AWS, Google, Azure, DigitalOcean, Alibaba, Cloudflare, and the age encryption tool's keys.
// AWS secret access keys have no shape of their own (40 base64 characters); keys-by-neighbour.ts finds them beside an id.

import type { ProviderRule } from "./rule.js";

const GITLEAKS = "https://github.com/gitleaks/gitleaks/blob/master/config/gitleaks.toml";

export const CLOUD_RULES: readonly ProviderRule[] = [
  {
    // AKIA long-term, ASIA temporary (STS), ABIA/ACCA other services; 16 characters of base32 follow.
    id: "aws-access-token",
    kind: "aws-access-key",
    anchors: ["AKIA", "ASIA", "ABIA", "ACCA", "A3T"],
    regex: /(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}/y,
    minEntropy: 2.5,
    source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids",
    examples: { positive: "AKIA{u32:16}", negative: "AKIA{u32:8}" },
  },
  {
    id: "aws-bedrock-api-key",
    kind: "aws-bedrock-key",
    anchors: ["ABSK"],
    regex: /ABSK[A-Za-z0-9+/]{109,269}={0,2}/y,
    source: "https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys.html",
    examples: { positive: "ABSK{b64:140}", negative: "ABSK{b64:20}" },
  },
  {
    // Google Cloud / Maps / Firebase / Gemini API keys: `AIza` and 35 more characters.
    id: "gcp-api-key",
    kind: "google-api-key",
    anchors: ["AIza"],
    regex: /AIza[A-Za-z0-9_-]{35}/y,
    source: "https://cloud.google.com/docs/authentication/api-keys",
    examples: { positive: "AIza{b64u:35}", negative: "AIza{b64u:20}" },
  },
  {
    id: "google-oauth-client-secret",
    kind: "google-oauth-secret",
    anchors: ["GOCSPX-"],
    regex: /GOCSPX-[A-Za-z0-9_-]{28}/y,
    source: "https://developers.google.com/identity/protocols/oauth2",
    examples: { positive: "GOCSPX-{b64u:28}", negative: "GOCSPX-{b64u:10}" },
  },
  {
    id: "google-oauth-access-token",
    kind: "google-oauth-token",
    anchors: ["ya29."],
    regex: /ya29\.[A-Za-z0-9_-]{30,2048}/y,
    source: "https://developers.google.com/identity/protocols/oauth2",
    examples: { positive: "ya29.a0{b64u:150}", negative: "ya29.{an:10}" },
  },
  {
    id: "google-oauth-refresh-token",
    kind: "google-oauth-token",
    anchors: ["1//0"],
    regex: /1\/\/0[A-Za-z0-9_-]{40,512}/y,
    source: "https://developers.google.com/identity/protocols/oauth2",
    examples: { positive: "1//0{b64u:100}", negative: "1//0{an:10}" },
  },
  {
    // Storage account keys are 64 random bytes: 86 base64 characters and `==`. The name stays readable.
    id: "azure-storage-account-key",
    kind: "azure-storage-key",
    anchors: ["AccountKey=", "accountkey=", "ACCOUNTKEY="],
    regex: /(?:AccountKey|accountkey|ACCOUNTKEY)=([A-Za-z0-9+/]{86}==)/dy,
    source: "https://learn.microsoft.com/en-us/azure/storage/common/storage-configure-connection-string",
    examples: {
      positive: "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey={b64:86}==;EndpointSuffix=core.windows.net",
      negative: "AccountKey={b64:20}",
    },
  },
  {
    // Service Bus, Event Hubs, IoT Hub and SignalR: a 32-byte key, 43 base64 characters and `=`.
    id: "azure-shared-access-key",
    kind: "azure-access-key",
    anchors: ["SharedAccessKey=", "AccessKey="],
    regex: /(?:Shared)?AccessKey=([A-Za-z0-9+/]{43}=)/dy,
    source: "https://learn.microsoft.com/en-us/azure/service-bus-messaging/service-bus-sas",
    examples: {
      positive: "Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=root;SharedAccessKey={b64:43}=",
      negative: "SharedAccessKey={b64:10}",
    },
  },
  {
    // A shared access signature's `sig` is an HMAC-SHA256, base64 then URL-encoded (`%2B`, `%2F`, `%3D`).
    id: "azure-sas-signature",
    kind: "azure-sas-signature",
    anchors: ["sig="],
    regex: /sig=((?:[A-Za-z0-9+/_-]|%2[BbFf]){30,100}(?:%3[Dd]|=){0,2})/dy,
    source: "https://learn.microsoft.com/en-us/rest/api/storageservices/create-service-sas#specify-the-signature",
    examples: {
      positive:
        "https://acme.blob.core.windows.net/c/f.txt?sv=2022-11-02&ss=b&srt=o&sp=r&se=2026-12-01T00:00:00Z&sig={b64u:43}%3D",
      negative: "sig={an:8}",
    },
  },
  {
    // Entra ID (Azure AD) client secrets: three characters, a digit, `Q~`, then 31 to 34 more.
    id: "azure-ad-client-secret",
    kind: "azure-client-secret",
    anchors: ["0Q~", "1Q~", "2Q~", "3Q~", "4Q~", "5Q~", "6Q~", "7Q~", "8Q~", "9Q~"],
    lead: { chars: /[A-Za-z0-9_~.]/, min: 3, max: 3 },
    regex: /[A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}/y,
    source: GITLEAKS,
    examples: { positive: "{an:3}8Q~{an:34}", negative: "{an:3}8Q~{an:8}" },
  },
  {
    id: "digitalocean-token",
    kind: "digitalocean-token",
    anchors: ["dop_v1_", "doo_v1_", "dor_v1_"],
    regex: /do[opr]_v1_[a-f0-9]{64}/y,
    source: "https://docs.digitalocean.com/reference/api/create-personal-access-token/",
    examples: { positive: "dop_v1_{hex:64}", negative: "dop_v1_{hex:30}" },
  },
  {
    id: "alibaba-access-key-id",
    kind: "alibaba-access-key",
    anchors: ["LTAI"],
    regex: /LTAI[A-Za-z0-9]{12,20}/y,
    source: GITLEAKS,
    minEntropy: 3.2,
    examples: { positive: "LTAI{an:20}", negative: "LTAI{an:6}" },
  },
  {
    id: "cloudflare-origin-ca-key",
    kind: "cloudflare-key",
    anchors: ["v1.0-"],
    regex: /v1\.0-[a-f0-9]{24}-[a-f0-9]{146}/y,
    source: "https://developers.cloudflare.com/fundamentals/api/get-started/ca-keys/",
    examples: { positive: "v1.0-{hex:24}-{hex:146}", negative: "v1.0-{hex:24}" },
  },
  {
    // Bech32 with the `AGE-SECRET-KEY-1` human-readable part: 58 characters of the bech32 alphabet.
    id: "age-secret-key",
    kind: "age-secret-key",
    anchors: ["AGE-SECRET-KEY-1"],
    regex: /AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}/y,
    source: "https://age-encryption.org/v1",
    examples: { positive: "AGE-SECRET-KEY-1{b32:58}", negative: "AGE-SECRET-KEY-1{b32:20}" },
  },
  {
    id: "age-plugin-identity",
    kind: "age-secret-key",
    anchors: ["AGE-PLUGIN-"],
    regex: /AGE-PLUGIN-[A-Z0-9]{1,32}-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{20,400}/y,
    source: "https://age-encryption.org/v1",
    examples: { positive: "AGE-PLUGIN-YUBIKEY-1{b32:60}", negative: "AGE-PLUGIN-YUBIKEY-1{b32:4}" },
  },
];
