// The Octokit class a fleet needs, built on Probot's (or a test's) class:
// - a throttle `id` per installation. With REDIS_URL, Probot clusters plugin-throttling's Bottleneck through
//   Redis, keyed by `id`; but the client Probot gives webhook contexts has none, so every installation shared
//   the key `no-id`, and writes across the whole fleet were spaced one after another (measured: one about
//   every 3 s with two replicas). Keyed per installation, each installation gets GitHub's spacing of its own.
//   A function default runs after Probot's own, so it sees the installation id and the Redis connection.
// - the primary rate limit's `x-ratelimit-remaining`, per installation, reported to /metrics.
import type { Octokit } from "@octokit/core";
import type { ProbotOctokit } from "probot";

type OctokitClass = typeof ProbotOctokit;
type OctokitOptions = NonNullable<ConstructorParameters<OctokitClass>[0]>;

/** Reports GitHub's remaining primary rate limit after each answer, for an installation (or the App's JWT). */
export type RateLimitObserver = (installation: string, remaining: number) => void;

function installationOf(options: OctokitOptions | undefined): number | undefined {
  const auth = options?.auth as { installationId?: unknown } | undefined;
  return typeof auth?.installationId === "number" ? auth.installationId : undefined;
}

export function perInstallationThrottle(options: OctokitOptions | undefined): OctokitOptions {
  const installationId = installationOf(options);
  if (installationId === undefined) return options ?? {};
  return { ...options, throttle: { ...options?.throttle, id: `inst-${installationId}` } } as OctokitOptions;
}

export function fleetOctokit(Base: OctokitClass, observe?: RateLimitObserver): OctokitClass {
  const observed = observe
    ? Base.plugin((octokit: Octokit, options: OctokitOptions) => {
        const installation = String(installationOf(options) ?? "app");
        octokit.hook.after("request", (response) => {
          const remaining = Number(response.headers["x-ratelimit-remaining"]);
          if (Number.isFinite(remaining)) observe(installation, remaining);
        });
      })
    : Base;
  return observed.defaults(perInstallationThrottle) as OctokitClass;
}
