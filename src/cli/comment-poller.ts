// Watching an issue's comments cheaply. Each poll is a conditional request (If-None-Match with the last ETag):
// GitHub answers 304 while nothing changed, and a 304 does not count against the primary rate limit. The URL stays
// the same between polls (a fixed `since`) so the ETag stays valid; comments already seen are skipped by id and
// update time. Only when more than a page has changed does `since` move forward, to the newest update seen.
import { statusOf, type GitHub, type IssueAddress } from "../github/client.js";

export interface PolledComment {
  id: number;
  body: string;
  html_url: string;
  user: { login: string; type?: string } | null;
  created_at: string;
  updated_at: string;
}

export interface PollCounts {
  requests: number;
  notModified: number;
}

const NEXT_LINK = /<([^>]+)>;\s*rel="next"/;

export class CommentPoller {
  private etag: string | undefined;
  private since: string | undefined;
  private readonly seen = new Map<number, string>();
  readonly counts: PollCounts = { requests: 0, notModified: 0 };

  constructor(
    private readonly gh: GitHub,
    private readonly issue: IssueAddress,
    /** ISO time: only comments updated at or after it. Undefined: every comment, on the first poll. */
    since?: string,
  ) {
    this.since = since;
  }

  /** Comments created or edited since the previous poll, oldest first. */
  async poll(): Promise<PolledComment[]> {
    const page = await this.firstPage();
    if (page === null) return [];
    const comments = [...page.data];
    let next = NEXT_LINK.exec(page.link ?? "")?.[1];
    for (; next; next = NEXT_LINK.exec(page.link ?? "")?.[1]) {
      this.counts.requests++;
      const more = await this.gh.request(`GET ${next}`);
      comments.push(...(more.data as PolledComment[]));
      page.link = more.headers.link;
    }
    if (comments.length > page.data.length) {
      // More than a page changed: the next poll starts at the newest update (a new URL, so a new ETag).
      this.since = comments.reduce((latest, c) => (c.updated_at > latest ? c.updated_at : latest), this.since ?? "");
      this.etag = undefined;
    }
    const fresh = comments.filter((c) => this.seen.get(c.id) !== c.updated_at);
    for (const c of fresh) this.seen.set(c.id, c.updated_at);
    return fresh.sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id);
  }

  private async firstPage(): Promise<{ data: PolledComment[]; link: string | undefined } | null> {
    this.counts.requests++;
    try {
      const response = await this.gh.request("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", {
        ...this.issue,
        per_page: 100,
        ...(this.since ? { since: this.since } : {}),
        // GitHub's ETags are quoted (and weak: W/"…"); sent back exactly as received.
        ...(this.etag ? { headers: { "if-none-match": this.etag } } : {}),
      });
      this.etag = response.headers.etag;
      return { data: response.data as PolledComment[], link: response.headers.link };
    } catch (error) {
      if (statusOf(error) !== 304) throw error;
      this.counts.notModified++;
      return null;
    }
  }
}
