import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ShortLivedCache, callerKey } from './shortLived';

/**
 * A cache time from config in milliseconds: `incidents.cache.seconds` (default 5 s) or
 * `incidents.insights.cacheSeconds` (default 60 s); a clear error for a bad value.
 */
export function readCacheMs(
  config: Config,
  key:
    | 'incidents.cache.seconds'
    | 'incidents.insights.cacheSeconds' = 'incidents.cache.seconds',
): number {
  const seconds =
    config.getOptionalNumber(key) ??
    (key === 'incidents.cache.seconds' ? 5 : 60);
  if (!(seconds >= 0 && seconds <= 3600)) {
    throw new Error(
      `Invalid config at '${key}': expected seconds from 0 to 3600, got ${seconds}`,
    );
  }
  return seconds * 1000;
}

/** A request as a key; symbols (`CATALOG_FILTER_EXISTS`) by name, not dropped. */
function requestKey(request: unknown): string {
  return JSON.stringify(request, (_key, value) =>
    typeof value === 'symbol' ? `@@${value.description}` : value,
  );
}

type Reads = Pick<CatalogService, 'getEntitiesByRefs' | 'getEntities'>;
const CACHED: (keyof Reads)[] = ['getEntitiesByRefs', 'getEntities'];

/**
 * The catalog, with its batched reads (`getEntitiesByRefs`, `getEntities`: owners, on-call
 * groups and users, the roll-ups' relations, the blast radius) kept for `ttlMs` per caller and
 * request. A burst of declarations on one service, or a page's burst of lists, then asks the
 * catalog once per caller in that time, not once per request. Every other call goes to the
 * catalog as it is; so does a call without a known caller.
 */
export function withCachedReads(
  catalog: CatalogService,
  ttlMs: number,
): CatalogService {
  if (ttlMs <= 0) return catalog;
  // Whole entities (a blast radius is up to 200): fewer entries than the other caches.
  const cache = new ShortLivedCache<unknown>({ ttlMs, maxEntries: 2_000 });
  const cached = <M extends keyof Reads>(method: M): Reads[M] =>
    ((
      request: Parameters<Reads[M]>[0],
      options: { credentials: BackstageCredentials },
    ) => {
      const call = () =>
        (catalog[method] as (...args: unknown[]) => Promise<unknown>)(
          request,
          options,
        );
      const caller = options?.credentials && callerKey(options.credentials);
      if (!caller) return call();
      return cache.get(`${caller}|${method}|${requestKey(request)}`, call);
    }) as Reads[M];
  const reads = Object.fromEntries(CACHED.map(m => [m, cached(m)]));
  return new Proxy(catalog, {
    get(target, property, receiver) {
      if (typeof property === 'string' && property in reads) {
        return reads[property];
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
