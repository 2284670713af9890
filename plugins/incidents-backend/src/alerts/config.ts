import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { createHash } from 'node:crypto';
import { DEFAULT_ROUTING_LABELS } from '../domain/alerts/routing';
import { CompiledRule, readAlertRules } from '../domain/alerts/rules';
import { digestSecret } from './secrets';

/** An Alertmanager webhook receiver allowed to post, by its bearer token. */
export interface AlertmanagerReceiver {
  name: string;
  digest: Buffer;
}

/** An Events routing key. */
export interface EventsRoutingKey {
  /** Scope of its dedup keys: the name, or a short digest of the key. */
  id: string;
  /** Matched against the `firebreak.io/routing-key` entity annotation. */
  name?: string;
  entityRef?: string;
  digest: Buffer;
}

export interface AlertsConfig {
  /** express/body-parser limit, e.g. '5mb'. */
  maxBodySize: string;
  receivers: AlertmanagerReceiver[];
  routingKeys: EventsRoutingKey[];
  routingLabels: string[];
  catalogCacheTtlMs: number;
  /** How long a delivery waits for the declarations it triggered before answering. */
  declarationWaitMs: number;
  /** How long resolved alerts are kept (not those of open incidents). */
  retentionMs: number;
  rules: CompiledRule[];
  /** Problems that do not stop the backend (logged at startup). */
  warnings: string[];
}

export const DEFAULT_MAX_BODY_SIZE = '5mb';
const DEFAULT_CATALOG_CACHE_TTL_MS = 30_000;
const DEFAULT_DECLARATION_WAIT_MS = 5_000;
export const DEFAULT_ALERT_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
const SIZE = /^\d+(\.\d+)?\s*(b|kb|mb|gb)?$/i;
const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/;

function readDurationMs(
  config: Config,
  key: string,
  fallback: number,
  options: { allowZero?: boolean } = {},
) {
  if (!config.has(key)) {
    return fallback;
  }
  const ms = durationToMilliseconds(readDurationFromConfig(config, { key }));
  if (!(ms > 0 || (options.allowZero && ms === 0))) {
    throw new Error(`incidents.alerts.${key} must be a positive duration`);
  }
  return ms;
}

/** Reads `incidents.alerts`; throws at startup on anything invalid. */
export function readAlertsConfig(root: Config): AlertsConfig {
  const config = root.getOptionalConfig('incidents.alerts');
  const at = (key: string) => `incidents.alerts.${key}`;

  const size = config?.getOptional('maxBodySize');
  let maxBodySize = DEFAULT_MAX_BODY_SIZE;
  if (typeof size === 'number' && size > 0) {
    maxBodySize = `${Math.floor(size)}b`;
  } else if (typeof size === 'string' && SIZE.test(size.trim())) {
    maxBodySize = size.trim();
  } else if (size !== undefined) {
    throw new Error(
      `${at('maxBodySize')} must be a size such as '5mb' or a number of bytes`,
    );
  }

  const warnings: string[] = [];
  const receiverNames = new Set<string>();
  const receivers: AlertmanagerReceiver[] = [];
  (config?.getOptionalConfigArray('alertmanager.receivers') ?? []).forEach(
    (c, i) => {
      const name = c.getString('name');
      const token = c.getOptionalString('token');
      if (!token) {
        // Typically `${SOME_ENV}` unset: run without this receiver rather than not at all.
        warnings.push(
          `${at(
            `alertmanager.receivers[${i}]`,
          )} (${name}) has no token; ignored`,
        );
        return;
      }
      if (!NAME.test(name)) {
        throw new Error(
          `${at(
            `alertmanager.receivers[${i}].name`,
          )} must be 1-63 letters, digits, '.', '_' or '-'`,
        );
      }
      if (receiverNames.has(name)) {
        throw new Error(
          `${at('alertmanager.receivers')}: duplicate name '${name}'`,
        );
      }
      if (token.length < 16) {
        throw new Error(
          `${at(
            `alertmanager.receivers[${i}].token`,
          )} must be at least 16 characters`,
        );
      }
      receiverNames.add(name);
      receivers.push({ name, digest: digestSecret(token) });
    },
  );

  const keyIds = new Set<string>();
  const routingKeys: EventsRoutingKey[] = [];
  (config?.getOptionalConfigArray('events.routingKeys') ?? []).forEach(
    (c, i) => {
      const where = at(`events.routingKeys[${i}]`);
      const key = c.getOptionalString('key');
      if (!key) {
        warnings.push(`${where} has no key; ignored`);
        return;
      }
      if (key.length < 16) {
        throw new Error(`${where}.key must be at least 16 characters`);
      }
      const name = c.getOptionalString('name');
      if (name !== undefined && !NAME.test(name)) {
        throw new Error(
          `${where}.name must be 1-63 letters, digits, '.', '_' or '-'`,
        );
      }
      const rawRef = c.getOptionalString('entityRef');
      let entityRef: string | undefined;
      if (rawRef !== undefined) {
        try {
          entityRef = stringifyEntityRef(
            parseEntityRef(rawRef, {
              defaultKind: 'component',
              defaultNamespace: 'default',
            }),
          ).toLocaleLowerCase('en-US');
        } catch (e) {
          throw new Error(`${where}.entityRef: ${(e as Error).message}`);
        }
        if (!/^[^:/\s]+:[^:/\s]+\/[^:/\s]+$/.test(entityRef)) {
          throw new Error(
            `${where}.entityRef: '${rawRef}' is not an entity ref such as component:default/checkout`,
          );
        }
      }
      const id =
        name ??
        `key-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
      if (keyIds.has(id)) {
        throw new Error(`${where}: duplicate routing key name or key`);
      }
      keyIds.add(id);
      routingKeys.push({
        id,
        ...(name ? { name } : {}),
        ...(entityRef ? { entityRef } : {}),
        digest: digestSecret(key),
      });
    },
  );

  const routingLabels =
    config?.getOptionalStringArray('routing.labels') ?? DEFAULT_ROUTING_LABELS;

  return {
    maxBodySize,
    receivers,
    routingKeys,
    routingLabels,
    catalogCacheTtlMs: config
      ? readDurationMs(
          config,
          'routing.catalogCacheTtl',
          DEFAULT_CATALOG_CACHE_TTL_MS,
        )
      : DEFAULT_CATALOG_CACHE_TTL_MS,
    declarationWaitMs: config
      ? readDurationMs(config, 'declarationWait', DEFAULT_DECLARATION_WAIT_MS, {
          allowZero: true,
        })
      : DEFAULT_DECLARATION_WAIT_MS,
    retentionMs: config
      ? readDurationMs(config, 'retention', DEFAULT_ALERT_RETENTION_MS)
      : DEFAULT_ALERT_RETENTION_MS,
    rules: readAlertRules(root),
    warnings,
  };
}
