import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import {
  DEFAULT_SEVERITY_LEVELS,
  IncidentPolicy,
  SEVERITIES,
  Severity,
  SeverityLevel,
  isSeverity,
} from '@firebreak/plugin-incidents-common';

/** What an adopter may change about one severity level (durations in minutes). */
export interface SeverityOverride {
  title?: string;
  definition?: string;
  examples?: string[];
  responseTimeMinutes?: number;
  communication?: string[];
  sla?: {
    acknowledgeMinutes?: number;
    mitigationMinutes?: number;
    resolutionMinutes?: number;
  };
  postmortem?: { required?: boolean; dueWithinMinutes?: number };
}

/** @public */
export type SeverityOverrides = Partial<Record<Severity, SeverityOverride>>;

/**
 * The spec's severity and SLA tables with the adopter's overrides applied, most severe first.
 * A postmortem that is no longer required loses its default deadline unless one is
 * configured explicitly.
 */
export function resolvePolicy(
  overrides: SeverityOverrides = {},
  defaults: Record<Severity, SeverityLevel> = DEFAULT_SEVERITY_LEVELS,
): IncidentPolicy {
  return {
    severities: SEVERITIES.map(id => {
      const base = defaults[id];
      const override = overrides[id] ?? {};
      const required =
        override.postmortem?.required ?? base.postmortem.required;
      const dueWithinMinutes =
        override.postmortem?.dueWithinMinutes ??
        (required ? base.postmortem.dueWithinMinutes : undefined);
      return {
        id,
        title: override.title ?? base.title,
        definition: override.definition ?? base.definition,
        examples: [...(override.examples ?? base.examples)],
        responseTimeMinutes:
          override.responseTimeMinutes ?? base.responseTimeMinutes,
        communication: [...(override.communication ?? base.communication)],
        sla: { ...base.sla, ...withoutUndefined(override.sla ?? {}) },
        postmortem:
          dueWithinMinutes === undefined
            ? { required }
            : { required, dueWithinMinutes },
      };
    }),
  };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}

function readMinutes(config: Config, key: string): number | undefined {
  if (!config.has(key)) {
    return undefined;
  }
  const minutes =
    durationToMilliseconds(readDurationFromConfig(config, { key })) / 60_000;
  if (!(minutes > 0)) {
    throw new Error(`Invalid duration at '${key}': must be longer than zero`);
  }
  return minutes;
}

/**
 * Reads `incidents.severities` from app-config. Unknown severity ids are refused so that a
 * typo (`SEV01`) fails at startup instead of being silently ignored.
 */
export function readSeverityOverrides(config: Config): SeverityOverrides {
  const severities = config.getOptionalConfig('incidents.severities');
  if (!severities) {
    return {};
  }
  const overrides: SeverityOverrides = {};
  for (const id of severities.keys()) {
    if (!isSeverity(id)) {
      throw new Error(
        `Invalid config key 'incidents.severities.${id}': expected one of ${SEVERITIES.join(
          ', ',
        )}`,
      );
    }
    const level = severities.getConfig(id);
    const sla = level.getOptionalConfig('sla');
    const postmortem = level.getOptionalConfig('postmortem');
    overrides[id] = {
      title: level.getOptionalString('title'),
      definition: level.getOptionalString('definition'),
      examples: level.getOptionalStringArray('examples'),
      responseTimeMinutes: readMinutes(level, 'responseTime'),
      communication: level.getOptionalStringArray('communication'),
      sla: sla && {
        acknowledgeMinutes: readMinutes(sla, 'acknowledge'),
        mitigationMinutes: readMinutes(sla, 'mitigation'),
        resolutionMinutes: readMinutes(sla, 'resolution'),
      },
      postmortem: postmortem && {
        required: postmortem.getOptionalBoolean('required'),
        dueWithinMinutes: readMinutes(postmortem, 'dueWithin'),
      },
    };
  }
  return overrides;
}
