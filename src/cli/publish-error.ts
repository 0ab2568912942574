// What `handoff publish` tells the user when it stops: a sentence they can act on, and the exit code.

/** A failure the user can fix, with an exit code: 1 (the document, the App's refusal) or 2 (the App did not answer). */
export class PublishError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}
