// TLS in front of a plain-HTTP fake GitHub, with a self-signed certificate made for the run (nothing secret is
// committed): the API as https://127.0.0.1:port, trusted by a child through NODE_EXTRA_CA_CERTS. Runners reach
// GitHub over TLS, so what a run holds (node:https, tls, OpenSSL's store) is only seen through one.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { connect, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer as createTlsServer, type Server as TlsServer } from "node:tls";

export interface Certificate {
  key: string;
  cert: string;
  /** The certificate's PEM file, for NODE_EXTRA_CA_CERTS. */
  certFile: string;
}

/** A self-signed certificate for 127.0.0.1, valid for a day. Needs `openssl` (.ci/run installs it). */
export function certificate(): Certificate {
  const dir = mkdtempSync(join(tmpdir(), "handoff-tls-"));
  const [keyFile, certFile] = [join(dir, "key.pem"), join(dir, "cert.pem")];
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1"]
      .concat(["-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"])
      .concat(["-keyout", keyFile, "-out", certFile]),
    { stdio: "ignore" },
  );
  return { key: readFileSync(keyFile, "utf8"), cert: readFileSync(certFile, "utf8"), certFile };
}

export interface TlsFront {
  /** `127.0.0.1:port`. */
  host: string;
  /** `https://127.0.0.1:port`. */
  url: string;
  close(): Promise<void>;
}

/** TLS terminated here and the bytes passed on to `target` (an http:// URL on 127.0.0.1). */
export async function startTlsFront(target: string, tls: Certificate): Promise<TlsFront> {
  const { port } = new URL(target);
  const server: TlsServer = createTlsServer(tls, (socket) => {
    const upstream = connect(Number(port), "127.0.0.1");
    socket.pipe(upstream).pipe(socket);
    upstream.on("error", () => socket.destroy());
    socket.on("error", () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { host, url: `https://${host}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
