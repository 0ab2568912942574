// GitHub's documented limits, and our own caps, in one place.

/** Issue and comment bodies: at most 65,536 characters. */
export const MAX_BODY_CHARS = 65_536;
/** Issue titles: at most 256 characters. */
export const MAX_TITLE_CHARS = 256;
/** Documents larger than this are refused before any processing: redaction fails closed. */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;
/** GitHub allows at most 100 sub-issues per parent. */
export const MAX_SUB_ISSUES = 100;
/**
 * Frontmatter is a few lines of metadata; past this it is not parsed (a megabyte of YAML took ~0.9 s and
 * ~150 MB in the benchmark) and is reported as an error instead.
 */
export const MAX_FRONTMATTER_CHARS = 64 * 1024;
