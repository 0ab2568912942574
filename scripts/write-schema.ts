// Writes schema/handoff.schema.json from the zod schema (`npm run schema`); test/schema.test.ts fails when it is stale.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { handoffJsonSchema } from "../src/core/schema.js";

const target = fileURLToPath(new URL("../schema/handoff.schema.json", import.meta.url));
writeFileSync(target, `${JSON.stringify(handoffJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target}`);
