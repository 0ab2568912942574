// Where the CLI writes: results to stdout, notes and errors to stderr. Tests pass their own.
export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}
