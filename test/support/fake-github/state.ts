/**
 * The fake's world: repositories, users and their roles, issues (pull requests share their numbering),
 * comments, labels, reactions, sub-issue links and each repository's git data. Plain records; the
 * routes read and write them, tests seed and inspect them.
 */
import { GitStore } from "./git-store.js";

export type Role = "admin" | "maintain" | "write" | "triage" | "read" | "none";
export const ROLE_RANK: Readonly<Record<Role, number>> = Object.freeze({
  none: 0,
  read: 1,
  triage: 2,
  write: 3,
  maintain: 4,
  admin: 5,
});

export interface FakeUser {
  login: string;
  id: number;
  type: "User" | "Bot" | "Organization";
}

export interface RepoSeed {
  owner: string;
  name: string;
  id?: number;
  defaultBranch?: string;
  private?: boolean;
  ownerType?: "User" | "Organization";
}

export interface RepoRecord {
  owner: FakeUser;
  name: string;
  fullName: string;
  id: number;
  defaultBranch: string;
  private: boolean;
  createdAt: Date;
  git: GitStore;
  labels: Map<string, LabelRecord>;
  /** Installation of the App on this repository. */
  installationId: number;
  nextNumber: number;
}

export interface LabelRecord {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface ReactionRecord {
  id: number;
  content: string;
  user: FakeUser;
  createdAt: Date;
}

export interface IssueRecord {
  repo: RepoRecord;
  number: number;
  id: number;
  title: string;
  body: string | null;
  /** Label names; the records live on the repository. */
  labels: string[];
  assignees: string[];
  state: "open" | "closed";
  stateReason: "completed" | "not_planned" | "reopened" | "duplicate" | null;
  locked: boolean;
  user: FakeUser;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  isPullRequest: boolean;
  /** Numeric id of the parent issue. */
  parentId: number | null;
  /** Numeric ids of sub-issues, in the order they were added. */
  subIssueIds: number[];
  reactions: ReactionRecord[];
}

export interface CommentRecord {
  repo: RepoRecord;
  issueNumber: number;
  id: number;
  body: string;
  user: FakeUser;
  createdAt: Date;
  updatedAt: Date;
  reactions: ReactionRecord[];
}

export interface CommitCommentRecord {
  repo: RepoRecord;
  id: number;
  commitId: string;
  body: string;
  path: string | null;
  position: number | null;
  line: number | null;
  user: FakeUser;
  createdAt: Date;
}

export interface StateOptions {
  repos?: RepoSeed[];
  /** `{ "owner/repo": { login: role } }`. */
  permissions?: Record<string, Record<string, Role>>;
  /** Token → login of the user it authenticates. */
  tokens?: Record<string, string>;
  /** Who an unknown or missing token acts as; default `handoff-app[bot]`. */
  defaultActor?: string;
  now?: () => Date;
}

const LABEL_COLORS = ["ededed", "d73a4a", "0075ca", "a2eeef", "7057ff", "008672", "e4e669", "d876e3"];

export class FakeState {
  readonly repos = new Map<string, RepoRecord>();
  readonly users = new Map<string, FakeUser>();
  readonly permissions = new Map<string, Map<string, Role>>();
  readonly tokens = new Map<string, string>();
  readonly issues: IssueRecord[] = [];
  readonly comments = new Map<number, CommentRecord>();
  readonly commitComments: CommitCommentRecord[] = [];
  readonly defaultActor: string;
  readonly now: () => Date;
  private ids = 1000;

  constructor(options: StateOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.defaultActor = options.defaultActor ?? "handoff-app[bot]";
    for (const [token, login] of Object.entries(options.tokens ?? {})) this.tokens.set(token, login);
    for (const seed of options.repos ?? []) this.addRepo(seed);
    for (const [repo, roles] of Object.entries(options.permissions ?? {})) {
      for (const [login, role] of Object.entries(roles)) this.setPermission(repo, login, role);
    }
  }

  /** A fresh id, unique across every kind of object (GitHub's are per kind; nothing relies on that). */
  nextId(): number {
    this.ids += 1;
    return this.ids;
  }

  /** Users exist on first mention; a login ending in `[bot]` is a Bot. */
  user(login: string, type?: FakeUser["type"]): FakeUser {
    const key = login.toLowerCase();
    let user = this.users.get(key);
    if (!user) {
      user = { login, id: this.nextId(), type: type ?? (login.endsWith("[bot]") ? "Bot" : "User") };
      this.users.set(key, user);
    }
    return user;
  }

  actorFor(token: string | undefined): FakeUser {
    return this.user((token && this.tokens.get(token)) ?? this.defaultActor);
  }

  addRepo(seed: RepoSeed): RepoRecord {
    const fullName = `${seed.owner}/${seed.name}`;
    const defaultBranch = seed.defaultBranch ?? "main";
    const repo: RepoRecord = {
      owner: this.user(seed.owner, seed.ownerType ?? "Organization"),
      name: seed.name,
      fullName,
      id: seed.id ?? this.nextId(),
      defaultBranch,
      private: seed.private ?? false,
      createdAt: this.now(),
      git: new GitStore(fullName, defaultBranch, this.now),
      labels: new Map(),
      installationId: 1,
      nextNumber: 1,
    };
    this.repos.set(fullName.toLowerCase(), repo);
    return repo;
  }

  repo(owner: string, name: string): RepoRecord | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  setPermission(repo: string, login: string, role: Role): void {
    const key = repo.toLowerCase();
    const roles = this.permissions.get(key) ?? new Map<string, Role>();
    roles.set(login.toLowerCase(), role);
    this.permissions.set(key, roles);
    this.user(login);
  }

  /** The explicit role, else the owner's `admin`, else `read` on a public and `none` on a private repository. */
  roleOf(repo: RepoRecord, login: string): { role: Role; collaborator: boolean } {
    const explicit = this.permissions.get(repo.fullName.toLowerCase())?.get(login.toLowerCase());
    if (explicit) return { role: explicit, collaborator: explicit !== "none" };
    if (login.toLowerCase() === repo.owner.login.toLowerCase()) return { role: "admin", collaborator: true };
    return { role: repo.private ? "none" : "read", collaborator: false };
  }

  /** Labels are created on demand, as GitHub does when an issue is labelled with an unknown name. */
  label(repo: RepoRecord, name: string): LabelRecord {
    let label = repo.labels.get(name.toLowerCase());
    if (!label) {
      label = {
        id: this.nextId(),
        name,
        color: LABEL_COLORS[repo.labels.size % LABEL_COLORS.length] ?? "ededed",
        description: null,
      };
      repo.labels.set(name.toLowerCase(), label);
    }
    return label;
  }

  issue(repo: RepoRecord, number: number): IssueRecord | undefined {
    return this.issues.find((i) => i.repo === repo && i.number === number);
  }

  issueById(id: number): IssueRecord | undefined {
    return this.issues.find((i) => i.id === id);
  }

  createIssue(
    repo: RepoRecord,
    input: {
      title: string;
      body?: string | null;
      labels?: string[];
      assignees?: string[];
      user: FakeUser;
      isPullRequest?: boolean;
    },
  ): IssueRecord {
    const now = this.now();
    const labels = [...new Set((input.labels ?? []).map((name) => this.label(repo, name).name))];
    const issue: IssueRecord = {
      repo,
      number: repo.nextNumber++,
      id: this.nextId(),
      title: input.title,
      body: input.body ?? null,
      labels,
      assignees: [...new Set(input.assignees ?? [])],
      state: "open",
      stateReason: null,
      locked: false,
      user: input.user,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      isPullRequest: input.isPullRequest ?? false,
      parentId: null,
      subIssueIds: [],
      reactions: [],
    };
    this.issues.push(issue);
    return issue;
  }

  createComment(issue: IssueRecord, body: string, user: FakeUser): CommentRecord {
    const now = this.now();
    const comment: CommentRecord = {
      repo: issue.repo,
      issueNumber: issue.number,
      id: this.nextId(),
      body,
      user,
      createdAt: now,
      updatedAt: now,
      reactions: [],
    };
    this.comments.set(comment.id, comment);
    issue.updatedAt = now;
    return comment;
  }

  commentsOn(issue: IssueRecord): CommentRecord[] {
    return [...this.comments.values()].filter((c) => c.repo === issue.repo && c.issueNumber === issue.number);
  }
}
