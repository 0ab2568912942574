// Redaction fails closed: when it cannot vouch for a text, the caller must post nothing.

/** Raised instead of returning text that might still carry a secret. Never includes the content. */
export class RedactionError extends Error {
  override readonly name = "RedactionError";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
