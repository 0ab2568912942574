/**
 * Typed loaders for the webhook payload fixtures in test/fixtures/payloads/. Each returns a fresh deep
 * copy with the overrides applied, so tests can mutate what they get. All fixtures describe the same
 * repository (`octo-org/widgets`, id 186853002, default branch `main`) and installation (id 1).
 */
import {
  applyUser,
  loadPayload,
  renumber,
  type FixtureName,
  type MutableUser,
  type PayloadOf,
  type UserOverride,
  type WebhookDelivery,
} from "./payload-fixtures.js";

export { FIXTURE_REPOSITORY, loadPayload } from "./payload-fixtures.js";
export type { FixtureName, PayloadOf, UserOverride, WebhookDelivery } from "./payload-fixtures.js";
export { fakeSha, pushPayload } from "./push-payload.js";
export type { PushCommit, PushOptions } from "./push-payload.js";

// ---------------------------------------------------------------- issue_comment

export type CommentAction = "created" | "edited" | "deleted";

export interface CommentOptions<A extends CommentAction> {
  action?: A;
  body?: string;
  /** The comment's author; also the sender. */
  user?: UserOverride;
  authorAssociation?: string;
  commentId?: number;
  issueNumber?: number;
  issueId?: number;
  issueTitle?: string;
  issueBody?: string;
  /** Label names on the issue. */
  issueLabels?: string[];
  /** The comment is on a pull request (the issue carries `pull_request`). */
  isPullRequest?: boolean;
  /** For `edited`: the body before the edit (`changes.body.from`). */
  previousBody?: string;
  installationId?: number;
}

type CommentPayload<A extends CommentAction> = PayloadOf<`issue_comment.${A}`>;

interface RawComment {
  action: string;
  issue: Record<string, unknown> & {
    number: number;
    id: number;
    labels: Array<Record<string, unknown>>;
    user: MutableUser;
  };
  comment: Record<string, unknown> & { id: number; body: string; user: MutableUser; author_association: string };
  changes?: { body?: { from: string } };
  sender: MutableUser;
  installation: { id: number };
}

/** An `issue_comment` payload; defaults to a `/handoff` comment created on issue #1 by `Codertocat`. */
export function commentPayload<A extends CommentAction = "created">(
  options: CommentOptions<A> = {},
): CommentPayload<A> {
  const action = options.action ?? "created";
  const source: FixtureName = options.isPullRequest
    ? "issue_comment.created.pull_request"
    : action === "created"
      ? "issue_comment.created"
      : (`issue_comment.${action}` as FixtureName);
  const payload = loadPayload<RawComment>(source);
  payload.action = action;
  if (action === "edited") {
    payload.changes = { body: { from: options.previousBody ?? payload.changes?.body?.from ?? payload.comment.body } };
  } else {
    delete payload.changes;
  }

  const { issue, comment } = payload;
  if (options.issueNumber !== undefined && options.issueNumber !== issue.number) {
    renumber(issue, issue.number, options.issueNumber);
    renumber(comment, issue.number, options.issueNumber);
    issue.number = options.issueNumber;
  }
  if (options.issueId !== undefined) issue.id = options.issueId;
  if (options.issueTitle !== undefined) issue.title = options.issueTitle;
  if (options.issueBody !== undefined) issue.body = options.issueBody;
  if (options.issueLabels !== undefined) {
    const template = issue.labels[0] ?? {};
    issue.labels = options.issueLabels.map((name, i) => ({ ...template, id: 1000 + i, name, default: false }));
  }
  if (options.commentId !== undefined) {
    const from = comment.id;
    for (const key of ["url", "html_url"]) {
      const value = comment[key];
      if (typeof value === "string") comment[key] = value.replace(String(from), String(options.commentId));
    }
    comment.id = options.commentId;
  }
  if (options.body !== undefined) comment.body = options.body;
  if (options.authorAssociation !== undefined) comment.author_association = options.authorAssociation;
  applyUser(comment.user, options.user);
  applyUser(payload.sender, options.user);
  if (options.installationId !== undefined) payload.installation.id = options.installationId;
  return payload as unknown as CommentPayload<A>;
}

// ---------------------------------------------------------------- issues.labeled

export interface LabeledOptions {
  /** The label just added; default `handoff`. */
  label?: string;
  /** Every label now on the issue; default just `label`. */
  labels?: string[];
  issueNumber?: number;
  issueId?: number;
  issueTitle?: string;
  issueBody?: string;
  sender?: UserOverride;
  installationId?: number;
}

interface RawLabeled {
  label: Record<string, unknown> & { name: string; url: string };
  issue: RawComment["issue"] & { title: string; body: string | null };
  sender: MutableUser;
  installation: { id: number };
}

/** An `issues.labeled` payload; defaults to the label `handoff` added to issue #1. */
export function labeledPayload(options: LabeledOptions = {}): PayloadOf<"issues.labeled"> {
  const payload = loadPayload<RawLabeled>("issues.labeled");
  const name = options.label ?? "handoff";
  const template = payload.label;
  const label = (labelName: string, id: number) => ({
    ...template,
    id,
    name: labelName,
    url: template.url.replace(/\/labels\/[^/]*$/, `/labels/${encodeURIComponent(labelName)}`),
    default: false,
  });
  payload.label = label(name, 2000);
  payload.issue.labels = (options.labels ?? [name]).map((n, i) => (n === name ? payload.label : label(n, 2001 + i)));
  if (options.issueNumber !== undefined && options.issueNumber !== payload.issue.number) {
    renumber(payload.issue, payload.issue.number, options.issueNumber);
    payload.issue.number = options.issueNumber;
  }
  if (options.issueId !== undefined) payload.issue.id = options.issueId;
  if (options.issueTitle !== undefined) payload.issue.title = options.issueTitle;
  if (options.issueBody !== undefined) payload.issue.body = options.issueBody;
  applyUser(payload.sender, options.sender);
  if (options.installationId !== undefined) payload.installation.id = options.installationId;
  return payload as unknown as PayloadOf<"issues.labeled">;
}

// ---------------------------------------------------------------- workflow_dispatch

export interface DispatchOptions {
  ref?: string;
  inputs?: Record<string, string | number | boolean>;
  workflow?: string;
  sender?: UserOverride;
}

/** A `workflow_dispatch` payload; defaults to `refs/heads/main` with no inputs. */
export function dispatchPayload(options: DispatchOptions = {}): PayloadOf<"workflow_dispatch"> {
  const payload = loadPayload<{ ref: string; inputs: Record<string, unknown>; workflow: string; sender: MutableUser }>(
    "workflow_dispatch",
  );
  if (options.ref !== undefined) payload.ref = options.ref;
  if (options.inputs !== undefined) payload.inputs = { ...options.inputs };
  if (options.workflow !== undefined) payload.workflow = options.workflow;
  applyUser(payload.sender, options.sender);
  return payload as unknown as PayloadOf<"workflow_dispatch">;
}

// ---------------------------------------------------------------- installation.created

/** An `installation.created` payload for installation 1 on `octo-org`, selecting `widgets`. */
export function installationPayload(options: { installationId?: number } = {}): PayloadOf<"installation.created"> {
  const payload = loadPayload<{ installation: { id: number; access_tokens_url: string; html_url: string } }>(
    "installation.created",
  );
  if (options.installationId !== undefined) {
    const id = options.installationId;
    payload.installation.id = id;
    payload.installation.access_tokens_url = payload.installation.access_tokens_url.replace(/\/\d+\//, `/${id}/`);
    payload.installation.html_url = payload.installation.html_url.replace(/\/\d+$/, `/${id}`);
  }
  return payload as unknown as PayloadOf<"installation.created">;
}

// ---------------------------------------------------------------- deliveries

let deliveries = 0;

/**
 * Wraps a payload as a delivery for `probot.receive(...)`. `name` is the event without the action
 * (`"issue_comment"`), as in the `X-GitHub-Event` header. A redelivery keeps its id: pass it again.
 */
export function delivery(name: string, payload: unknown, id?: string): WebhookDelivery {
  deliveries += 1;
  return {
    id: id ?? `00000000-0000-4000-8000-${String(deliveries).padStart(12, "0")}`,
    name,
    payload,
  } as unknown as WebhookDelivery;
}
