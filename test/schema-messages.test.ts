// The words people read when a setting, an Action input, a frontmatter field, an extra pattern, the server's
// environment or an event payload is wrong. Most of them are zod's own English messages: they reach users as reply
// comments, Action annotations and CLI errors, so which zod build produces them must not change a word.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readContext } from "../src/action/context.js";
import { parseInputs } from "../src/action/inputs.js";
import { parseConfig } from "../src/config/load.js";
import { readFrontmatter } from "../src/core/frontmatter.js";
import { compileExtraPatterns, validateExtraPattern } from "../src/core/redact/extra-patterns.js";
import { parseCommentEvent, parsePushEvent } from "../src/flows/events.js";
import { readServerConfig, ServerConfigError } from "../src/server/config.js";

const CONFIG_CASES: Array<[unknown, string[]]> = [
  [[], ["`(top level)`: Invalid input: expected object, received array"]],
  [{ unknown: 1 }, ['`(top level)`: Unrecognized key: "unknown"']],
  [
    { unknown: 1, other: 2, labels: 3 },
    [
      "`labels`: Invalid input: expected array, received number",
      '`(top level)`: Unrecognized keys: "unknown", "other"',
    ],
  ],
  [{ directory: "" }, ["`directory`: Too small: expected string to have >=1 characters"]],
  [{ directory: null }, ["`directory`: Invalid input: expected string, received null"]],
  [
    { labels: ["a", 2, ""] },
    [
      "`labels[1]`: Invalid input: expected string, received number",
      "`labels[2]`: Too small: expected string to have >=1 characters",
    ],
  ],
  [{ labels: ["x".repeat(51)] }, ["`labels[0]`: Too big: expected string to have <=50 characters"]],
  [
    { minimum_permission: "root" },
    ['`minimum_permission`: Invalid option: expected one of "none"|"read"|"triage"|"write"|"maintain"|"admin"'],
  ],
  [{ on_remove: "x" }, ['`on_remove`: Invalid option: expected one of "close"|"comment"|"ignore"']],
  [{ link_sub_issues: "yes" }, ["`link_sub_issues`: Invalid input: expected boolean, received string"]],
  [{ redact: { x: 1 } }, ['`redact`: Unrecognized key: "x"']],
  [{ redact: null }, ["`redact`: Invalid input: expected object, received null"]],
  [
    { redact: { extra_patterns: [5] } },
    ["`redact.extra_patterns[0]`: Invalid input: expected object, received number"],
  ],
  [
    { redact: { extra_patterns: [{ kind: "ok", pattern: "CUST-[0-9]{6}", extra: 1 }] } },
    ['`redact.extra_patterns[0]`: Unrecognized key: "extra"'],
  ],
  [
    { redact: { extra_patterns: [{ kind: "Bad Kind", pattern: "" }] } },
    [
      "`redact.extra_patterns[0].kind`: kind must be lower-case letters, digits and hyphens (at most 40)",
      "`redact.extra_patterns[0].pattern`: pattern must not be empty",
      "`redact.extra_patterns[0].pattern`: Invalid extra pattern (kind): kind must be lower-case letters, digits and hyphens (at most 40).",
    ],
  ],
  [
    { redact: { extra_patterns: [{ kind: "ok", pattern: "x*" }] } },
    [
      '`redact.extra_patterns[0].pattern`: Extra pattern "ok" matches empty text; make it match at least one character.',
    ],
  ],
  [
    {
      redact: { extra_patterns: Array.from({ length: 51 }, (_, i) => ({ kind: `k${i}`, pattern: `K${i}-[0-9]{4}` })) },
    },
    ["`redact.extra_patterns`: Too big: expected array to have <=50 items"],
  ],
  [{ trusted: ["bot[bot]", "x".repeat(101)] }, ["`trusted[1]`: Too big: expected string to have <=100 characters"]],
  [{ agents: { "": "x" } }, ["`agents.`: Invalid key in record"]],
  [{ agents: { a: "" } }, ["`agents.a`: Too small: expected string to have >=1 characters"]],
  [{ agents: [] }, ["`agents`: Invalid input: expected record, received array"]],
  [{ ready_on_file: 1 }, ["`ready_on_file`: Invalid input: expected boolean, received number"]],
];

describe("a `.github/handoff.yml` that is not valid", () => {
  it.each(CONFIG_CASES)("%j is reported line by line, in zod's words", (raw, lines) => {
    const result = parseConfig(raw);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toBe(
      `\`.github/handoff.yml\` is not valid, so nothing was done:\n${lines.map((l) => `- ${l}`).join("\n")}\n\nSee docs/configuration.md for every setting.`,
    );
  });
});

const INPUT_CASES: Array<[Record<string, string>, string]> = [
  [{ mode: "PICKUP", "github-token": "t" }, 'mode: expected "pickup", "return" or "file"'],
  [{ mode: "pickup", "github-token": " " }, "github-token: is empty: pass ${{ github.token }} or an App token"],
  [{ mode: "pickup", "github-token": "t", issue: "12x" }, "issue: expected an issue number such as 12 or #12"],
  [{ mode: "pickup", "github-token": "t", issue: "0" }, "issue: Too small: expected number to be >0"],
  [{ mode: "pickup", "github-token": "t", "dry-run": "yes" }, 'dry-run: expected true or false, got "yes"'],
  [
    { mode: "pickup", "github-token": "t", "app-slug": "-x" },
    "app-slug: expected a GitHub App slug such as my-handoff-app",
  ],
  [
    { mode: "pickup", "github-token": "t", "lease-minutes": "0" },
    "lease-minutes: Too small: expected number to be >=1",
  ],
  [
    { mode: "pickup", "github-token": "t", "lease-minutes": "10081" },
    "lease-minutes: Too big: expected number to be <=10080",
  ],
  [
    { mode: "pickup", "github-token": "t", "lease-minutes": "abc" },
    "lease-minutes: expected a whole number of minutes",
  ],
  [
    { mode: "return", "github-token": "t", status: "maybe", "agent-conclusion": "nope", "close-on-done": "no" },
    'status: Invalid option: expected one of "done"|"partial"|"blocked"; agent-conclusion: Invalid option: expected one of "success"|"failure"|"cancelled"|"skipped"; close-on-done: expected true or false, got "no"',
  ],
];

describe("Action inputs that are not valid", () => {
  it.each(INPUT_CASES)("%j fails the step naming each input", (raw, problems) => {
    expect(() => parseInputs(raw)).toThrow(new Error(`invalid inputs: ${problems}`));
  });

  it("parse to the same values when they are valid", () => {
    expect(parseInputs({ mode: " return ", "github-token": "t", status: "done", "return-file": " f.md " })).toEqual({
      mode: "return",
      "github-token": "t",
      issue: undefined,
      "dry-run": false,
      "trusted-bots": [],
      "app-slug": undefined,
      "return-file": "f.md",
      "return-text": undefined,
      status: "done",
      "agent-conclusion": undefined,
      "close-on-done": true,
      "relay-to-parent": true,
    });
  });
});

describe("frontmatter fields that are not valid", () => {
  it("are reported with zod's message for each field", () => {
    const read = readFrontmatter("title: x\nkind: nope\nparent: '#0'\nlabels: 5\nid: []\nstatus: ''\nagent: 3", 1);
    expect(read.fields).toEqual({ title: "x" });
    expect(read.diagnostics.map((d) => d.message)).toEqual([
      "Frontmatter `kind` is invalid: expected `handoff` or `return`.",
      "Frontmatter `parent` is invalid: `#0` is not an issue reference.",
      "Frontmatter `labels` is invalid: Invalid input.",
      "Frontmatter `id` is invalid: Invalid input.",
      "Frontmatter `status` is invalid: Too small: expected string to have >=1 characters.",
      "Frontmatter `agent` is invalid: Invalid input: expected string, received number.",
    ]);
  });
});

describe("extra redaction patterns of the wrong shape", () => {
  const cases: Array<[unknown, string, string]> = [
    [
      null,
      "Invalid extra pattern: Invalid input: expected object, received null.",
      "an extra pattern has the wrong shape (Invalid input: expected object, received null)",
    ],
    [
      {},
      "Invalid extra pattern (kind): Invalid input: expected string, received undefined.",
      "an extra pattern has the wrong shape (Invalid input: expected string, received undefined)",
    ],
    [
      { kind: "x", pattern: "a".repeat(1001) },
      "Invalid extra pattern (pattern): pattern must be at most 1000 characters.",
      "an extra pattern has the wrong shape (pattern must be at most 1000 characters)",
    ],
    [
      { kind: "ok", pattern: "CUST-[0-9]{6}", flags: 3 },
      "Invalid extra pattern (flags): Invalid input: expected string, received number.",
      "an extra pattern has the wrong shape (Invalid input: expected string, received number)",
    ],
    [
      { kind: "ok", pattern: "CUST-[0-9]{6}", flags: "ii" },
      "Invalid extra pattern (flags): flags may only be i, m, s and u, each at most once.",
      "an extra pattern has the wrong shape (flags may only be i, m, s and u, each at most once)",
    ],
  ];
  it.each(cases)("%j is refused when vetted and when compiled", (pattern, vetted, compiled) => {
    expect(validateExtraPattern(pattern)).toBe(vetted);
    expect(compileExtraPatterns([pattern])).toBe(compiled);
  });
});

describe("a server environment that is not valid", () => {
  const key = { APP_ID: "1", PRIVATE_KEY: "-----BEGIN X-----", WEBHOOK_SECRET: "s" };
  const cases: Array<[Record<string, string>, string]> = [
    [{}, "APP_ID: Invalid input: expected string, received undefined"],
    [{ ...key, WEBHOOK_PATH: "x" }, 'WEBHOOK_PATH: Invalid string: must start with "/"'],
    [{ ...key, GITHUB_API_URL: "not a url" }, "GITHUB_API_URL: Invalid URL"],
    [
      { ...key, LOG_LEVEL: "loud" },
      'LOG_LEVEL: Invalid option: expected one of "trace"|"debug"|"info"|"warn"|"error"|"fatal"',
    ],
    [{ ...key, HANDOFF_QUEUE: "yes" }, 'HANDOFF_QUEUE: Invalid option: expected one of "0"|"1"|"true"|"false"|""'],
  ];
  it.each(cases)("%j stops the server with the variable's name", (env, message) => {
    expect(() => readServerConfig(env, () => "")).toThrow(new ServerConfigError(message));
  });
});

describe("an event payload that is not a GitHub event", () => {
  const dir = mkdtempSync(join(tmpdir(), "handoff-event-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("fails the Action with zod's list of issues", () => {
    const path = join(dir, "event.json");
    writeFileSync(path, JSON.stringify({ issue: { number: 0 } }));
    const env = {
      GITHUB_REPOSITORY: "o/r",
      GITHUB_RUN_ID: "1",
      GITHUB_SHA: "s",
      GITHUB_ACTOR: "a",
      GITHUB_EVENT_PATH: path,
    };
    const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
    Object.assign(process.env, env);
    try {
      expect(() => readContext()).toThrow(
        new Error(
          `the event payload at ${path} is not a GitHub event: ${JSON.stringify(
            [
              {
                origin: "number",
                code: "too_small",
                minimum: 0,
                inclusive: false,
                path: ["issue", "number"],
                message: "Too small: expected number to be >0",
              },
            ],
            null,
            2,
          )}`,
        ),
      );
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it("is thrown by the App's parsers as a ZodError listing every issue", () => {
    const expected = [
      {
        expected: "number",
        code: "invalid_type",
        path: ["comment", "id"],
        message: "Invalid input: expected number, received string",
      },
    ];
    let thrown: unknown;
    try {
      parseCommentEvent({
        action: "created",
        comment: { id: "1", html_url: "u", user: null },
        issue: {},
        repository: {},
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).name).toBe("ZodError");
    expect(JSON.parse((thrown as Error).message)[0]).toEqual(expected[0]);
    expect(() => parsePushEvent(null)).toThrow(
      JSON.stringify(
        [
          {
            expected: "object",
            code: "invalid_type",
            path: [],
            message: "Invalid input: expected object, received null",
          },
        ],
        null,
        2,
      ),
    );
  });
});
