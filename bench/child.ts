// Running a TypeScript file of the bench in a child process, through tsx, and reading its JSON answer.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const TSX = import.meta.resolve("tsx");

export function benchFile(name: string): string {
  return fileURLToPath(new URL(name, import.meta.url));
}

/** Runs `node [nodeArgs] --import tsx bench/<file> ...args`; resolves with its stdout, rejects on a non-zero exit. */
export function runChild(file: string, args: readonly string[], nodeArgs: readonly string[] = []): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, "--import", TSX, benchFile(file), ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${file} ${args.join(" ")} exited ${code}:\n${err.slice(-2000)}`)),
    );
  });
}
