// The messages between the throughput driver and its two child processes (the stand-in, the App server).
// Both children are forked with an IPC channel; every request carries an id that its answer echoes.
import { fork, type ChildProcess } from "node:child_process";
import { benchFile, TSX } from "./child.js";

export type Request =
  | { type: "seed-comment"; body: string }
  | { type: "log"; from: number }
  | { type: "trim" }
  | { type: "cpu" }
  | { type: "sequence"; calls: ReplayCall[] };

export interface ReplayCall {
  method: string;
  /** Path and query, as sent. */
  url: string;
  body?: unknown;
}

export interface Seeded {
  thread: { number: number; id: number };
  commentId: number;
}

export interface Channel {
  child: ChildProcess;
  /** What the child sent first: its URL. */
  url: string;
  ask<T>(request: Request): Promise<T>;
  close(): Promise<void>;
}

/** Forks `bench/<file>` through tsx and waits for its `{ ready: url }`. */
export function forkChild(file: string, args: readonly string[]): Promise<Channel> {
  const child = fork(benchFile(file), [...args], {
    execArgv: ["--import", TSX],
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  let next = 0;
  const waiting = new Map<number, (value: unknown) => void>();
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`${file} exited ${code} before it was ready`)));
    child.on("message", (message: { ready?: string; id?: number; answer?: unknown }) => {
      if (message.ready) {
        resolve({
          child,
          url: message.ready,
          ask: <T>(request: Request) =>
            new Promise<T>((done) => {
              const id = next++;
              waiting.set(id, done as (value: unknown) => void);
              child.send({ id, request });
            }),
          close: () =>
            new Promise<void>((done) => {
              child.removeAllListeners("exit");
              child.once("exit", () => done());
              child.kill();
            }),
        });
        return;
      }
      if (message.id !== undefined) {
        waiting.get(message.id)?.(message.answer);
        waiting.delete(message.id);
      }
    });
  });
}

/** The child's side: answers each request with `handle`. */
export function serveRequests(handle: (request: Request) => Promise<unknown> | unknown): void {
  // When the driver goes (finished, or killed), so does the child: no orphaned servers.
  process.on("disconnect", () => process.exit(0));
  process.on("message", (message: { id: number; request: Request }) => {
    void Promise.resolve(handle(message.request)).then((answer) => process.send?.({ id: message.id, answer }));
  });
}
