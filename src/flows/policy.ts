// Who may file a handoff, pick one up, or return one: one rule for the App and every Action mode.
//
// A bot is trusted only by name: the configuration's `trusted`, or the Action's `trusted-bots` (an unlisted bot
// is refused without a request). A person is never trusted by name: they need the configuration's
// `minimum_permission`, read from the collaborator-permission API (`author_association` misreports members of
// private organisations). Each login costs at most one request per checker.
import type { HandoffConfig } from "../config/schema.js";
import type { GitHub, RepoRef } from "../github/client.js";
import type { CommentAuthor } from "../github/comments.js";
import { hasPermission, type Permission } from "../github/permission.js";
import { asBot, isBot } from "./identity.js";

export interface TrustPolicy {
  repo: RepoRef;
  /** The least permission a person needs (`minimum_permission`). */
  minimum: Permission;
  /** Lower-cased `name[bot]` logins trusted like a person with the minimum permission. */
  trustedBots: readonly string[];
}

/** The policy of a repository's configuration, with any bots the workflow lists besides. */
export function trustPolicy(
  repo: RepoRef,
  config: Pick<HandoffConfig, "trusted" | "minimum_permission">,
  extraBots: readonly string[] = [],
): TrustPolicy {
  return {
    repo,
    minimum: config.minimum_permission,
    trustedBots: [...new Set([...config.trusted, ...extraBots].map(asBot))],
  };
}

export type Verdict = { trusted: true; why: string } | { trusted: false; why: string };

/** Who the person is in a sentence: `its author`, `its trigger (…)`, or a login. */
export type Role = "author" | "trigger" | "commenter";

/**
 * Answers "is this person trusted?" at most once per login: a thread with many comments from the same people
 * costs one permission request per person, not per comment.
 */
export class TrustChecker {
  private readonly cache = new Map<string, Promise<Verdict>>();

  constructor(
    private readonly gh: GitHub,
    readonly policy: TrustPolicy,
  ) {}

  /** A listed bot, or a person with at least the minimum permission. */
  judge(author: CommentAuthor | null | undefined): Promise<Verdict> {
    if (!author?.login) return Promise.resolve({ trusted: false, why: "the account is unknown (deleted)" });
    const key = author.login.toLowerCase();
    let verdict = this.cache.get(key);
    if (!verdict) {
      verdict = this.check(author);
      this.cache.set(key, verdict);
    }
    return verdict;
  }

  /** The same verdict, its reason told about the person's role (fixed text: it never echoes the issue). */
  async person(
    author: CommentAuthor | null | undefined,
    role: Role,
  ): Promise<{ trusted: true } | { trusted: false; reason: string }> {
    const who = role === "trigger" ? "trigger (whoever labelled it or started the run)" : role;
    if (!author?.login) return { trusted: false, reason: `its ${who} is unknown (a deleted account)` };
    const verdict = await this.judge(author);
    if (verdict.trusted) return { trusted: true };
    return {
      trusted: false,
      reason: isBot(author)
        ? `its ${who} is a bot that is not listed in trusted-bots`
        : `its ${who} does not have ${this.policy.minimum} permission`,
    };
  }

  private async check(author: CommentAuthor): Promise<Verdict> {
    const login = author.login;
    if (isBot(author)) {
      return this.policy.trustedBots.includes(login.toLowerCase())
        ? { trusted: true, why: `${login} is a trusted bot` }
        : {
            trusted: false,
            why: `${login} is a bot that is not trusted (neither \`trusted\` nor \`trusted-bots\` lists it)`,
          };
    }
    const { allowed, permission } = await hasPermission(this.gh, this.policy.repo, login, this.policy.minimum);
    return { trusted: allowed, why: `${login} has ${permission} permission (minimum ${this.policy.minimum})` };
  }
}

/** Whether a return by `author` is accepted: the one policy, for a login as a comment or a run names it. */
export async function authorizeReturn(
  gh: GitHub,
  repo: RepoRef,
  author: string | CommentAuthor,
  config: Pick<HandoffConfig, "trusted" | "minimum_permission">,
  extraBots: readonly string[] = [],
): Promise<{ allowed: boolean; why: string }> {
  const person = typeof author === "string" ? { login: author } : author;
  const verdict = await new TrustChecker(gh, trustPolicy(repo, config, extraBots)).judge(person);
  return { allowed: verdict.trusted, why: verdict.why };
}
