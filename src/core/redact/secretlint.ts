// secretlint's recommended rules, run in-process. Two adjustments make it fit for redaction:
// - the preset's filter-comments rule is left out: it honours `secretlint-disable` comments inside
//   the scanned text, and a document must not be able to switch off its own redaction;
// - the AWS rule's access-key ID scan (`enableIDScanRule`) stays off: it cost about a second on a megabyte of key
//   ids (bench: aws-ids), and the provider table (providers/cloud.ts, aws-access-token) finds the same ids in one walk.

import { lintSource } from "@secretlint/core";
import { rules as recommendedRules } from "@secretlint/secretlint-rule-preset-recommend";
import type { Finding } from "./finding.js";
import { isTokenChar } from "./normalize.js";
import "./secretlint-profiler.js";
import { AWS_SECRET_ASSIGNMENT_RE } from "./patterns.js";

type LintConfig = Parameters<typeof lintSource>[0]["options"]["config"];
type LintMessage = Awaited<ReturnType<typeof lintSource>>["messages"][number];

/** The preset rule that reads `secretlint-disable` comments from the text itself. */
export const EXCLUDED_SECRETLINT_RULE = "@secretlint/secretlint-rule-filter-comments";

/** The flat configuration: every recommended rule but the comment filter. */
export function secretlintConfig(): LintConfig {
  return {
    rules: recommendedRules
      .filter((rule) => rule.meta.id !== EXCLUDED_SECRETLINT_RULE)
      .map((rule) => ({
        id: rule.meta.id,
        rule,
        options: {},
      })),
  };
}

// Built once: lintSource only reads it, and a rule's options are read-only to the rule.
const CONFIG = secretlintConfig();

/** Readable kinds for secretlint's rules (and, for rules with several findings, message ids). */
const KIND_BY_RULE: Readonly<Record<string, string>> = {
  "@secretlint/secretlint-rule-aws#AWSAccessKeyID": "aws-access-key",
  "@secretlint/secretlint-rule-aws#AWSSecretAccessKey": "aws-secret-key",
  "@secretlint/secretlint-rule-aws#AWSAccountID": "aws-account-id",
  "@secretlint/secretlint-rule-gcp": "gcp-private-key",
  "@secretlint/secretlint-rule-privatekey": "private-key",
  "@secretlint/secretlint-rule-npm": "npm-token",
  "@secretlint/secretlint-rule-basicauth": "url-credentials",
  "@secretlint/secretlint-rule-slack#IncomingWebhook": "slack-webhook",
  "@secretlint/secretlint-rule-slack": "slack-token",
  "@secretlint/secretlint-rule-sendgrid": "sendgrid-key",
  "@secretlint/secretlint-rule-shopify": "shopify-token",
  "@secretlint/secretlint-rule-github": "github-token",
  "@secretlint/secretlint-rule-openai": "openai-key",
  "@secretlint/secretlint-rule-anthropic": "anthropic-key",
  "@secretlint/secretlint-rule-linear": "linear-key",
  "@secretlint/secretlint-rule-1password": "1password-token",
  "@secretlint/secretlint-rule-database-connection-string": "url-credentials",
};

/** The kind a secretlint message is reported under; `secret` for rules added in later versions. */
export function kindForSecretlintMessage(ruleId: string, messageId: string): string {
  return KIND_BY_RULE[`${ruleId}#${messageId}`] ?? KIND_BY_RULE[ruleId] ?? "secret";
}

const URL_RULES = new Set([
  "@secretlint/secretlint-rule-basicauth",
  "@secretlint/secretlint-rule-database-connection-string",
]);

/** Runs secretlint over `text`. Throws whatever secretlint throws: the caller fails closed. */
export async function findSecretlintFindings(text: string): Promise<Finding[]> {
  // secretlint drops a leading byte-order mark and reports ranges in the text without it, one short of
  // ours: a token's placeholder would start a character early and its last character could be posted.
  const bom = text.startsWith("\uFEFF") ? 1 : 0;
  const result = await lintSource({
    source: { content: text.slice(bom), filePath: "handoff.md", contentType: "text" },
    options: { config: CONFIG, noPhysicFilePath: true, maskSecrets: true },
  });
  return result.messages.map((message) => {
    const [start, end] = message.range;
    return toFinding(text, { ...message, range: [start + bom, end + bom] });
  });
}

function toFinding(text: string, message: LintMessage): Finding {
  const kind = kindForSecretlintMessage(message.ruleId, message.messageId);
  const [start, end] = message.range;
  if (URL_RULES.has(message.ruleId)) return narrowToUserinfo(text, start, end, kind);
  if (kind === "aws-secret-key") return awsSecretValue(text, start, end, kind);
  return { start, end: extendThroughSecretAlphabet(text, end), kind };
}

/**
 * The AWS secret-key rule (v11) reports a range that starts at the key's *name* but is only as
 * long as the value, cutting the value short: find the value itself after the name.
 */
function awsSecretValue(text: string, start: number, end: number, kind: string): Finding {
  const assignment = new RegExp(AWS_SECRET_ASSIGNMENT_RE.source, AWS_SECRET_ASSIGNMENT_RE.flags);
  assignment.lastIndex = start;
  const value = assignment.exec(text)?.indices?.[1];
  if (value) return { start: value[0], end: value[1], kind };
  return { start, end: extendThroughSecretAlphabet(text, end), kind };
}

/**
 * Should a rule report a range that stops short of its value, extending through characters a token can contain makes a
 * short range safe without ever crossing spaces, quotes or punctuation.
 */
function extendThroughSecretAlphabet(text: string, end: number): number {
  let i = end;
  while (i < text.length && isValueChar(text.charCodeAt(i))) i += 1;
  return i;
}

/** A token's characters but the dot (`[A-Za-z0-9+/=_-]`): the extension never runs on past a full stop. */
function isValueChar(c: number): boolean {
  return c !== 46 /* . */ && isTokenChar(c);
}

/**
 * URL rules report the whole URL; keep the scheme and host readable and cut only `user:password`
 * (the span between `://` and the last `@` before the host). Unrecognised shapes keep the full range.
 */
function narrowToUserinfo(text: string, start: number, end: number, kind: string): Finding {
  const url = text.slice(start, end);
  const authorityStart = url.indexOf("://") + 3;
  const pathStart = url.indexOf("/", authorityStart);
  const hostStart = url.lastIndexOf("@", pathStart === -1 ? url.length : pathStart);
  if (authorityStart < 3 || hostStart < authorityStart) return { start, end, kind };
  return { start: start + authorityStart, end: start + hostStart, kind };
}
