// Every pattern the marker, renderer, sanitiser and neutraliser run on untrusted text must be free of
// catastrophic backtracking: recheck proves it, or finds the attack string.
import { describe, expect, it } from "vitest";
import { checkPattern } from "./support/recheck.js";
import { CARD_PATTERNS } from "../src/core/card.js";
import { LINE_BREAK_PATTERN } from "../src/core/code-ranges.js";
import { ESCAPE_OR_REFERENCE_PATTERN, REFERENCE_PATTERN } from "../src/core/decoded-view.js";
import { ITEM_PATTERNS } from "../src/core/items.js";
import { LINT_PATTERNS } from "../src/core/lint/structure.js";
import { RELAY_PATTERNS } from "../src/core/relay.js";
import { ROUTING_PATTERNS } from "../src/core/routing.js";
import { MARKER_PATTERN } from "../src/core/marker.js";
import {
  AGENT_TRIGGER_PATTERN,
  BACKTICK_RUN_PATTERN,
  CLOSING_KEYWORD_PATTERN,
  MENTION_PATTERN,
  TRIGGER_PATTERN,
} from "../src/core/neutralize.js";
import { REGION_START_PATTERN } from "../src/core/read-rendered.js";
import { RENDER_PATTERNS } from "../src/core/render.js";
import {
  ANSI_PATTERN,
  CONTROL_CHARACTER_PATTERN,
  HIDING_STYLE_PATTERN,
  INVISIBLE_PATTERN,
} from "../src/core/sanitize.js";
import { ESCAPE_PATTERNS } from "../src/core/escape-text.js";

const patterns: Record<string, RegExp> = {
  ...Object.fromEntries(Object.entries(RENDER_PATTERNS).map(([name, pattern]) => [`RENDER_PATTERNS.${name}`, pattern])),
  ...Object.fromEntries(Object.entries(CARD_PATTERNS).map(([name, pattern]) => [`CARD_PATTERNS.${name}`, pattern])),
  ...Object.fromEntries(Object.entries(ITEM_PATTERNS).map(([name, pattern]) => [`ITEM_PATTERNS.${name}`, pattern])),
  ...Object.fromEntries(Object.entries(RELAY_PATTERNS).map(([name, pattern]) => [`RELAY_PATTERNS.${name}`, pattern])),
  ...Object.fromEntries(
    Object.entries(ROUTING_PATTERNS).map(([name, pattern]) => [`ROUTING_PATTERNS.${name}`, pattern]),
  ),
  ...Object.fromEntries(Object.entries(LINT_PATTERNS).map(([name, pattern]) => [`LINT_PATTERNS.${name}`, pattern])),
  LINE_BREAK_PATTERN,
  MARKER_PATTERN,
  ESCAPE_OR_REFERENCE_PATTERN,
  REFERENCE_PATTERN,
  AGENT_TRIGGER_PATTERN,
  BACKTICK_RUN_PATTERN,
  CLOSING_KEYWORD_PATTERN,
  MENTION_PATTERN,
  TRIGGER_PATTERN,
  REGION_START_PATTERN,
  ...Object.fromEntries(Object.entries(ESCAPE_PATTERNS).map(([name, pattern]) => [`ESCAPE_PATTERNS.${name}`, pattern])),
  ANSI_PATTERN,
  CONTROL_CHARACTER_PATTERN,
  HIDING_STYLE_PATTERN,
  INVISIBLE_PATTERN,
};

describe("render, sanitise and neutralise patterns", () => {
  for (const [name, pattern] of Object.entries(patterns)) {
    it(`${name} cannot backtrack catastrophically`, async () => {
      const result = await checkPattern(pattern);
      expect({ name, status: result.status }).toEqual({ name, status: "safe" });
    });
  }
});
