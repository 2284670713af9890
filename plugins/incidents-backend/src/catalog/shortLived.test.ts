import { mockCredentials } from '@backstage/backend-test-utils';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readCacheMs, withCachedReads } from './cachedReads';
import { ShortLivedCache, callerKey } from './shortLived';

describe('ShortLivedCache', () => {
  it('answers from the cache until the time is up, then asks again; failures are not kept', async () => {
    let now = 0;
    const cache = new ShortLivedCache<number>({ ttlMs: 1_000, now: () => now });
    let calls = 0;
    const load = async () => ++calls;
    expect(await cache.get('a', load)).toBe(1);
    now = 999;
    expect(await cache.get('a', load)).toBe(1);
    expect(await cache.get('b', load)).toBe(2);
    now = 1_000;
    expect(await cache.get('a', load)).toBe(3);

    await expect(
      cache.get('c', () => Promise.reject(new Error('catalog down'))),
    ).rejects.toThrow('catalog down');
    expect(await cache.get('c', load)).toBe(4);
  });

  it('drops the answers that ran out as new ones come', async () => {
    let now = 0;
    const cache = new ShortLivedCache<number>({ ttlMs: 1_000, now: () => now });
    const load = async () => 1;
    await cache.get('a', load);
    await cache.get('b', load);
    now = 500;
    await cache.get('c', load);
    expect(cache.size).toBe(3);
    now = 1_200;
    await cache.get('d', load);
    // a and b ran out at 1,000; c lives until 1,500.
    expect(cache.size).toBe(2);
  });

  it('keeps at most maxEntries, dropping the oldest', async () => {
    const cache = new ShortLivedCache<string>({ ttlMs: 60_000, maxEntries: 2 });
    let calls = 0;
    const load = (v: string) => async () => `${v}${++calls}`;
    await cache.get('a', load('a'));
    await cache.get('b', load('b'));
    await cache.get('c', load('c'));
    expect(await cache.get('b', load('b'))).toBe('b2');
    expect(await cache.get('a', load('a'))).toBe('a4');
  });

  it('keys users by entity ref and services by subject, nobody else', () => {
    expect(callerKey(mockCredentials.user('user:default/Alice'))).toBe(
      'user:user:default/alice',
    );
    expect(callerKey(mockCredentials.service('plugin:search'))).toBe(
      'service:plugin:search',
    );
    expect(callerKey(mockCredentials.none())).toBeUndefined();
  });
});

describe('withCachedReads', () => {
  const entities = [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 'shop' },
      relations: [{ type: 'hasPart', targetRef: 'component:default/checkout' }],
    },
  ];

  it("reuses a caller's reads of the same request, not another caller's nor another request", async () => {
    const catalog = catalogServiceMock({ entities });
    const spy = jest.spyOn(catalog, 'getEntitiesByRefs');
    const cached = withCachedReads(catalog, 5_000);
    const alice = mockCredentials.user('user:default/alice');
    const relations = {
      entityRefs: ['system:default/shop'],
      fields: ['relations'],
    };
    const first = await cached.getEntitiesByRefs(relations, {
      credentials: alice,
    });
    expect(first.items[0]?.relations).toHaveLength(1);
    await cached.getEntitiesByRefs(relations, { credentials: alice });
    expect(spy).toHaveBeenCalledTimes(1);
    await cached.getEntitiesByRefs(relations, {
      credentials: mockCredentials.user('user:default/bob'),
    });
    await cached.getEntitiesByRefs(
      { entityRefs: ['system:default/shop'], fields: ['kind'] },
      { credentials: alice },
    );
    expect(spy).toHaveBeenCalledTimes(3);
    const query = jest.spyOn(catalog, 'getEntities');
    const systems = { filter: { kind: 'System' }, fields: ['metadata.name'] };
    await cached.getEntities(systems, { credentials: alice });
    await cached.getEntities(systems, { credentials: alice });
    await cached.getEntities(
      { filter: { kind: 'Component' } },
      { credentials: alice },
    );
    expect(query).toHaveBeenCalledTimes(2);
    // Filters that differ only in which field must exist are different requests.
    await cached.getEntities(
      { filter: { 'metadata.annotations.a': CATALOG_FILTER_EXISTS } },
      { credentials: alice },
    );
    await cached.getEntities(
      { filter: { 'metadata.annotations.b': CATALOG_FILTER_EXISTS } },
      { credentials: alice },
    );
    expect(query).toHaveBeenCalledTimes(4);
    // Every other method goes to the catalog as it is.
    expect(
      (
        await cached.getEntityByRef('system:default/shop', {
          credentials: alice,
        })
      )?.metadata.name,
    ).toBe('shop');
  });

  it('asks every time with a cache time of 0', async () => {
    const catalog = catalogServiceMock({ entities });
    expect(withCachedReads(catalog, 0)).toBe(catalog);
  });

  it('reads incidents.cache.seconds: 5 s by default, an error naming the key otherwise', () => {
    expect(readCacheMs(new ConfigReader({}))).toBe(5_000);
    expect(
      readCacheMs(new ConfigReader({ incidents: { cache: { seconds: 0 } } })),
    ).toBe(0);
    expect(() =>
      readCacheMs(new ConfigReader({ incidents: { cache: { seconds: -1 } } })),
    ).toThrow("Invalid config at 'incidents.cache.seconds'");
  });
});
