// A detector's answer: where a secret or a piece of personal data sits, and what kind it is.

/**
 * A half-open range `[start, end)` of the text, and the kind its placeholder will name. `keep` lists ranges
 * inside it that are layout, not secret (a private key's table pipes or `> ` markers on each line): they are
 * written back after the placeholder, so the table or quote around a redacted key stays intact.
 */
export interface Finding {
  start: number;
  end: number;
  kind: string;
  /** Sorted, disjoint `[start, end)` ranges within the finding, none holding a line break. */
  keep?: readonly (readonly [number, number])[];
}

/** A detector looks at the whole text and returns what it found; it never sees other detectors' results. */
export type Detector = (text: string) => Finding[];
