import { BackstageCredentials } from '@backstage/backend-plugin-api';

/**
 * Answers kept for a few seconds in this replica, per caller: what the catalog and the
 * permission policy said a moment ago, so that a page's burst of requests (the Incidents tab
 * asks for three lists at once; live updates refetch them on every change) costs one round
 * trip, not one per request. Nothing another replica needs lives here: a miss asks again.
 * Failed lookups are not kept. Bounded: expired entries go as new ones come, and past
 * `maxEntries` the oldest go first.
 */
export class ShortLivedCache<T> {
  private readonly entries = new Map<
    string,
    { until: number; value: Promise<T> }
  >();

  constructor(
    private readonly options: {
      ttlMs: number;
      maxEntries?: number;
      now?: () => number;
    },
  ) {}

  /** How many answers are kept (expired ones included until the next miss). */
  get size(): number {
    return this.entries.size;
  }

  get(key: string, load: () => Promise<T>): Promise<T> {
    const now = (this.options.now ?? Date.now)();
    const hit = this.entries.get(key);
    if (hit && hit.until > now) {
      return hit.value;
    }
    // Every entry lives as long, so the oldest come first: drop those that ran out.
    for (const [oldKey, entry] of this.entries) {
      if (entry.until > now) break;
      this.entries.delete(oldKey);
    }
    const value = load();
    this.entries.delete(key);
    this.entries.set(key, { until: now + this.options.ttlMs, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    const max = this.options.maxEntries ?? 10_000;
    while (this.entries.size > max) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    return value;
  }
}

/** Who is asking, as a cache key: a user by entity ref, a service by subject; else none. */
export function callerKey(
  credentials: BackstageCredentials,
): string | undefined {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef) {
    return `user:${principal.userEntityRef.toLocaleLowerCase('en-US')}`;
  }
  if (principal.type === 'service' && principal.subject) {
    return `service:${principal.subject}`;
  }
  return undefined;
}
