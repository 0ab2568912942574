import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { renderConfigDocs } from "../src/config/docs.js";
import { loadConfig, parseConfig } from "../src/config/load.js";
import { parseConfigOnce } from "../src/config/parsed-cache.js";
import { configSchema, DEFAULT_CONFIG, isHandoffPath, normalizeDirectory } from "../src/config/schema.js";

describe("configuration", () => {
  it("uses every default when there is no file", () => {
    expect(parseConfig(null)).toEqual({ ok: true, config: DEFAULT_CONFIG });
    expect(DEFAULT_CONFIG).toMatchObject({
      directory: ".handoffs/",
      minimum_permission: "write",
      on_remove: "close",
      link_sub_issues: true,
      dry_run: false,
    });
  });

  it("shares one default configuration between deliveries without a file, frozen all the way down", () => {
    const first = parseConfig(null);
    expect(parseConfig(undefined)).toBe(first);
    expect(first).toEqual({ ok: true, config: configSchema.parse({}) });
    // A delivery that changed it would change it for every later repository without a file: it cannot.
    const config = first.ok ? first.config : DEFAULT_CONFIG;
    expect(() => config.labels.push("leaked")).toThrow(TypeError);
    expect(() => (config.redact.extra_patterns as unknown[]).push({ kind: "x", pattern: "x" })).toThrow(TypeError);
    expect(() => Object.assign(config.agents, { leaked: "x" })).toThrow(TypeError);
    expect(() => Object.assign(config, { dry_run: true })).toThrow(TypeError);
    expect(parseConfig(null)).toEqual({ ok: true, config: configSchema.parse({}) });
  });

  it("validates a content once per process: the same content read again gets the same frozen result", () => {
    const raw = { labels: ["team-a"], redact: { extra_patterns: [{ kind: "customer-id", pattern: "CUST-[0-9]{6}" }] } };
    const first = parseConfigOnce(raw);
    expect(first.ok).toBe(true);
    expect(parseConfigOnce(structuredClone(raw))).toBe(first);
    const config = first.ok ? first.config : DEFAULT_CONFIG;
    expect(() => config.labels.push("leaked")).toThrow(TypeError);
    expect(Object.isFrozen(config.redact.extra_patterns[0])).toBe(true);
    // Other content, another result: a setting changed is read as changed.
    expect(parseConfigOnce({ ...raw, labels: ["team-b"] })).toMatchObject({ ok: true, config: { labels: ["team-b"] } });
  });

  it("never mistakes one content for another that JSON writes the same way (undefined, Infinity)", () => {
    expect(parseConfigOnce({}).ok).toBe(true);
    expect(parseConfigOnce({ lables: undefined })).toMatchObject({
      ok: false,
      message: expect.stringContaining("lables"),
    });
    expect(parseConfigOnce({ labels: [null] })).toMatchObject({ message: expect.stringContaining("received null") });
    // An array with a hole: JSON writes `null` there too.
    expect(parseConfigOnce({ labels: new Array<string>(1).concat("x") })).toMatchObject({
      message: expect.stringContaining("received undefined"),
    });
    expect(parseConfigOnce({ labels: [null, "x"] })).toMatchObject({
      message: expect.stringContaining("received null"),
    });
    expect(parseConfigOnce({ labels: [Infinity] })).toMatchObject({
      message: expect.stringContaining("received Infinity"),
    });
  });

  it("keeps no content too big to be a configuration: YAML's aliases written out in full would be the key", () => {
    // 100 KB of text, aliased 99 times (yaml's alias limit allows it): 10 MB of JSON, were it a key.
    const list = Array.from({ length: 100 }, (_, i) => `  - ${String(i).padEnd(1000, "x")}`).join("\n");
    const text = `labels: [handoff]\nbig: &a\n${list}\nagain:\n${Array(99).fill("  - *a").join("\n")}\n`;
    const raw: unknown = parse(text, { logLevel: "error" });
    const first = parseConfigOnce(raw);
    expect(first).toEqual(parseConfig(raw));
    expect(!first.ok && first.message).toContain('Unrecognized keys: "big"');
    expect(parseConfigOnce(raw)).not.toBe(first);
    // Nested deeper than any setting: parsed every time too, and the same answer.
    const deep = { labels: ["x"], nested: JSON.parse(`${"[".repeat(40)}1${"]".repeat(40)}`) as unknown };
    expect(parseConfigOnce(deep)).toEqual(parseConfig(deep));
    expect(parseConfigOnce(deep)).not.toBe(parseConfigOnce(deep));
  });

  it("names the file and the setting of a mistake", () => {
    const result = parseConfig({ on_remove: "delete" });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain("`.github/handoff.yml` is not valid");
    expect(!result.ok && result.message).toContain("`on_remove`");
  });

  it("refuses unknown settings, so a typo is not silently ignored", () => {
    expect(parseConfig({ lables: ["x"] }).ok).toBe(false);
  });

  it("refuses an extra pattern that can backtrack catastrophically, naming its path", () => {
    const result = parseConfig({ redact: { extra_patterns: [{ kind: "bad", pattern: "(a+)+$" }] } });
    expect(!result.ok && result.message).toContain("`redact.extra_patterns[0].pattern`");
  });

  it("accepts a safe extra pattern", () => {
    expect(parseConfig({ redact: { extra_patterns: [{ kind: "customer-id", pattern: "CUST-[0-9]{6}" }] } }).ok).toBe(
      true,
    );
  });

  it("reports a file that is not YAML as a mistake, and a failed request as an error", async () => {
    expect(await loadConfig(() => Promise.reject(new Error("bad indentation")))).toMatchObject({ ok: false });
    await expect(loadConfig(() => Promise.reject(Object.assign(new Error("boom"), { status: 500 })))).rejects.toThrow(
      "boom",
    );
  });

  it("normalises the directory", () => {
    expect(normalizeDirectory("./docs/handoffs")).toBe("docs/handoffs/");
    expect(isHandoffPath(".handoffs/a/b.md", ".handoffs")).toBe(true);
    expect(isHandoffPath(".handoffs-old/b.md", ".handoffs")).toBe(false);
    expect(isHandoffPath(".handoffs/b.txt", ".handoffs/")).toBe(false);
  });
});

describe("docs/configuration.md", () => {
  it("is generated from the schema and up to date (UPDATE_CONFIG_DOCS=1 rewrites it)", () => {
    const path = new URL("../docs/configuration.md", import.meta.url);
    if (process.env["UPDATE_CONFIG_DOCS"]) writeFileSync(path, renderConfigDocs());
    expect(readFileSync(path, "utf8")).toBe(renderConfigDocs());
  });
});
