/** Issue comments and reactions (on comments and on issues). */
import { z } from "zod";
import {
  checkLength,
  issueOf,
  notFound,
  paginate,
  parseBody,
  repoOf,
  type Reply,
  type RouteContext,
  type Router,
} from "../http.js";
import { commentJson, reactionJson } from "../serialize.js";
import type { CommentRecord, ReactionRecord } from "../state.js";

const CommentBody = z.object({ body: z.string() });
const Reaction = z.object({ content: z.enum(["+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"]) });

function commentOf(context: RouteContext): CommentRecord {
  const repo = repoOf(context);
  const comment = context.state.comments.get(Number(context.params["id"]));
  if (!comment || comment.repo !== repo) throw notFound();
  return comment;
}

function render(context: RouteContext, comment: CommentRecord) {
  return commentJson(context.api, comment, context.state.issue(comment.repo, comment.issueNumber));
}

function listComments(context: RouteContext, comments: CommentRecord[]): Reply {
  const since = context.query.get("since") ? Date.parse(context.query.get("since") ?? "") : undefined;
  const direction = context.query.get("direction") ?? "asc";
  const found = comments
    .filter((c) => since === undefined || c.updatedAt.getTime() >= since)
    .sort((a, b) => (direction === "desc" ? -1 : 1) * (a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id));
  const page = paginate(context, found);
  return { ...page, body: page.body.map((c) => render(context, c)) };
}

/** GitHub answers 201 for a new reaction and 200 with the existing one when the user already reacted so. */
function react(context: RouteContext, reactions: ReactionRecord[]): Reply {
  const { content } = parseBody(Reaction, context.body);
  const existing = reactions.find((r) => r.content === content && r.user.id === context.actor.id);
  if (existing) return { status: 200, body: reactionJson(context.api, existing) };
  const reaction: ReactionRecord = {
    id: context.state.nextId(),
    content,
    user: context.actor,
    createdAt: context.state.now(),
  };
  reactions.push(reaction);
  return { status: 201, body: reactionJson(context.api, reaction) };
}

function listReactions(context: RouteContext, reactions: ReactionRecord[]): Reply {
  const content = context.query.get("content");
  const page = paginate(
    context,
    reactions.filter((r) => !content || r.content === content),
  );
  return { ...page, body: page.body.map((r) => reactionJson(context.api, r)) };
}

/** Register before the issue routes: `issues/comments` would otherwise read as issue number "comments". */
export function commentRoutes(router: Router): void {
  router
    .on("GET", "/repos/:owner/:repo/issues/comments", (context) => {
      const repo = repoOf(context);
      return listComments(
        context,
        [...context.state.comments.values()].filter((c) => c.repo === repo),
      );
    })
    .on("GET", "/repos/:owner/:repo/issues/comments/:id", (context) => ({
      status: 200,
      body: render(context, commentOf(context)),
    }))
    .on("PATCH", "/repos/:owner/:repo/issues/comments/:id", (context) => {
      const comment = commentOf(context);
      const { body } = parseBody(CommentBody, context.body);
      checkLength("IssueComment", "body", body, 65536);
      comment.body = body;
      comment.updatedAt = context.state.now();
      return { status: 200, body: render(context, comment) };
    })
    .on("DELETE", "/repos/:owner/:repo/issues/comments/:id", (context) => {
      context.state.comments.delete(commentOf(context).id);
      return { status: 204 };
    })
    .on("GET", "/repos/:owner/:repo/issues/comments/:id/reactions", (context) =>
      listReactions(context, commentOf(context).reactions),
    )
    .on("POST", "/repos/:owner/:repo/issues/comments/:id/reactions", (context) =>
      react(context, commentOf(context).reactions),
    )
    .on("DELETE", "/repos/:owner/:repo/issues/comments/:id/reactions/:reaction", (context) => {
      const comment = commentOf(context);
      const before = comment.reactions.length;
      comment.reactions = comment.reactions.filter((r) => r.id !== Number(context.params["reaction"]));
      if (comment.reactions.length === before) throw notFound();
      return { status: 204 };
    })
    .on("GET", "/repos/:owner/:repo/issues/:number/comments", (context) => {
      return listComments(context, context.state.commentsOn(issueOf(context)));
    })
    .on("POST", "/repos/:owner/:repo/issues/:number/comments", (context) => {
      const issue = issueOf(context);
      const { body } = parseBody(CommentBody, context.body);
      checkLength("IssueComment", "body", body, 65536);
      const json = render(context, context.state.createComment(issue, body, context.actor));
      return { status: 201, body: json, headers: { location: String(json["url"]) } };
    })
    .on("GET", "/repos/:owner/:repo/issues/:number/reactions", (context) =>
      listReactions(context, issueOf(context).reactions),
    )
    .on("POST", "/repos/:owner/:repo/issues/:number/reactions", (context) =>
      react(context, issueOf(context).reactions),
    );
}
