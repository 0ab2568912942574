// Webhook signatures: `X-Hub-Signature-256: sha256=<hex HMAC of the raw body>`, checked against every configured
// secret so the secret can be rotated without downtime (old and new are both accepted while both are set).
// The check is @octokit/webhooks-methods' `verifyWithFallback` (crypto.timingSafeEqual per secret), the library
// Probot itself uses. It stops at the first secret that matches, so timing can tell the newest secret from an
// older one; never what either is.
import { verifyWithFallback } from "@octokit/webhooks-methods";

/** `fatal`: bytes that are not UTF-8 are refused, never patched with U+FFFD (see verifySignature). */
const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const SIGNATURE_PATTERN = /^sha256=[0-9a-f]{64}$/;

/**
 * The body as text when `signature` is a valid `sha256=` HMAC of it under any of `secrets`; else null. Pure; never
 * throws. The library hashes a string, so the body must decode to UTF-8 losslessly: GitHub only sends UTF-8 JSON,
 * and refusing anything else keeps two different byte strings from sharing one signature. The text is what the
 * caller parses: the body is decoded once.
 */
export async function verifiedText(
  body: Uint8Array,
  signature: string | undefined,
  secrets: readonly string[],
): Promise<string | null> {
  const [newest, ...older] = secrets.filter((secret) => secret !== "");
  if (newest === undefined || signature === undefined || !SIGNATURE_PATTERN.test(signature) || body.length === 0)
    return null;
  let text: string;
  try {
    text = UTF8.decode(body);
  } catch {
    return null;
  }
  return (await verifyWithFallback(newest, text, signature, older)) === true ? text : null;
}
