/**
 * Reading the webhook payload fixtures in test/fixtures/payloads/, and the small edits the typed
 * loaders (payloads.ts) share. All fixtures describe the same repository (`octo-org/widgets`, id
 * 186853002, default branch `main`) and installation (id 1).
 */
import { readFileSync } from "node:fs";
import type { Context, Probot } from "probot";

/** The payload type Probot hands a handler for this event, e.g. `PayloadOf<"issue_comment.created">`. */
export type PayloadOf<E extends Context["name"]> = Context<E>["payload"];
/** What `probot.receive(...)` takes. */
export type WebhookDelivery = Parameters<Probot["receive"]>[0];

export const FIXTURE_REPOSITORY = Object.freeze({
  owner: "octo-org",
  repo: "widgets",
  id: 186853002,
  defaultBranch: "main",
  installationId: 1,
});

export type FixtureName =
  | "issue_comment.created"
  | "issue_comment.created.pull_request"
  | "issue_comment.edited"
  | "issue_comment.deleted"
  | "issues.labeled"
  | "push"
  | "workflow_dispatch"
  | "installation.created";

const cache = new Map<FixtureName, string>();

/** A fresh copy of a fixture exactly as stored. */
export function loadPayload<T = unknown>(name: FixtureName): T {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(new URL(`../fixtures/payloads/${name}.json`, import.meta.url), "utf8");
    cache.set(name, text);
  }
  return JSON.parse(text) as T;
}

export interface UserOverride {
  login?: string;
  id?: number;
  /** `"Bot"` for an App or `github-actions[bot]`; `"User"` otherwise. */
  type?: "User" | "Bot" | "Organization";
}

export interface MutableUser {
  login: string;
  id: number;
  type: string;
  [key: string]: unknown;
}

export function applyUser(target: MutableUser, user: UserOverride | undefined): void {
  if (!user) return;
  const login = user.login ?? target.login;
  const from = target.login;
  for (const [key, value] of Object.entries(target)) {
    if (typeof value === "string") target[key] = value.replaceAll(`/${from}`, `/${login}`);
  }
  target.login = login;
  if (user.id !== undefined) target.id = user.id;
  if (user.type !== undefined) target.type = user.type;
}

/** Rewrites the number in every `/issues/1`, `/pull/1` and `/pulls/1` URL of an issue or comment. */
export function renumber(target: Record<string, unknown>, from: number, to: number): void {
  const pattern = new RegExp(`/(issues|pull|pulls)/${from}(?=$|[/#.{])`);
  for (const [key, value] of Object.entries(target)) {
    if (typeof value === "string") target[key] = value.replace(pattern, `/$1/${to}`);
    else if (value && typeof value === "object" && !Array.isArray(value) && key !== "user") {
      renumber(value as Record<string, unknown>, from, to);
    }
  }
}
