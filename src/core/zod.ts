// zod for every schema of ours: zod/mini, classic zod's functional twin, because the Action's bundle then carries
// 40 KB of zod instead of 104 (classic's methods keep all of it alive, JSON Schema code included). Both builds run
// the same core, so a schema built the same way parses and fails the same way. Two things classic did for us are
// done here instead: English messages, and the name its thrown errors carry.
import {
  $constructor,
  $ZodError,
  _parse,
  config,
  globalConfig,
  type $ZodErrorClass,
  type ParsePayload,
} from "zod/v4/core";
import en from "zod/v4/locales/en.js";
import { NEVER, type output, type ZodMiniType } from "zod/mini";

// zod/mini loads no locale: every message would read "Invalid input". Like classic, only when none is set yet.
// Everything is imported by name: a namespace object of zod used as a value (`z.locales.en`, `z.core`, even
// `z.NEVER` here) makes esbuild keep all of zod, every locale included (400 KB).
if (!globalConfig.localeError) config(en());

export * from "zod/mini";

/** zod/mini's thrown error is a `$ZodError`; classic's, which the App's logs have always named, is a `ZodError`. */
const ZodError = $constructor<$ZodError>(
  "ZodError",
  (inst, issues) => {
    $ZodError.init(inst, issues);
    inst.name = "ZodError";
  },
  undefined,
  { Parent: Error },
);

/** `schema.parse(value)` as classic zod threw it: a `ZodError` whose message lists every issue. */
export function parseOrThrow<T extends ZodMiniType>(schema: T, value: unknown): output<T> {
  return _parse(ZodError as unknown as $ZodErrorClass)(schema, value, undefined, {
    callee: parseOrThrow,
  });
}

/** A transform's refusal, recorded as classic's `ctx.addIssue({ code: "custom", message })` did; returns `z.NEVER`. */
export function refuse(ctx: ParsePayload, message: string): never {
  ctx.issues.push({ code: "custom", message, input: ctx.value });
  return NEVER;
}
