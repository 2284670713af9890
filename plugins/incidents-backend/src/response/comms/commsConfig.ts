import { Config, readDurationFromConfig } from '@backstage/config';
import { HumanDuration, durationToMilliseconds } from '@backstage/types';
import { SEVERITIES, isSeverity } from '@firebreak/plugin-incidents-common';
import { SlaSettings } from '../../domain/sla';
import {
  DEFAULT_UPDATE_CADENCE,
  UpdateCadence,
} from '../../domain/communication';

/** `incidents.communication` and `incidents.sla`, validated at startup. */
export interface CommsConfig {
  sla: SlaSettings;
  cadence: UpdateCadence;
  /** Customer contacts per catalog entity (system or component ref, lower-case). */
  customers: Map<string, string[]>;
  email?: {
    from: string;
    transport: {
      host: string;
      port: number;
      secure: boolean;
      username?: string;
      password?: string;
    };
  };
  statusPage: {
    title: string;
    /** Public base URL of the backend's status routes, for links in emails. */
    publicUrl: string;
    cacheTtlMs: number;
    /** Whether the unauthenticated subscription form is offered. */
    subscriptions: boolean;
  };
  jobs: { frequency: HumanDuration; timeout: HumanDuration };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function duration(config: Config, key: string, fallback: HumanDuration) {
  return config.has(key) ? readDurationFromConfig(config, { key }) : fallback;
}

function ref(value: string): string {
  const [kind, rest] = value.split(':');
  if (!rest) {
    throw new Error(`must be an entity ref such as system:default/payments`);
  }
  return `${kind}:${
    rest.includes('/') ? rest : `default/${rest}`
  }`.toLocaleLowerCase('en-US');
}

export function readCommsConfig(config: Config): CommsConfig {
  const comms = config.getOptionalConfig('incidents.communication');
  const sla = config.getOptionalConfig('incidents.sla');
  const percent = sla?.getOptionalNumber('warningLeadPercent') ?? 20;
  if (!(percent >= 0 && percent < 100)) {
    throw new Error(
      `Invalid config at 'incidents.sla.warningLeadPercent': must be at least 0 and below 100`,
    );
  }
  const leadership = comms?.getOptionalString('leadershipGroup');

  const cadence: UpdateCadence = { ...DEFAULT_UPDATE_CADENCE };
  const cadenceConfig = comms?.getOptionalConfig('updateCadence');
  for (const id of cadenceConfig?.keys() ?? []) {
    if (!isSeverity(id)) {
      throw new Error(
        `Invalid config key 'incidents.communication.updateCadence.${id}': expected one of ${SEVERITIES.join(
          ', ',
        )}`,
      );
    }
    cadence[id] =
      durationToMilliseconds(
        readDurationFromConfig(cadenceConfig!, { key: id }),
      ) / 60_000;
  }

  const customers = new Map<string, string[]>();
  for (const [index, entry] of (
    comms?.getOptionalConfigArray('customers') ?? []
  ).entries()) {
    const at = `incidents.communication.customers[${index}]`;
    let entityRef: string;
    try {
      entityRef = ref(entry.getString('entityRef'));
    } catch (error) {
      throw new Error(
        `Invalid config at '${at}.entityRef': ${(error as Error).message}`,
      );
    }
    const emails = entry.getStringArray('emails');
    for (const email of emails) {
      if (!EMAIL.test(email)) {
        throw new Error(
          `Invalid config at '${at}.emails': '${email}' is not an email address`,
        );
      }
    }
    customers.set(entityRef, [
      ...(customers.get(entityRef) ?? []),
      ...emails.map(e => e.toLocaleLowerCase('en-US')),
    ]);
  }

  const email = comms?.getOptionalConfig('email');
  const transport = email?.getOptionalConfig('smtp');
  const status = config.getOptionalConfig('incidents.statusPage');
  const baseUrl = config.getOptionalString('backend.baseUrl') ?? '';
  return {
    sla: {
      warningLeadFraction: percent / 100,
      ...(leadership
        ? {
            leadershipGroupRef: ref(
              leadership.includes(':') ? leadership : `group:${leadership}`,
            ),
          }
        : {}),
    },
    cadence,
    customers,
    ...(email && transport
      ? {
          email: {
            from: email.getString('from'),
            transport: {
              host: transport.getString('host'),
              port: transport.getOptionalNumber('port') ?? 587,
              secure: transport.getOptionalBoolean('secure') ?? false,
              username: transport.getOptionalString('username'),
              password: transport.getOptionalString('password'),
            },
          },
        }
      : {}),
    statusPage: {
      title: status?.getOptionalString('title') ?? 'Service status',
      publicUrl:
        status?.getOptionalString('publicUrl') ??
        `${baseUrl}/api/incidents/status`,
      cacheTtlMs: durationToMilliseconds(
        status
          ? duration(status, 'cacheTtl', { seconds: 10 })
          : { seconds: 10 },
      ),
      subscriptions: status?.getOptionalBoolean('subscriptions') ?? true,
    },
    jobs: {
      frequency: sla
        ? duration(sla, 'checkFrequency', { minutes: 1 })
        : { minutes: 1 },
      timeout: { minutes: 5 },
    },
  };
}
