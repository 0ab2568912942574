// Payments, messaging, chat webhooks, productivity SaaS and AI APIs. Publishable keys (Stripe's pk_, Mapbox's pk.)
// are public by design and stay; their near-miss examples check that.

import type { ProviderRule } from "./rule.js";

const GITLEAKS = "https://github.com/gitleaks/gitleaks/blob/master/config/gitleaks.toml";

export const SERVICE_RULES: readonly ProviderRule[] = [
  {
    id: "stripe-access-token", kind: "stripe-key", anchors: ["sk_live_", "rk_live_", "sk_test_", "rk_test_", "sk_prod_", "rk_prod_"],
    regex: /[sr]k_(?:live|test|prod)_[A-Za-z0-9]{10,247}/y, source: "https://docs.stripe.com/keys#obtain-api-keys",
    examples: { positive: "rk_live_{an:99}", negative: "pk_live_{an:99}" },
  },
  {
    id: "stripe-webhook-secret", kind: "stripe-key", anchors: ["whsec_"],
    regex: /whsec_[A-Za-z0-9+/=]{32,100}/y, source: "https://docs.stripe.com/webhooks#verify-events",
    examples: { positive: "whsec_{an:32}", negative: "whsec_{an:10}" },
  },
  {
    id: "twilio-api-key", kind: "twilio-key", anchors: ["SK"],
    regex: /SK[0-9a-f]{32}/y, minEntropy: 3.2, source: "https://www.twilio.com/docs/iam/api-keys",
    examples: { positive: "SK{hex:32}", negative: "SK{hex:16}" },
  },
  {
    id: "sendgrid-api-token", kind: "sendgrid-key", anchors: ["SG."],
    regex: /SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}/y, source: "https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys",
    examples: { positive: "SG.{b64u:22}.{b64u:43}", negative: "SG.{b64u:22}" },
  },
  {
    id: "mailgun-api-key", kind: "mailgun-key", anchors: ["key-"],
    regex: /key-[a-f0-9]{32}/y, source: "https://documentation.mailgun.com/docs/mailgun/api-reference/authentication/",
    examples: { positive: "key-{hex:32}", negative: "key-{hex:12}" },
  },
  {
    id: "mailchimp-api-key", kind: "mailchimp-key", anchors: ["-us"],
    lead: { chars: /[a-f0-9]/, min: 32, max: 32 },
    regex: /[a-f0-9]{32}-us[0-9]{1,2}/y, source: "https://mailchimp.com/developer/marketing/guides/quick-start/",
    examples: { positive: "{hex:32}-us21", negative: "{hex:12}-us21" },
  },
  {
    id: "sendinblue-api-token", kind: "brevo-key", anchors: ["xkeysib-", "xsmtpsib-"],
    regex: /x(?:keysib|smtpsib)-[a-f0-9]{64}-[A-Za-z0-9]{16}/y, source: GITLEAKS,
    examples: { positive: "xkeysib-{hex:64}-{an:16}", negative: "xkeysib-{hex:20}" },
  },
  {
    id: "shopify-token", kind: "shopify-token", anchors: ["shpat_", "shpca_", "shppa_", "shpss_"],
    regex: /shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}/y, source: "https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens",
    examples: { positive: "shpat_{hex:32}", negative: "shpat_{hex:10}" },
  },
  {
    id: "square-access-token", kind: "square-token", anchors: ["sq0atp-", "sq0csp-", "EAAA"],
    regex: /(?:sq0atp-[A-Za-z0-9_-]{22}|sq0csp-[A-Za-z0-9_-]{43}|EAAA[A-Za-z0-9_-]{60})/y,
    source: "https://developer.squareup.com/docs/build-basics/access-tokens",
    examples: { positive: "EAAA{b64u:60}", negative: "EAAA{b64u:10}" },
  },
  {
    id: "plaid-access-token", kind: "plaid-token", anchors: ["access-sandbox-", "access-development-", "access-production-"],
    regex: /access-(?:sandbox|development|production)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/y,
    source: "https://plaid.com/docs/api/items/#token-exchange-flow",
    examples: { positive: "access-production-{hex:8}-{hex:4}-{hex:4}-{hex:4}-{hex:12}", negative: "access-production-{hex:8}" },
  },
  {
    id: "shippo-api-token", kind: "shippo-token", anchors: ["shippo_live_", "shippo_test_"],
    regex: /shippo_(?:live|test)_[a-fA-F0-9]{40}/y, source: GITLEAKS,
    examples: { positive: "shippo_live_{hex:40}", negative: "shippo_live_{hex:10}" },
  },
  {
    id: "easypost-api-token", kind: "easypost-token", anchors: ["EZAK", "EZTK"],
    regex: /EZ[AT]K[A-Za-z0-9]{54}/y, source: GITLEAKS,
    examples: { positive: "EZAK{an:54}", negative: "EZAK{an:10}" },
  },
  {
    id: "duffel-api-token", kind: "duffel-token", anchors: ["duffel_live_", "duffel_test_"],
    regex: /duffel_(?:live|test)_[A-Za-z0-9_=-]{43}/y, source: GITLEAKS,
    examples: { positive: "duffel_live_{b64u:43}", negative: "duffel_live_{an:8}" },
  },
  {
    id: "flutterwave-secret-key", kind: "flutterwave-key", anchors: ["FLWSECK_TEST-", "FLWSECK-"],
    regex: /FLWSECK(?:_TEST)?-[a-hA-H0-9]{32}-X/y, source: GITLEAKS,
    examples: { positive: "FLWSECK-{hex:32}-X", negative: "FLWSECK-{hex:12}-X" },
  },
  {
    id: "notion-api-token", kind: "notion-token", anchors: ["ntn_", "secret_"],
    regex: /(?:ntn_[0-9]{11}[A-Za-z0-9]{35}|secret_[A-Za-z0-9]{43})/y, minEntropy: 3.5,
    source: "https://developers.notion.com/docs/authorization",
    examples: { positive: "ntn_{d:11}{an:35}", negative: "ntn_{d:11}" },
  },
  {
    id: "figma-pat", kind: "figma-token", anchors: ["figd_"],
    regex: /figd_[A-Za-z0-9_-]{40}/y, source: "https://www.figma.com/developers/api#access-tokens",
    examples: { positive: "figd_{b64u:40}", negative: "figd_{an:8}" },
  },
  {
    id: "airtable-personal-access-token", kind: "airtable-token", anchors: ["pat"],
    regex: /pat[A-Za-z0-9]{14}\.[a-f0-9]{64}/y, source: "https://airtable.com/developers/web/guides/personal-access-tokens",
    examples: { positive: "pat{an:14}.{hex:64}", negative: "pat{an:14}.{hex:8}" },
  },
  {
    id: "typeform-api-token", kind: "typeform-token", anchors: ["tfp_"],
    regex: /tfp_[A-Za-z0-9_=.-]{59}/y, source: GITLEAKS,
    examples: { positive: "tfp_{b64u:59}", negative: "tfp_{an:10}" },
  },
  {
    id: "mapbox-secret-token", kind: "mapbox-token", anchors: ["sk.eyJ"],
    regex: /sk\.eyJ[A-Za-z0-9_-]{20,300}\.[A-Za-z0-9_-]{20,60}/y, source: "https://docs.mapbox.com/accounts/guides/tokens/",
    examples: { positive: "sk.eyJ{b64u:60}.{b64u:22}", negative: "pk.eyJ{b64u:60}.{b64u:22}" },
  },
  {
    // Bot tokens: the bot's numeric id, `:`, then 35 characters that begin with `AA`.
    id: "telegram-bot-token", kind: "telegram-token", anchors: [":AA"],
    lead: { chars: /[0-9]/, min: 8, max: 10 },
    regex: /[0-9]{8,10}:AA[A-Za-z0-9_-]{33}/y, source: "https://core.telegram.org/bots/api#authorizing-your-bot",
    examples: { positive: "{d:10}:AA{b64u:33}", negative: "{d:10}:AA{b64u:8}" },
  },
  {
    // The bot's id in base64 (an ID of 17-20 digits starts with M, N or O), a timestamp, an HMAC.
    id: "discord-bot-token", kind: "discord-token", anchors: ["M", "N", "O"],
    regex: /[MNO][A-Za-z0-9]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}/y, minEntropy: 4,
    source: "https://discord.com/developers/docs/reference#authentication",
    examples: { positive: "MT{an:24}.{b64u:6}.{b64u:38}", negative: "MT{an:24}.{b64u:6}" },
  },
  {
    id: "slack-token", kind: "slack-token", anchors: ["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxe-", "xoxs-", "xoxo-", "xoxe.xox"],
    regex: /xox(?:e\.xox[bp]-|[abeoprs]-)[0-9A-Za-z][0-9A-Za-z-]{8,250}/y,
    source: "https://docs.slack.dev/authentication/tokens",
    examples: { positive: "xoxp-{d:12}-{d:12}-{d:13}-{hex:32}", negative: "xoxp-{d:3}" },
  },
  {
    id: "slack-app-token", kind: "slack-token", anchors: ["xapp-"],
    regex: /xapp-[0-9]-[A-Za-z0-9-]{20,250}/y, source: "https://docs.slack.dev/authentication/tokens",
    examples: { positive: "xapp-1-A{uan:10}-{d:13}-{hex:64}", negative: "xapp-1-{uan:4}" },
  },
  {
    // Incoming webhooks (services/), Workflow Builder webhooks (workflows/) and triggers (triggers/): the path is the
    // credential; scheme and host stay readable.
    id: "slack-webhook-url", kind: "slack-webhook", anchors: ["hooks.slack.com/"],
    regex: /hooks\.slack\.com\/(?:services|workflows|triggers)\/([A-Za-z0-9+/_-]{20,200})/dy,
    source: "https://docs.slack.dev/messaging/sending-messages-using-incoming-webhooks",
    examples: {
      positive: "https://hooks.slack.com/workflows/T{uan:8}/A{uan:10}/{d:18}/{an:24}",
      negative: "https://hooks.slack.com/services/",
    },
  },
  {
    id: "discord-webhook-url", kind: "discord-webhook", anchors: ["discord.com/api/", "discordapp.com/api/"],
    regex: /discord(?:app)?\.com\/api\/(?:v[0-9]{1,2}\/)?webhooks\/([0-9]{17,20}\/[A-Za-z0-9_-]{40,100})/dy,
    source: "https://discord.com/developers/docs/resources/webhook#execute-webhook",
    examples: { positive: "https://discord.com/api/webhooks/{d:19}/{b64u:68}", negative: "https://discord.com/api/webhooks/{d:19}" },
  },
  {
    id: "microsoft-teams-webhook", kind: "teams-webhook", anchors: ["webhook.office.com/webhookb2/"],
    regex: /webhook\.office\.com\/webhookb2\/([A-Za-z0-9@/-]{60,400})/dy,
    source: "https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook",
    examples: {
      positive: "https://acme.webhook.office.com/webhookb2/{hex:8}-{hex:4}-{hex:4}-{hex:4}-{hex:12}@{hex:8}-{hex:4}-{hex:4}-{hex:4}-{hex:12}/IncomingWebhook/{hex:32}/{hex:8}-{hex:4}-{hex:4}-{hex:4}-{hex:12}",
      negative: "https://acme.webhook.office.com/webhookb2/",
    },
  },
  {
    id: "huggingface-access-token", kind: "huggingface-token", anchors: ["hf_", "api_org_"],
    regex: /(?:hf|api_org)_[A-Za-z]{34}/y, source: "https://huggingface.co/docs/hub/security-tokens",
    examples: { positive: "hf_{al:34}", negative: "hf_{al:12}" },
  },
  {
    // Project, service-account and admin keys carry `T3BlbkFJ` (base64 of `OpenAI`) in the middle; legacy user keys too.
    id: "openai-api-key", kind: "openai-key", anchors: ["sk-proj-", "sk-svcacct-", "sk-admin-", "sk-None-"],
    regex: /sk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{40,250}/y, source: "https://platform.openai.com/docs/api-reference/authentication",
    examples: { positive: "sk-proj-{b64u:74}T3BlbkFJ{b64u:74}", negative: "sk-proj-{an:10}" },
  },
  {
    id: "openai-legacy-api-key", kind: "openai-key", anchors: ["sk-"],
    regex: /sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}/y, source: GITLEAKS,
    examples: { positive: "sk-{an:20}T3BlbkFJ{an:20}", negative: "sk-{an:20}" },
  },
  {
    id: "anthropic-api-key", kind: "anthropic-key", anchors: ["sk-ant-"],
    regex: /sk-ant-(?:api|admin|oat|ort|sid)[0-9]{2}-[A-Za-z0-9_-]{80,120}/y, source: "https://docs.anthropic.com/en/api/overview#authentication",
    examples: { positive: "sk-ant-api03-{b64u:93}AA", negative: "sk-ant-api03-{an:10}" },
  },
  {
    id: "groq-api-key", kind: "groq-key", anchors: ["gsk_"],
    regex: /gsk_[A-Za-z0-9]{52}/y, source: "https://console.groq.com/docs/api-keys",
    examples: { positive: "gsk_{an:52}", negative: "gsk_{an:10}" },
  },
  {
    id: "xai-api-key", kind: "xai-key", anchors: ["xai-"],
    regex: /xai-[A-Za-z0-9]{80}/y, source: "https://docs.x.ai/docs/overview",
    examples: { positive: "xai-{an:80}", negative: "xai-{an:10}" },
  },
  {
    id: "perplexity-api-key", kind: "perplexity-key", anchors: ["pplx-"],
    regex: /pplx-[A-Za-z0-9]{48}/y, source: "https://docs.perplexity.ai/guides/getting-started",
    examples: { positive: "pplx-{an:48}", negative: "pplx-{an:10}" },
  },
  {
    id: "replicate-api-token", kind: "replicate-token", anchors: ["r8_"],
    regex: /r8_[A-Za-z0-9]{37}/y, source: "https://replicate.com/docs/topics/security/api-tokens",
    examples: { positive: "r8_{an:37}", negative: "r8_{an:10}" },
  },
  {
    id: "langsmith-api-key", kind: "langsmith-key", anchors: ["lsv2_pt_", "lsv2_sk_"],
    regex: /lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}/y, source: "https://docs.smith.langchain.com/administration/how_to_guides/organization_management/create_account_api_key",
    examples: { positive: "lsv2_pt_{hex:32}_{hex:10}", negative: "lsv2_pt_{hex:32}" },
  },
  {
    // Twitter/X app-only bearer tokens start with a run of `A`s (zero bytes in base64), then URL-encoded base64.
    id: "twitter-bearer-token", kind: "twitter-token", anchors: ["AAAAAAAAAAAAAAAAAAAAA"],
    regex: /A{21,23}[A-Za-z0-9%]{60,160}/y, minEntropy: 2.5, source: GITLEAKS,
    examples: { positive: "AAAAAAAAAAAAAAAAAAAAAM{an:20}%3D{an:60}", negative: "AAAAAAAAAAAAAAAAAAAAA{an:8}" },
  },
];
