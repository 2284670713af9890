import { ConfigReader } from '@backstage/config';
import { loadConfig } from '@backstage/config-loader';
import { resolve } from 'node:path';
import { readAlertsConfig } from './config';

const root = resolve(__dirname, '../../../..');

/** The repository's app-config files, loaded as the backend loads them, with `env`. */
async function alertsConfigOf(files: string[], env: Record<string, string>) {
  const saved = { ...process.env };
  delete process.env.FIREBREAK_ALERTMANAGER_TOKEN;
  delete process.env.FIREBREAK_EVENTS_ROUTING_KEY;
  Object.assign(process.env, env);
  try {
    const { appConfigs } = await loadConfig({
      configRoot: root,
      configTargets: files.map(file => ({ path: resolve(root, file) })),
    });
    return readAlertsConfig(ConfigReader.fromConfigs(appConfigs));
  } finally {
    process.env = saved;
  }
}

describe('the app-config secrets of alert senders', () => {
  it('fall back to demo values for the local demo only', async () => {
    const demo = await alertsConfigOf(['app-config.yaml'], {});
    expect(demo.receivers.map(r => r.name)).toEqual(['firebreak']);
    expect(demo.routingKeys.map(k => k.name)).toEqual(['payments-monitoring']);
  });

  it('have no default under app-config.production.yaml, and say which one is missing', async () => {
    const production = await alertsConfigOf(
      ['app-config.yaml', 'app-config.production.yaml'],
      {},
    );
    expect(production.receivers).toEqual([]);
    expect(production.routingKeys).toEqual([]);
    expect(production.warnings).toEqual([
      'incidents.alerts.alertmanager.receivers[0] (firebreak) has no token; ignored',
      'incidents.alerts.events.routingKeys[0] has no key; ignored',
    ]);
  });

  it('take production secrets from the environment', async () => {
    const production = await alertsConfigOf(
      ['app-config.yaml', 'app-config.production.yaml'],
      {
        FIREBREAK_ALERTMANAGER_TOKEN: 'a-real-token-0123456789',
        FIREBREAK_EVENTS_ROUTING_KEY: 'a-real-routing-key-0123456789',
      },
    );
    expect(production.warnings).toEqual([]);
    expect(production.receivers.map(r => r.name)).toEqual(['firebreak']);
    expect(production.routingKeys.map(k => k.name)).toEqual([
      'payments-monitoring',
    ]);
  });
});
