/**
 * Checks a concrete HTTP request against GitHub's REST description (the OpenAPI document in
 * `@octokit/openapi`): the route must exist for the method, and a JSON body must validate against the
 * operation's request schema. Used by the nock recorder and the fake GitHub server.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";

export interface CheckedRequest {
  method: string;
  /** The path as sent, e.g. `/repos/o/r/contents/.github%2Fhandoff.yml?ref=main`; a query string is ignored. */
  path: string;
  body?: unknown;
}

export interface CheckResult {
  operationId?: string;
  /** The matched path template, e.g. `/repos/{owner}/{repo}/issues`. */
  template?: string;
  errors: string[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface Operation {
  operationId?: string;
  requestBody?: { content?: Record<string, { schema?: Json }> };
  responses?: Record<string, Json>;
}

interface Route {
  template: string;
  segments: string[];
  literals: number;
  greedy: number;
  operations: Record<string, Operation>;
}

interface Description {
  routes: Route[];
  components: JsonObject;
}

const METHODS = ["get", "post", "put", "patch", "delete", "head"] as const;

/*
 * Parameters that GitHub lets span several path segments: a file path, a git ref such as
 * `heads/feature/x`, and `base...head` where either side may be a branch with slashes. Only these are
 * greedy; a greedy `{repo}` would make `/repos/o/r/nonsense` match `/repos/{owner}/{repo}`.
 */
const GREEDY_PARAMETERS = new Set(["{path}", "{ref}", "{basehead}", "{file_path}"]);

let description: Description | undefined;
let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction | null>();

/** The 13 MB single-edition file; the package's root would load every edition (385 MB). */
function loadDescription(): Description {
  if (description) return description;
  const file = createRequire(import.meta.url).resolve("@octokit/openapi/generated/api.github.com.json");
  const document = JSON.parse(readFileSync(file, "utf8")) as {
    paths: Record<string, Record<string, Operation>>;
    components: JsonObject;
  };
  const routes: Route[] = Object.entries(document.paths).map(([template, item]) => {
    const segments = template.split("/").slice(1);
    const operations: Record<string, Operation> = {};
    for (const method of METHODS) {
      const operation = item[method];
      if (operation) operations[method] = operation;
    }
    return {
      template,
      segments,
      literals: segments.filter((s) => !s.startsWith("{")).length,
      greedy: segments.filter((s) => GREEDY_PARAMETERS.has(s)).length,
      operations,
    };
  });
  // Prefer literal segments over parameters (`/repos/{o}/{r}/git/refs` over a parameter in that place).
  routes.sort((a, b) => b.literals - a.literals || a.greedy - b.greedy || shape(a).localeCompare(shape(b)));
  description = { routes, components: document.components };
  return description;
}

/** `L` for a literal segment, `P` for a parameter: on a tie, a literal earlier in the path wins. */
function shape(route: Route): string {
  return route.segments.map((s) => (s.startsWith("{") ? "P" : "L")).join("");
}

function matchSegments(template: string[], actual: string[]): boolean {
  const [head, ...rest] = template;
  if (head === undefined) return actual.length === 0;
  if (actual.length === 0) return false;
  const isParameter = head.startsWith("{") && head.endsWith("}");
  if (!isParameter) return head === actual[0] && matchSegments(rest, actual.slice(1));
  if (actual[0] === "") return false;
  if (!GREEDY_PARAMETERS.has(head)) return matchSegments(rest, actual.slice(1));
  for (let take = actual.length - rest.length; take >= 1; take--) {
    if (matchSegments(rest, actual.slice(take))) return true;
  }
  return false;
}

/** Strips the query, a GHES `/api/v3` prefix and a trailing slash; segments stay percent-encoded. */
function pathSegments(path: string): string[] {
  let pathname = path.split("?")[0] ?? "";
  if (/^https?:\/\//.test(pathname)) pathname = new URL(pathname).pathname;
  pathname = pathname.replace(/^\/api\/v3(?=\/)/, "");
  if (pathname.length > 1) pathname = pathname.replace(/\/$/, "");
  return pathname.split("/").slice(1);
}

/** Finds the route for a concrete path, preferring literal segments over parameters. */
export function matchRoute(path: string): Route | undefined {
  const actual = pathSegments(path);
  return loadDescription().routes.find((route) => matchSegments(route.segments, actual));
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function lookup(pointer: string): Json | undefined {
  if (!pointer.startsWith("#/components/")) return undefined;
  let node: Json | undefined = loadDescription().components;
  for (const part of pointer.slice("#/components/".length).split("/")) {
    node = isObject(node) ? node[part.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined;
  }
  return node;
}

/**
 * Inlines `$ref`s into `#/components/...` and rewrites OpenAPI 3.0's `nullable: true`, which JSON Schema
 * does not know, into a union with `null`. A reference cycle becomes `{}` (anything): request bodies do
 * not recurse in practice, and a permissive leaf beats an infinite schema.
 */
function toJsonSchema(node: Json, stack: string[] = []): Json {
  if (Array.isArray(node)) return node.map((item) => toJsonSchema(item, stack));
  if (!isObject(node)) return node;
  const ref = node["$ref"];
  if (typeof ref === "string") {
    if (stack.includes(ref)) return {};
    const target = lookup(ref);
    return target === undefined ? {} : toJsonSchema(target, [...stack, ref]);
  }
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "nullable" || key === "example" || key === "examples") continue;
    // `properties` maps names to schemas; its keys are not keywords.
    out[key] =
      key === "properties" && isObject(value)
        ? Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, toJsonSchema(schema, stack)]))
        : toJsonSchema(value, stack);
  }
  if (node["nullable"] !== true) return out;
  if (typeof out["type"] === "string") {
    out["type"] = [out["type"], "null"];
    if (Array.isArray(out["enum"])) out["enum"] = [...out["enum"], null];
    return out;
  }
  return { anyOf: [out, { type: "null" }] };
}

function getAjv(): Ajv {
  if (ajv) return ajv;
  ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateSchema: false });
  addFormats.default(ajv);
  return ajv;
}

function validatorFor(key: string, operation: Operation): ValidateFunction | null {
  const cached = validators.get(key);
  if (cached !== undefined) return cached;
  const schema = operation.requestBody?.content?.["application/json"]?.schema;
  const validator = schema === undefined ? null : getAjv().compile(toJsonSchema(schema) as JsonObject);
  validators.set(key, validator);
  return validator;
}

function describe(error: ErrorObject): string {
  const where = error.instancePath === "" ? "body" : `body${error.instancePath.replace(/\//g, ".")}`;
  const extra =
    error.keyword === "additionalProperties"
      ? ` (${String((error.params as { additionalProperty?: string }).additionalProperty)})`
      : error.keyword === "enum"
        ? ` (${JSON.stringify((error.params as { allowedValues?: unknown }).allowedValues)})`
        : "";
  return `${where} ${error.message ?? error.keyword}${extra}`;
}

/** Checks one request; `errors` is empty when GitHub's description accepts it. */
export function checkRequest(request: CheckedRequest): CheckResult {
  const method = request.method.toLowerCase();
  const label = `${request.method.toUpperCase()} ${request.path.split("?")[0]}`;
  const route = matchRoute(request.path);
  if (!route) return { errors: [`${label}: no such path in GitHub's REST API`] };
  const operation = route.operations[method];
  if (!operation) {
    const allowed = Object.keys(route.operations)
      .map((m) => m.toUpperCase())
      .join(", ");
    return {
      template: route.template,
      errors: [`${label}: ${route.template} does not take ${method.toUpperCase()} (only ${allowed})`],
    };
  }
  const result: CheckResult = { operationId: operation.operationId, template: route.template, errors: [] };
  const validate = validatorFor(`${method} ${route.template}`, operation);
  const hasBody = request.body !== undefined && request.body !== null && request.body !== "";
  if (!validate) {
    if (hasBody && !operation.requestBody)
      result.errors.push(`${label}: ${operation.operationId} takes no request body`);
    return result;
  }
  if (!hasBody) {
    if (operation.requestBody && (operation.requestBody as { required?: boolean }).required === true) {
      result.errors.push(`${label} (${operation.operationId}): a JSON request body is required`);
    }
    return result;
  }
  if (!validate(request.body)) {
    for (const error of validate.errors ?? [])
      result.errors.push(`${label} (${operation.operationId}): ${describe(error)}`);
  }
  return result;
}

export interface CheckedResponse extends CheckedRequest {
  status: number;
  /** The parsed JSON response body. */
  body?: unknown;
}

/**
 * Checks a response against the operation's documented response for that status. Used to keep the
 * fake GitHub server honest; an undocumented status is an error, a documented one without a JSON
 * schema (204, 304) passes.
 */
export function checkResponse(response: CheckedResponse): CheckResult {
  const method = response.method.toLowerCase();
  const label = `${response.method.toUpperCase()} ${response.path.split("?")[0]} → ${response.status}`;
  const route = matchRoute(response.path);
  const operation = route?.operations[method];
  if (!route || !operation) return { errors: [`${label}: no such operation in GitHub's REST API`] };
  const result: CheckResult = { operationId: operation.operationId, template: route.template, errors: [] };
  const key = `response ${method} ${route.template} ${response.status}`;
  let validate = validators.get(key);
  if (validate === undefined) {
    let declared = operation.responses?.[String(response.status)];
    // GitHub answers any GET that carries a matching If-None-Match with 304 and no body (its "conditional
    // requests" rule for the whole REST API); many operations do not list 304 themselves.
    if (declared === undefined && response.status === 304 && method === "get" && response.body === undefined)
      return result;
    if (declared === undefined) {
      result.errors.push(`${label}: ${operation.operationId} does not document status ${response.status}`);
      return result;
    }
    if (isObject(declared) && typeof declared["$ref"] === "string") declared = lookup(declared["$ref"]);
    const content = isObject(declared) ? declared["content"] : undefined;
    const json = isObject(content) ? content["application/json"] : undefined;
    const schema = isObject(json) ? json["schema"] : undefined;
    validate = schema === undefined ? null : getAjv().compile(toJsonSchema(schema) as JsonObject);
    validators.set(key, validate);
  }
  if (validate && !validate(response.body)) {
    for (const error of validate.errors ?? [])
      result.errors.push(`${label} (${operation.operationId}): ${describe(error)}`);
  }
  return result;
}
