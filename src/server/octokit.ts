// The Octokit class a fleet needs, built on Probot's (or a test's) class:
// - a throttle `id` per installation. With REDIS_URL, Probot clusters plugin-throttling's Bottleneck through
//   Redis, keyed by `id`; but the client Probot gives webhook contexts has none, so every installation shared
//   the key `no-id`, and writes across the whole fleet were spaced one after another (measured: one about
//   every 3 s with two replicas). Keyed per installation, each installation gets GitHub's spacing of its own.
//   A function default runs after Probot's own, so it sees the installation id and the Redis connection.
// - clustered write spacing that a dead replica cannot block. plugin-throttling's own write groups allow one write
//   at a time (maxConcurrent 1), and a clustered job's slot is freed only when it finishes or expires (60 s). A
//   worker killed between taking the slot and freeing it stopped every write of that installation, fleet-wide,
//   for about a minute (measured: 55 s with no request at all). The spacing itself is Bottleneck's `minTime`,
//   kept in Redis, which needs no slot: so these groups keep GitHub's spacing (plugin-throttling's 1 s between
//   writes, 3 s between content-creating writes) without a concurrency cap.
// - the primary rate limit's `x-ratelimit-remaining`, per installation, reported to /metrics.
import type { Octokit } from "@octokit/core";
import Bottleneck from "bottleneck";
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

export interface WriteSpacing {
  writeMs: number;
  contentMs: number;
}

/** plugin-throttling's defaults, which Probot uses: 1 s between writes, 3 s between content-creating writes. */
export const GITHUB_WRITE_SPACING: WriteSpacing = { writeMs: 1_000, contentMs: 3_000 };

type Connection = InstanceType<typeof Bottleneck.IORedisConnection>;
type WriteGroups = { write: Bottleneck.Group; notifications: Bottleneck.Group };
const groupsByConnection = new WeakMap<Connection, WriteGroups>();

/** Clustered groups (one limiter per installation key), built once per Redis connection. */
export function spacedWriteGroups(connection: Connection, spacing: WriteSpacing): WriteGroups {
  let groups = groupsByConnection.get(connection);
  if (!groups) {
    // Bottleneck's own timeout for idle limiters' keys in Redis, as plugin-throttling sets it.
    const common = { maxConcurrent: null, connection, timeout: 2 * 60 * 1000 };
    groups = {
      write: new Bottleneck.Group({ ...common, id: "handoff-write", minTime: spacing.writeMs }),
      notifications: new Bottleneck.Group({ ...common, id: "handoff-content", minTime: spacing.contentMs }),
    };
    groupsByConnection.set(connection, groups);
  }
  return groups;
}

/** With a clustered connection (REDIS_URL), the write groups above instead of plugin-throttling's. */
export function clusteredSpacing(
  options: OctokitOptions,
  spacing: WriteSpacing = GITHUB_WRITE_SPACING,
): OctokitOptions {
  const connection = (options.throttle as { connection?: Connection } | undefined)?.connection;
  if (!connection) return options;
  return { ...options, throttle: { ...options.throttle, ...spacedWriteGroups(connection, spacing) } } as OctokitOptions;
}

/** Probot's Octokit class with the fleet's defaults; `spacing` is GitHub's (tests scale it down). */
export function fleetOctokit(
  Base: OctokitClass,
  observe?: RateLimitObserver,
  spacing: WriteSpacing = GITHUB_WRITE_SPACING,
): OctokitClass {
  const observed = observe
    ? Base.plugin((octokit: Octokit, options: OctokitOptions) => {
        const installation = String(installationOf(options) ?? "app");
        octokit.hook.after("request", (response) => {
          const remaining = Number(response.headers["x-ratelimit-remaining"]);
          if (Number.isFinite(remaining)) observe(installation, remaining);
        });
      })
    : Base;
  return observed.defaults((options: OctokitOptions | undefined) =>
    clusteredSpacing(perInstallationThrottle(options), spacing),
  ) as OctokitClass;
}
