// Imported first by the Action's entry, before any module that builds a schema. zod compiles a parser for each
// object schema with `new Function` on its first parse: right for the App, which parses the same shapes for every
// delivery, but an Action run parses each shape once or twice, and compiling cost more than it saved (about
// 20 ms per run, measured with --cpu-prof on the bundle). The setting is read when a schema is built, hence first.
import * as z from "zod";

z.config({ jitless: true });
