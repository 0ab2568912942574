// Tokens of code hosts, package registries, CI/CD and developer infrastructure. Shapes from each provider's format
// documentation where it publishes one, otherwise from gitleaks' default rules (github.com/gitleaks/gitleaks,
// config/gitleaks.toml), which are built from the same documentation and from tokens seen in the wild.

import { githubChecksumHolds, type ProviderRule } from "./rule.js";

const GITLEAKS = "https://github.com/gitleaks/gitleaks/blob/master/config/gitleaks.toml";
const GITHUB_FORMATS = "https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/";

export const CODE_HOSTING_RULES: readonly ProviderRule[] = [
  {
    id: "github-token", kind: "github-token", anchors: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"],
    // 36 characters after the prefix: 30 random and a 6-character CRC32 (checked).
    regex: /gh[pousr]_[A-Za-z0-9]{36}/y, checksum: githubChecksumHolds, source: GITHUB_FORMATS,
    examples: { positive: "ghp_{an:30}{crc}", negative: "ghp_{an:20}" },
  },
  {
    // Installation tokens now come as `ghs_<app id>_<JWT>`, about 520 characters (FACTS.md), and longer classic
    // ones with dashes or dots between runs: open-ended, checked for randomness instead.
    id: "github-app-installation-token", kind: "github-token", anchors: ["ghs_", "ghu_", "ghp_", "gho_", "ghr_"],
    regex: /gh[pousr]_[A-Za-z0-9_-]{37,1024}(?:\.[A-Za-z0-9_-]{1,1024}){0,4}/y, source: GITHUB_FORMATS,
    examples: { positive: "ghs_{d:7}_eyJ{b64u:40}.eyJ{b64u:300}.{b64u:43}", negative: "ghs_{lc:3}" },
  },
  {
    id: "github-fine-grained-pat", kind: "github-token", anchors: ["github_pat_"],
    regex: /github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}/y,
    source: "https://github.blog/changelog/2022-10-18-introducing-fine-grained-personal-access-tokens/",
    examples: { positive: "github_pat_{an:22}_{an:59}", negative: "github_pat_{an:10}" },
  },
  {
    id: "gitlab-token", kind: "gitlab-token",
    anchors: ["glpat-", "gloas-", "gldt-", "glrt-", "glcbt-", "glptt-", "glft-", "glimt-", "glagent-", "glsoat-", "glffct-"],
    // Routable tokens (GitLab 17+) end in `.` + a 2-character version + 7 characters of base-36 CRC.
    regex: /gl(?:pat|oas|dt|rt|cbt|ptt|ft|imt|agent|soat|ffct)-[A-Za-z0-9_-]{20,300}(?:\.[0-9a-z]{9})?/y,
    source: "https://docs.gitlab.com/security/tokens/#token-prefixes",
    examples: { positive: "glpat-{b64u:27}.01{lan:7}", negative: "glpat-{an:8}" },
  },
  {
    id: "gitlab-runner-registration-token", kind: "gitlab-token", anchors: ["GR1348941"],
    regex: /GR1348941[A-Za-z0-9_-]{20}/y, source: "https://docs.gitlab.com/security/tokens/#token-prefixes",
    examples: { positive: "GR1348941{an:20}", negative: "GR1348941{an:5}" },
  },
  {
    id: "npm-access-token", kind: "npm-token", anchors: ["npm_"],
    regex: /npm_[A-Za-z0-9]{36}/y, checksum: githubChecksumHolds,
    source: "https://github.blog/2021-09-23-announcing-npms-new-access-token-format/",
    examples: { positive: "npm_{an:30}{crc}", negative: "npm_{an:12}" },
  },
  {
    id: "pypi-upload-token", kind: "pypi-token", anchors: ["pypi-AgEIcHlwaS5vcmc", "pypi-AgENdGVzdC5weXBpLm9yZw"],
    // A macaroon whose first bytes encode `pypi.org` (or `test.pypi.org`).
    regex: /pypi-AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,1000}/y, source: "https://pypi.org/help/#apitoken",
    examples: { positive: "pypi-AgEIcHlwaS5vcmc{b64u:120}", negative: "pypi-AgEIcHlwaS5vcmc{b64u:10}" },
  },
  {
    id: "rubygems-api-token", kind: "rubygems-token", anchors: ["rubygems_"],
    regex: /rubygems_[a-f0-9]{48}/y, source: "https://guides.rubygems.org/api-key-scopes/",
    examples: { positive: "rubygems_{hex:48}", negative: "rubygems_{hex:20}" },
  },
  {
    id: "nuget-api-key", kind: "nuget-token", anchors: ["oy2"],
    regex: /oy2[a-z0-9]{43}/y, source: "https://learn.microsoft.com/en-us/nuget/nuget-org/scan-api-keys",
    examples: { positive: "oy2{lan:43}", negative: "oy2{lan:12}" },
  },
  {
    id: "crates-io-token", kind: "crates-token", anchors: ["cio"],
    regex: /cio[A-Za-z0-9]{32}/y, source: "https://github.com/rust-lang/crates.io/blob/main/crates/crates_io_database/src/models/token.rs",
    minEntropy: 4, examples: { positive: "cio{an:32}", negative: "cio{an:16}" },
  },
  {
    id: "clojars-api-token", kind: "clojars-token", anchors: ["CLOJARS_"],
    regex: /CLOJARS_[a-z0-9]{60}/y, source: GITLEAKS,
    examples: { positive: "CLOJARS_{lan:60}", negative: "CLOJARS_{lan:20}" },
  },
  {
    id: "docker-hub-pat", kind: "docker-token", anchors: ["dckr_pat_", "dckr_oat_"],
    regex: /dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,64}/y, source: "https://docs.docker.com/security/access-tokens/",
    examples: { positive: "dckr_pat_{b64u:27}", negative: "dckr_pat_{an:6}" },
  },
  {
    id: "artifactory-api-key", kind: "jfrog-token", anchors: ["AKCp"],
    regex: /AKCp[A-Za-z0-9]{69}/y, source: GITLEAKS,
    examples: { positive: "AKCp{an:69}", negative: "AKCp{an:20}" },
  },
  {
    id: "artifactory-reference-token", kind: "jfrog-token", anchors: ["cmVmd"],
    regex: /cmVmd[A-Za-z0-9]{59}/y, source: GITLEAKS, minEntropy: 4,
    examples: { positive: "cmVmd{an:59}", negative: "cmVmd{an:10}" },
  },
  {
    id: "atlassian-api-token", kind: "atlassian-token", anchors: ["ATATT3", "ATCTT3"],
    regex: /AT[AC]TT3[A-Za-z0-9_=-]{150,260}/y,
    source: "https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/",
    examples: { positive: "ATATT3{b64u:186}", negative: "ATATT3{an:20}" },
  },
  {
    id: "bitbucket-app-password", kind: "atlassian-token", anchors: ["ATBB"],
    regex: /ATBB[A-Za-z0-9_=.-]{28,64}/y, source: "https://support.atlassian.com/bitbucket-cloud/docs/app-passwords/",
    examples: { positive: "ATBB{an:32}", negative: "ATBB{an:8}" },
  },
  {
    id: "sourcegraph-access-token", kind: "sourcegraph-token", anchors: ["sgp_"],
    regex: /sgp_(?:[a-fA-F0-9]{16}_|local_)?[a-fA-F0-9]{40}/y, source: GITLEAKS,
    examples: { positive: "sgp_{hex:16}_{hex:40}", negative: "sgp_{hex:10}" },
  },
  {
    id: "buildkite-token", kind: "buildkite-token", anchors: ["bkua_"],
    regex: /bkua_[a-f0-9]{40}/y, source: "https://buildkite.com/docs/apis/managing-api-tokens",
    examples: { positive: "bkua_{hex:40}", negative: "bkua_{hex:12}" },
  },
  {
    id: "circleci-pat", kind: "circleci-token", anchors: ["CCIPAT_", "CCIPRJ_"],
    regex: /CCIP(?:AT|RJ)_[A-Za-z0-9]{22}_[a-f0-9]{40}/y, source: "https://circleci.com/docs/managing-api-tokens/",
    examples: { positive: "CCIPAT_{an:22}_{hex:40}", negative: "CCIPAT_{an:10}" },
  },
  {
    id: "postman-api-token", kind: "postman-token", anchors: ["PMAK-"],
    regex: /PMAK-[a-fA-F0-9]{24}-[a-fA-F0-9]{34}/y, source: "https://learning.postman.com/docs/developer/postman-api/authentication/",
    examples: { positive: "PMAK-{hex:24}-{hex:34}", negative: "PMAK-{hex:24}" },
  },
  {
    id: "linear-api-key", kind: "linear-key", anchors: ["lin_api_", "lin_oauth_"],
    regex: /lin_(?:api|oauth)_[A-Za-z0-9]{40,64}/y, source: "https://linear.app/developers/graphql#personal-api-keys",
    examples: { positive: "lin_api_{an:40}", negative: "lin_api_{an:10}" },
  },
  {
    id: "pulumi-api-token", kind: "pulumi-token", anchors: ["pul-"],
    regex: /pul-[a-f0-9]{40}/y, source: "https://www.pulumi.com/docs/pulumi-cloud/access-management/access-tokens/",
    examples: { positive: "pul-{hex:40}", negative: "pul-{hex:8}" },
  },
  {
    id: "hashicorp-tf-api-token", kind: "terraform-token", anchors: [".atlasv1."],
    lead: { chars: /[A-Za-z0-9]/, min: 14, max: 14 },
    regex: /[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}/y, source: "https://developer.hashicorp.com/terraform/cloud-docs/users-teams-organizations/api-tokens",
    examples: { positive: "{lan:14}.atlasv1.{b64u:67}", negative: "{lan:14}.atlasv1.{lan:6}" },
  },
  {
    // hvs. service, hvb. batch and hvr. recovery tokens (Vault 1.10+).
    id: "vault-token", kind: "vault-token", anchors: ["hvs.", "hvb.", "hvr."],
    regex: /hv[sbr]\.[A-Za-z0-9_-]{24,400}/y, source: "https://developer.hashicorp.com/vault/docs/concepts/tokens#token-prefixes",
    examples: { positive: "hvs.{b64u:90}", negative: "hvs.{lc:6}" },
  },
  {
    id: "doppler-token", kind: "doppler-token", anchors: ["dp.pt.", "dp.st.", "dp.sa.", "dp.ct.", "dp.scim.", "dp.audit."],
    regex: /dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9_.-]{40,64}/y,
    source: "https://docs.doppler.com/reference/auth-token-formats",
    examples: { positive: "dp.st.{an:43}", negative: "dp.st.{an:8}" },
  },
  {
    id: "1password-service-account-token", kind: "1password-token", anchors: ["ops_eyJ"],
    regex: /ops_eyJ[A-Za-z0-9+/]{250,2000}={0,3}/y, source: "https://developer.1password.com/docs/service-accounts/",
    examples: { positive: "ops_eyJ{b64:300}", negative: "ops_eyJ{b64:20}" },
  },
  {
    id: "1password-secret-key", kind: "1password-token", anchors: ["A3-"],
    regex: /A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}/y,
    source: "https://support.1password.com/secret-key-security/",
    examples: { positive: "A3-{uan:6}-{uan:11}-{uan:5}-{uan:5}-{uan:5}", negative: "A3-{uan:6}-{uan:5}" },
  },
  {
    id: "heroku-api-key-v2", kind: "heroku-token", anchors: ["HRKU-"],
    regex: /HRKU-[A-Za-z0-9_-]{60}/y, source: "https://devcenter.heroku.com/articles/authentication",
    examples: { positive: "HRKU-AA{b64u:58}", negative: "HRKU-{an:10}" },
  },
  {
    id: "sentry-token", kind: "sentry-token", anchors: ["sntryu_", "sntrys_"],
    regex: /sntry[us]_[A-Za-z0-9+/=_]{64,400}/y, source: "https://docs.sentry.io/account/auth-tokens/",
    examples: { positive: "sntryu_{hex:64}", negative: "sntryu_{hex:12}" },
  },
  {
    id: "grafana-token", kind: "grafana-token", anchors: ["glc_", "glsa_"],
    regex: /gl(?:c_[A-Za-z0-9+/]{32,400}={0,3}|sa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})/y,
    source: "https://grafana.com/docs/grafana/latest/administration/service-accounts/",
    examples: { positive: "glsa_{an:32}_{hex:8}", negative: "glsa_{an:10}" },
  },
  {
    id: "grafana-api-key", kind: "grafana-token", anchors: ["eyJrIjoi"],
    regex: /eyJrIjoi[A-Za-z0-9]{70,400}={0,3}/y, source: GITLEAKS,
    examples: { positive: "eyJrIjoi{an:80}", negative: "eyJrIjoi{an:20}" },
  },
  {
    id: "new-relic-key", kind: "new-relic-key", anchors: ["NRAK-", "NRII-", "NRJS-", "NRAA-"],
    regex: /NR(?:AK-[A-Z0-9]{27}|II-[A-Za-z0-9_-]{32}|JS-[a-f0-9]{19}|AA-[a-f0-9]{27})/y,
    source: "https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/",
    examples: { positive: "NRAK-{uan:27}", negative: "NRAK-{uan:9}" },
  },
  {
    id: "databricks-api-token", kind: "databricks-token", anchors: ["dapi"],
    regex: /dapi[a-f0-9]{32}(?:-[0-9])?/y, source: "https://docs.databricks.com/en/dev-tools/auth/pat.html",
    examples: { positive: "dapi{hex:32}", negative: "dapi{hex:16}" },
  },
  {
    id: "dynatrace-api-token", kind: "dynatrace-token", anchors: ["dt0c01."],
    regex: /dt0c01\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{64}/y, source: "https://docs.dynatrace.com/docs/manage/identity-access-management/access-tokens-and-oauth-clients/access-tokens",
    examples: { positive: "dt0c01.{uan:24}.{uan:64}", negative: "dt0c01.{uan:24}" },
  },
  {
    id: "tailscale-key", kind: "tailscale-key", anchors: ["tskey-"],
    regex: /tskey-(?:auth|api|client|webhook|scim)-[A-Za-z0-9]{6,20}-[A-Za-z0-9]{20,64}/y,
    source: "https://tailscale.com/kb/1085/auth-keys",
    examples: { positive: "tskey-auth-{an:12}-{an:33}", negative: "tskey-auth-{an:12}" },
  },
  {
    id: "flyio-access-token", kind: "flyio-token", anchors: ["fo1_", "fm1r_", "fm1a_", "fm2_"],
    regex: /f(?:o1_[A-Za-z0-9_-]{43}|m1[ar]_[A-Za-z0-9+/]{100,2000}={0,3}|m2_[A-Za-z0-9+/]{100,2000}={0,3})/y, source: GITLEAKS,
    examples: { positive: "fo1_{b64u:43}", negative: "fo1_{an:10}" },
  },
  {
    id: "supabase-key", kind: "supabase-key", anchors: ["sbp_", "sb_secret_"],
    regex: /sb(?:p_[a-f0-9]{40}|_secret_[A-Za-z0-9_-]{31,64})/y, source: "https://supabase.com/docs/guides/api/api-keys",
    examples: { positive: "sbp_{hex:40}", negative: "sbp_{hex:10}" },
  },
  {
    id: "planetscale-token", kind: "planetscale-token", anchors: ["pscale_tkn_", "pscale_pw_", "pscale_oauth_"],
    regex: /pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_=.-]{32,64}/y, source: GITLEAKS,
    examples: { positive: "pscale_pw_{an:43}", negative: "pscale_pw_{an:10}" },
  },
  {
    id: "prefect-api-token", kind: "prefect-token", anchors: ["pnu_"],
    regex: /pnu_[A-Za-z0-9]{36}/y, source: GITLEAKS,
    examples: { positive: "pnu_{an:36}", negative: "pnu_{an:10}" },
  },
  {
    id: "readme-api-token", kind: "readme-token", anchors: ["rdme_"],
    regex: /rdme_[a-z0-9]{70}/y, source: GITLEAKS,
    examples: { positive: "rdme_{lan:70}", negative: "rdme_{lan:10}" },
  },
  {
    id: "octopus-deploy-api-key", kind: "octopus-key", anchors: ["API-"],
    regex: /API-[A-Z0-9]{26}/y, source: GITLEAKS, minEntropy: 3.5,
    examples: { positive: "API-{uan:26}", negative: "API-{uan:10}" },
  },
  {
    id: "harness-api-key", kind: "harness-key", anchors: ["pat.", "sat."],
    regex: /[ps]at\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{20}/y, source: GITLEAKS,
    examples: { positive: "pat.{b64u:22}.{an:24}.{an:20}", negative: "pat.{an:10}" },
  },
];
