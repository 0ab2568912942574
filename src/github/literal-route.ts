// A request's route template expanded once, before Octokit's hooks see it. Octokit expands `{owner}`-style
// templates (RFC 6570) in `endpoint.parse`, and every App request is parsed twice or more on its way out: by the
// request itself, and by Probot's request-logging plugin, which parses each one again to build a debug line even
// when debug is off (and again on an error). A literal path costs each of those parses a fraction of a template's:
// a CPU profile of the App (bench section 2's deliveries) put Octokit's endpoint code at about twice the floor's, which
// replays the same requests with literal paths. Only the form our routes use is expanded here: plain path segments and
// `{name}` variables holding a non-empty string or a number, encoded as Octokit encodes them (encodeURIComponent,
// plus `!'()*`), the variables then dropped from the parameters as Octokit drops them. Anything else is left to
// Octokit as it came. test/literal-route.test.ts checks the result against Octokit's own parse, route by route.

/** Parameters Octokit reads as options, never as template variables (its `parse` omits them first). */
const OPTION_KEYS = new Set(["method", "baseUrl", "url", "headers", "request", "mediaType", "data"]);
const SIMPLE_TEMPLATE = /^\/(?:[A-Za-z0-9_.\-/]|\{[a-z_]+\})*$/;
const VARIABLE = /\{([a-z_]+)\}/g;
/** Templates are string literals in our code and in Probot's plugins: a few dozen. The bound is only a backstop. */
const MAX_TEMPLATES = 256;

interface Template {
  /** The literal text around the variables: one more than `names`. */
  literals: string[];
  names: string[];
}

const templates = new Map<string, Template | null>();

function compile(url: string): Template | null {
  if (!SIMPLE_TEMPLATE.test(url) || url.endsWith("/")) return null;
  const literals: string[] = [];
  const names: string[] = [];
  let last = 0;
  for (const match of url.matchAll(VARIABLE)) {
    const name = match[1]!;
    if (OPTION_KEYS.has(name)) return null;
    literals.push(url.slice(last, match.index));
    names.push(name);
    last = match.index + match[0].length;
  }
  literals.push(url.slice(last));
  return { literals, names };
}

function templateOf(url: string): Template | null {
  let template = templates.get(url);
  if (template === undefined) {
    template = compile(url);
    if (templates.size < MAX_TEMPLATES) templates.set(url, template);
  }
  return template;
}

/** Octokit's `encodeUnreserved`. */
function encodeUnreserved(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Rewrites Octokit's merged endpoint options in place: the route template becomes the literal path Octokit would
 * build, and the template's variables leave the parameters. In place, because before-after-hook hands every hook
 * the same options object (what one hook passes on to the next is ignored). Options whose template is not of the
 * simple form, or holds a variable without a usable value, are left as they are.
 */
export function expandRouteInPlace(options: { url?: string }): void {
  const { url } = options;
  if (typeof url !== "string" || !url.includes("{")) return;
  const template = templateOf(url);
  if (!template) return;
  const params = options as Record<string, unknown>;
  let path = template.literals[0]!;
  for (let i = 0; i < template.names.length; i++) {
    const value = params[template.names[i]!];
    if (!(typeof value === "number" || (typeof value === "string" && value !== ""))) return;
    path += encodeUnreserved(String(value)) + template.literals[i + 1]!;
  }
  for (const name of template.names) delete params[name];
  options.url = path;
}
