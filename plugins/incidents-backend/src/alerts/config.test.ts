import { ConfigReader } from '@backstage/config';
import { readAlertsConfig } from './config';
import { bearerToken, digestSecret, findBySecret } from './secrets';

describe('readAlertsConfig', () => {
  it('has defaults', () => {
    const config = readAlertsConfig(new ConfigReader({}));
    expect(config).toMatchObject({
      maxBodySize: '5mb',
      eventsMaxBodySize: '512kb',
      receivers: [],
      routingKeys: [],
      routingLabels: ['backstage_entity', 'service'],
      catalogCacheTtlMs: 30_000,
      declarationWaitMs: 5_000,
      retentionMs: 30 * 24 * 60 * 60 * 1000,
    });
    expect(config.rules.length).toBeGreaterThan(10);
  });

  it('reads receivers, routing keys and settings', () => {
    const config = readAlertsConfig(
      new ConfigReader({
        incidents: {
          alerts: {
            maxBodySize: '2mb',
            alertmanager: {
              receivers: [{ name: 'prod', token: 't'.repeat(20) }],
            },
            events: {
              routingKeys: [
                { key: 'a'.repeat(32), name: 'ops', entityRef: 'checkout' },
                { key: 'b'.repeat(32) },
              ],
            },
            routing: { labels: ['app'], catalogCacheTtl: '2m' },
            declarationWait: { seconds: 0 },
            retention: '7d',
          },
        },
      }),
    );
    expect(config.maxBodySize).toBe('2mb');
    // Events v2 bodies are read before their routing key is checked: never more than 512 KB.
    expect(config.eventsMaxBodySize).toBe('512kb');
    expect(config.receivers.map(r => r.name)).toEqual(['prod']);
    expect(config.routingKeys[0]).toMatchObject({
      id: 'ops',
      name: 'ops',
      entityRef: 'component:default/checkout',
    });
    expect(config.routingKeys[1].id).toMatch(/^key-[0-9a-f]{12}$/);
    expect(config.routingLabels).toEqual(['app']);
    expect(config.catalogCacheTtlMs).toBe(120_000);
    expect(config.declarationWaitMs).toBe(0);
    expect(config.retentionMs).toBe(7 * 24 * 60 * 60 * 1000);
  });

  it('refuses a retention that is not a positive duration', () => {
    expect(() =>
      readAlertsConfig(
        new ConfigReader({ incidents: { alerts: { retention: { days: 0 } } } }),
      ),
    ).toThrow('incidents.alerts.retention must be a positive duration');
  });

  it('skips receivers and keys whose secret is unset, with a warning', () => {
    const config = readAlertsConfig(
      new ConfigReader({
        incidents: {
          alerts: {
            alertmanager: { receivers: [{ name: 'prod' }] },
            events: { routingKeys: [{ name: 'ops' }] },
          },
        },
      }),
    );
    expect(config.receivers).toEqual([]);
    expect(config.routingKeys).toEqual([]);
    expect(config.warnings).toEqual([
      'incidents.alerts.alertmanager.receivers[0] (prod) has no token; ignored',
      'incidents.alerts.events.routingKeys[0] has no key; ignored',
    ]);
  });

  it('refuses weak or duplicate secrets and bad sizes', () => {
    const read = (alerts: object) => () =>
      readAlertsConfig(new ConfigReader({ incidents: { alerts } }));
    expect(
      read({ alertmanager: { receivers: [{ name: 'a', token: 'short' }] } }),
    ).toThrow(/at least 16 characters/);
    expect(
      read({
        alertmanager: {
          receivers: [
            { name: 'a', token: 'x'.repeat(16) },
            { name: 'a', token: 'y'.repeat(16) },
          ],
        },
      }),
    ).toThrow(/duplicate name 'a'/);
    expect(
      read({
        events: { routingKeys: [{ key: 'k'.repeat(16), entityRef: 'a:b:c' }] },
      }),
    ).toThrow(/entityRef/);
    expect(read({ maxBodySize: 'lots' })).toThrow(/maxBodySize/);
  });
});

describe('secrets', () => {
  const entries = [
    { name: 'one', digest: digestSecret('first-token-0123456789') },
    { name: 'two', digest: digestSecret('second-token-0123456789') },
  ];

  it('finds the entry of a secret, and nothing for wrong or empty ones', () => {
    expect(findBySecret(entries, 'second-token-0123456789')?.name).toBe('two');
    expect(findBySecret(entries, 'second-token-012345678')).toBeUndefined();
    expect(findBySecret(entries, '')).toBeUndefined();
    expect(findBySecret(entries, undefined)).toBeUndefined();
  });

  it('reads bearer tokens', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer   abc ')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
