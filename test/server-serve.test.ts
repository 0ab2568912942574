// `handoff serve` reads the configuration Probot's setup page leaves behind: a `.env` in the working directory.
// The fixture is in the setup page's format (helpers/update-env.js in probot 14: KEY=value lines, the PEM in
// double quotes with `\n` escapes).
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ServerConfigError } from "../src/server/config.js";
import { loadDotEnv, serve } from "../src/server/serve.js";

const setupPageEnv = path.join(import.meta.dirname, "fixtures", "server", "setup-page.env");

describe("loadDotEnv", () => {
  it("reads the setup page's .env, turning the PEM's \\n escapes into newlines", () => {
    const env: NodeJS.ProcessEnv = {};
    expect(loadDotEnv(setupPageEnv, env)).toBe(true);
    expect(env.APP_ID).toBe("4242");
    expect(env.WEBHOOK_SECRET).toBe("from-dotenv");
    expect(env.PRIVATE_KEY).toBe(
      "-----BEGIN RSA PRIVATE KEY-----\nMIIB-not-a-real-key\n-----END RSA PRIVATE KEY-----\n",
    );
  });

  it("never overrides a variable the environment already sets", () => {
    const env: NodeJS.ProcessEnv = { WEBHOOK_SECRET: "from-the-environment" };
    loadDotEnv(setupPageEnv, env);
    expect(env.WEBHOOK_SECRET).toBe("from-the-environment");
    expect(env.APP_ID).toBe("4242");
  });

  it("does nothing when there is no .env", () => {
    const env: NodeJS.ProcessEnv = {};
    expect(loadDotEnv(path.join(import.meta.dirname, "fixtures", "server", "absent.env"), env)).toBe(false);
    expect(env).toEqual({});
  });
});

describe("serve", () => {
  it("without an App says how to register one instead of naming a missing variable only", async () => {
    const empty = await mkdtemp(path.join(tmpdir(), "handoff-serve-"));
    const attempt = serve({}, empty);
    await expect(attempt).rejects.toBeInstanceOf(ServerConfigError);
    await expect(attempt).rejects.toThrow(/npm run setup.*APP_ID, PRIVATE_KEY and WEBHOOK_SECRET/);
  });
});
