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

type GetEntitiesByRefs = CatalogService['getEntitiesByRefs'];

/**
 * The catalog, with the relation look-ups of the roll-ups (`fields: ['relations']`, what
 * `descendantsOf` asks one level at a time) kept for `ttlMs` per caller and set of refs.
 * Every other call goes to the catalog as it is.
 */
export function withCachedRelations(
  catalog: CatalogService,
  ttlMs: number,
): CatalogService {
  if (ttlMs <= 0) return catalog;
  const cache = new ShortLivedCache<Awaited<ReturnType<GetEntitiesByRefs>>>({
    ttlMs,
  });
  const getEntitiesByRefs: GetEntitiesByRefs = (request, options) => {
    const caller = callerKey(options.credentials);
    const relationsOnly =
      request.fields?.length === 1 &&
      request.fields[0] === 'relations' &&
      !request.filter;
    if (!caller || !relationsOnly) {
      return catalog.getEntitiesByRefs(request, options);
    }
    const refs = request.entityRefs.map(r => r.toLocaleLowerCase('en-US'));
    return cache.get(`${caller}|${refs.join(',')}`, () =>
      catalog.getEntitiesByRefs(request, options),
    );
  };
  return new Proxy(catalog, {
    get(target, property, receiver) {
      if (property === 'getEntitiesByRefs') return getEntitiesByRefs;
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
