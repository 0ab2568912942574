// Who we are on GitHub. The App's bot login (`<slug>[bot]`) filters our issues (`creator=`) and recognises our
// comments. It comes from `GET /app`, which needs the App's JWT, once per process: the slug never changes
// while the process runs, and losing the cache only costs one request.

export interface AppInfo {
  slug: string;
}

export type FetchAppInfo = () => Promise<AppInfo>;

/** Memoises the login; a failed fetch is not cached, so the next delivery tries again. */
export function createBotLogin(fetchApp: FetchAppInfo): () => Promise<string> {
  let cached: Promise<string> | undefined;
  return () => {
    cached ??= fetchApp().then(
      (app) => `${app.slug}[bot]`,
      (error: unknown) => {
        cached = undefined;
        throw error;
      },
    );
    return cached;
  };
}

/** Compares logins the way GitHub does: case-insensitively. */
export function sameLogin(a: string | undefined | null, b: string | undefined | null): boolean {
  return typeof a === "string" && typeof b === "string" && a.toLowerCase() === b.toLowerCase();
}
