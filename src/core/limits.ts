// GitHub's documented limits, and our own caps, in one place.

/** Issue and comment bodies: at most 65,536 characters. */
export const MAX_BODY_CHARS = 65_536;
/** Issue titles: at most 256 characters. */
export const MAX_TITLE_CHARS = 256;
/** Documents larger than this are refused before any processing: redaction fails closed. */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;
/** GitHub allows at most 100 sub-issues per parent. */
export const MAX_SUB_ISSUES = 100;
