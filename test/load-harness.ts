/**
 * Many mixed deliveries (new `/handoff` comments, edits of them, pushes of handoff files, return comments),
 * signed and POSTed over HTTP to the webhook server (src/server) in front of the App, against the fake GitHub
 * server. One in ten is redelivered with the same X-GitHub-Delivery, and every so often the same event
 * arrives in a concurrent burst (the same id twice, and a second id, as from a second hook). Then the
 * ledger: one issue per comment and per file, one reply and 👀 + 🚀 per filed comment, one relay per return.
 * Used by test/load-app.test.ts (small) and scripts/load.ts (1,000 deliveries).
 */
import { createHmac, generateKeyPairSync } from "node:crypto";
import { Probot } from "probot";
import { createHandoffApp } from "../src/app/index.js";
import { KeyedMutex } from "../src/app/delivery-guard.js";
import { startServer, type RunningServer } from "../src/server/start.js";
import { startFakeGitHub, type FakeGitHub } from "./support/fake-github/index.js";
import { appEndpointFetch, FastProbotOctokit, REPO, WRITER } from "./faults-harness.js";
import { judge, LoadScenario, type Delivery } from "./load-scenario.js";

const SECRET = "load-test-secret";
const PATH = "/api/github/webhooks";
const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});

export interface LoadOptions {
  deliveries: number;
  /** How many deliveries are in flight at once. */
  concurrency?: number;
  /** Called after each delivery is answered, with how many have been answered. */
  onProgress?: (answered: number) => void;
}

export interface LoadReport {
  deliveries: number;
  answers: Record<string, number>;
  comments: number;
  files: number;
  returns: number;
  duplicates: string[];
  lost: string[];
  missingAcknowledgements: string[];
  /** The App's per-process source lock after the run: keys still held or waited on. */
  lockKeys: number;
  wallMs: number;
}

function sign(body: string): string {
  return `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;
}

async function post(url: string, delivery: Delivery): Promise<number> {
  const response = await fetch(`${url}${PATH}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": delivery.name,
      "x-github-delivery": delivery.id,
      "x-hub-signature-256": sign(delivery.body),
    },
    body: delivery.body,
  });
  await response.text();
  return response.status;
}

export async function startLoadStand(): Promise<{ github: FakeGitHub; server: RunningServer; lock: KeyedMutex }> {
  const github = await startFakeGitHub({
    repos: [{ owner: "octo-org", name: "widgets", id: 186853002 }],
    permissions: { [REPO]: { [WRITER]: "write" } },
  });
  const lock = new KeyedMutex();
  const probot = new Probot({
    appId: 1,
    privateKey,
    secret: SECRET,
    baseUrl: github.url,
    logLevel: "fatal",
    Octokit: FastProbotOctokit,
    // `GET /app` answered in front, the rest over the App's own transport: the load runs over it.
    request: { fetch: appEndpointFetch() },
  });
  const server = await startServer({
    config: {
      appId: 1,
      privateKey,
      secrets: [SECRET],
      port: 0,
      host: "127.0.0.1",
      webhookPath: PATH,
      logLevel: "fatal",
      baseUrl: github.url,
      queue: false,
      workerConcurrency: 1,
    },
    app: createHandoffApp({ lock }),
    probot,
  });
  return { github, server, lock };
}

export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const { github, server, lock } = await startLoadStand();
  const started = Date.now();
  const scenario = new LoadScenario(github, REPO, 186853002, 1);
  const answers: Record<string, number> = {};
  let answered = 0;
  const send = async (delivery: Delivery): Promise<void> => {
    const status = await post(server.url, delivery);
    answers[status] = (answers[status] ?? 0) + 1;
    options.onProgress?.(++answered);
  };

  // In waves of `concurrency`; every twentieth delivery also comes in a concurrent burst.
  const concurrency = options.concurrency ?? 8;
  const violations: string[] = [];
  let total = 0;
  while (total < options.deliveries) {
    const wave: Array<Promise<void>> = [];
    for (let i = 0; i < concurrency && total < options.deliveries; i++) {
      const delivery = await scenario.next(total);
      total++;
      wave.push(send(delivery));
      // A burst: the same event twice more at once, once with its own id and once with a second hook's id.
      if (total % 20 === 1 && total + 2 <= options.deliveries) {
        wave.push(send(delivery), send(scenario.sameEventNewId(delivery)));
        total += 2;
      }
    }
    await Promise.all(wave);
    // The fake keeps every request and response by reference; checked, then dropped, so the heap samples
    // measure the App and the fake's repository state, not a log that grows with the square of the issues.
    violations.push(...github.violations);
    github.requests.length = 0;
  }
  await server.close();
  const wallMs = Date.now() - started;
  const verdict = judge(github, [scenario]);
  violations.push(...github.violations);
  await github.close();
  if (violations.length > 0) throw new Error(`requests GitHub would not accept: ${violations.slice(0, 5).join("; ")}`);
  return {
    deliveries: total,
    answers,
    comments: scenario.comments.length,
    files: scenario.files.length,
    returns: scenario.returns.length,
    ...verdict,
    lockKeys: lock.size,
    wallMs,
  };
}
