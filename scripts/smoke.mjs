// The package as users get it: packed, installed into an empty directory with production dependencies only, and
// run. The Dockerfile does the same steps (npm pack, then install the tarball with --omit=dev), so a green run here
// is evidence for the container too. .ci/run calls this; `npm run smoke` runs it alone.
//
//   1. npm pack                              5. every `exports` entry imports
//   2. npm install --omit=dev <tarball>      6. `handoff serve` from a directory whose .env configures it
//   3. handoff --version                     7. GET /healthz 200, a badly signed delivery 401, a signed ping 2xx
//   4. handoff preview: token and e-mail redacted  8. `probot run` loads the packed App and answers a signed ping
import { execFile, spawn } from "node:child_process";
import { createHmac, generateKeyPairSync, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const exec = promisify(execFile);
const root = path.resolve(fileURLToPath(new URL(".", import.meta.url)), "..");
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));

const major = Number(process.versions.node.split(".")[0]);
if (major < 22) {
  console.error(
    `smoke: Node ${process.versions.node} is below what the package supports (22+); run it with \`npm run smoke\`.`,
  );
  process.exit(1);
}

function step(message) {
  console.log(`smoke: ${message}`);
}

function fail(message) {
  throw new Error(`smoke: ${message}`);
}

const work = await mkdtemp(path.join(tmpdir(), "handoff-smoke-"));
let server;
try {
  // 1. Pack exactly what `npm publish` would upload (`prepare` builds lib/ first).
  const packDir = path.join(work, "pack");
  await mkdir(packDir);
  await exec("npm", ["pack", "--silent", "--pack-destination", packDir], { cwd: root, maxBuffer: 16 << 20 });
  const [tarball] = (await readdir(packDir)).filter((f) => f.endsWith(".tgz"));
  if (!tarball) fail("npm pack wrote no tarball");
  step(`packed ${tarball}`);

  // 2. An empty directory, production dependencies only: what `npx agent-handoff` and the container get.
  const install = path.join(work, "install");
  await mkdir(install);
  await writeFile(path.join(install, "package.json"), JSON.stringify({ name: "smoke", private: true }));
  await exec(
    "npm",
    ["install", "--omit=dev", "--no-audit", "--no-fund", "--loglevel=error", path.join(packDir, tarball)],
    {
      cwd: install,
      maxBuffer: 16 << 20,
    },
  );
  const bin = path.join(install, "node_modules", ".bin", "handoff");
  step("installed the tarball with --omit=dev");

  // 3. The version comes from the installed package.json.
  const { stdout: version } = await exec(bin, ["--version"], { cwd: install });
  if (version.trim() !== pkg.version)
    fail(`handoff --version printed ${JSON.stringify(version.trim())}, expected ${pkg.version}`);
  step(`handoff --version: ${version.trim()}`);

  // 4. A token and an e-mail address never reach the preview.
  const token = `ghp_${randomBytes(27).toString("base64url").replace(/[-_]/g, "x").slice(0, 36)}`;
  const email = `dana.${randomBytes(3).toString("hex")}@example.org`;
  const doc = path.join(install, "leak.md");
  await writeFile(
    doc,
    `# Rotate the deploy token\n\n## Context\nThe token is ${token}; ask ${email}.\n\n## Next steps\n1. Rotate it.\n`,
  );
  const { stdout: preview } = await exec(bin, ["preview", doc], { cwd: install });
  if (preview.includes(token)) fail("handoff preview printed the token");
  if (preview.includes(email)) fail("handoff preview printed the e-mail address");
  if (!/\[redacted: [^\]]+\]/.test(preview)) fail(`handoff preview shows no placeholder:\n${preview}`);
  step(
    `handoff preview redacted the token and the e-mail (${preview.split("\n").find((l) => l.startsWith("Redacted"))})`,
  );

  // 5. Every entry in `exports` resolves and loads from the installed package.
  for (const entry of Object.keys(pkg.exports).filter((e) => !e.endsWith(".json"))) {
    const specifier = entry === "." ? pkg.name : `${pkg.name}/${entry.slice(2)}`;
    await exec(process.execPath, ["--input-type=module", "-e", `await import(${JSON.stringify(specifier)})`], {
      cwd: install,
    });
  }
  step(`imported ${Object.keys(pkg.exports).join(", ")}`);

  // 6. The production entry point, configured the way Probot's setup page leaves a directory: a `.env` file.
  const secret = randomBytes(20).toString("hex");
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const pem = privateKey.export({ type: "pkcs1", format: "pem" }).toString();
  await writeFile(
    path.join(install, ".env"),
    `APP_ID=12345\nPRIVATE_KEY="${pem.replace(/\n/g, "\\n")}"\nWEBHOOK_SECRET=${secret}\nLOG_LEVEL=warn\n`,
  );
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), HOST: "127.0.0.1" };
  for (const key of ["APP_ID", "PRIVATE_KEY", "PRIVATE_KEY_PATH", "WEBHOOK_SECRET", "WEBHOOK_SECRETS"]) delete env[key];
  server = spawn(bin, ["serve"], { cwd: install, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  server.stdout.on("data", (d) => (output += d));
  server.stderr.on("data", (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  await waitForHealth(`${base}/healthz`, () => output);
  step("handoff serve: GET /healthz answered 200");

  // 7. Signatures: a real `ping` payload, badly and correctly signed.
  const examples = JSON.parse(
    readFileSync(path.join(root, "node_modules/@octokit/webhooks-examples/api.github.com/index.json"), "utf8"),
  );
  const ping = examples.find((e) => e.name === "ping").examples[0];
  const body = JSON.stringify(ping);
  const deliver = (signature) =>
    fetch(`${base}/api/github/webhooks`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": "ping",
        "x-github-delivery": `smoke-${randomBytes(8).toString("hex")}`,
        "x-hub-signature-256": signature,
      },
      body,
    });
  const forged = await deliver(`sha256=${createHmac("sha256", "not-the-secret").update(body).digest("hex")}`);
  if (forged.status !== 401) fail(`a badly signed delivery got ${forged.status}, expected 401`);
  step("a badly signed delivery got 401");
  const signed = await deliver(`sha256=${createHmac("sha256", secret).update(body).digest("hex")}`);
  if (signed.status < 200 || signed.status > 299) fail(`a signed ping got ${signed.status}, expected 2xx\n${output}`);
  step(`a correctly signed ping got ${signed.status}`);
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));

  // 8. The same package in Probot's own runner, as `probot run` users and test harnesses load it.
  const probotPort = await freePort();
  const probotEnv = {
    ...env,
    PORT: String(probotPort),
    APP_ID: "12345",
    PRIVATE_KEY: pem,
    WEBHOOK_SECRET: secret,
    LOG_LEVEL: "warn",
  };
  server = spawn(
    path.join(install, "node_modules", ".bin", "probot"),
    ["run", `./node_modules/${pkg.name}/${pkg.main}`],
    {
      cwd: install,
      env: probotEnv,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  output = "";
  server.stdout.on("data", (d) => (output += d));
  server.stderr.on("data", (d) => (output += d));
  await waitForHealth(`http://127.0.0.1:${probotPort}/ping`, () => output);
  const probotPing = await fetch(`http://127.0.0.1:${probotPort}/api/github/webhooks`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": "ping",
      "x-github-delivery": `smoke-${randomBytes(8).toString("hex")}`,
      "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
    },
    body,
  });
  if (probotPing.status < 200 || probotPing.status > 299)
    fail(`probot run answered a signed ping with ${probotPing.status}\n${output}`);
  step(`probot run ${pkg.main} answered a signed ping with ${probotPing.status}`);
  step("passed");
} finally {
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  }
  await rm(work, { recursive: true, force: true });
}

async function freePort() {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function waitForHealth(url, log) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.exitCode !== null) fail(`handoff serve exited with ${server.exitCode}:\n${log()}`);
    try {
      const res = await fetch(url);
      if (res.status === 200) return;
      fail(`GET /healthz answered ${res.status}`);
    } catch (error) {
      if (String(error.message).startsWith("smoke:")) throw error;
      if (Date.now() > deadline) fail(`handoff serve did not answer within 30 s:\n${log()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
