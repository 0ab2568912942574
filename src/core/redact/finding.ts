// A detector's answer: where a secret or a piece of personal data sits, and what kind it is.

/** A half-open range `[start, end)` of the text, and the kind its placeholder will name. */
export interface Finding {
  start: number;
  end: number;
  kind: string;
}

/** A detector looks at the whole text and returns what it found; it never sees other detectors' results. */
export type Detector = (text: string) => Finding[];
