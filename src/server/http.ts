// Small HTTP helpers for the webhook server: plain-text answers, single headers, and a bounded body reader.
import type { IncomingMessage, ServerResponse } from "node:http";

export class BodyTooLarge extends Error {}

export function answer(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) return;
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers });
  res.end(`${message}\n`);
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === "string" ? value : undefined;
}

/** The raw body, refused past `max` bytes. Not `for await`: breaking out of it destroys the socket before we answer. */
export function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (): void => {
      req.off("data", onData).off("end", onEnd).off("error", onError).off("aborted", onError);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= max) {
        chunks.push(chunk);
        return;
      }
      stop();
      req.pause();
      reject(new BodyTooLarge());
    };
    const onEnd = (): void => {
      stop();
      resolve(Buffer.concat(chunks));
    };
    const onError = (): void => {
      stop();
      reject(new Error("request aborted"));
    };
    req.on("data", onData).on("end", onEnd).on("error", onError).on("aborted", onError);
  });
}

/** Ends a request we refuse before reading it: answer, then close the connection rather than read the rest. */
export function refuseUnread(req: IncomingMessage, res: ServerResponse, status: number, message: string): void {
  answer(res, status, message, { connection: "close" });
  res.on("finish", () => req.destroy());
}
