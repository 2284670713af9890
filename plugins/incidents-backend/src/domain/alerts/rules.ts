import { Config } from '@backstage/config';
import {
  ALERT_SOURCES,
  AlertSource,
  ROLE_IDS,
  RoleId,
  SEVERITIES,
  Severity,
} from '@firebreak/plugin-incidents-common';
import { RuleOutcome } from './types';

/**
 * A declaration rule: alerts whose labels match (all entries) are declared as incidents of
 * `severity`. A rule without a severity only adds its flags (restricted, roles) to alerts
 * that another rule declares.
 */
export interface AlertRule {
  id: string;
  description?: string;
  /** Only alerts from this source; all sources when absent. */
  source?: AlertSource;
  /**
   * Label → exact value, or `/regex/` for a fully anchored regular expression (as `=~` in
   * Prometheus). A missing label has the value ''.
   */
  match: Record<string, string>;
  severity?: Severity;
  /** The incident is visible to its responders only (security). */
  restricted?: boolean;
  /** Roles the incident needs from the start, e.g. the privacy officer for security alerts. */
  roles?: RoleId[];
  /**
   * Alerts of rules sharing a group join one incident per entity, so that a more severe rule
   * raises the severity of the open incident instead of declaring a second one. Without a
   * group, the incident group is the Alertmanager group (or the Events dedup key).
   */
  group?: string;
}

type LabelTest = (labels: Record<string, string>) => boolean;

export interface CompiledRule extends AlertRule {
  test: LabelTest;
}

/**
 * The spec's "Automated Incident Declaration Triggers", keyed on the labels the shipped
 * Prometheus rules set (examples/alerting): `firebreak_trigger` names the trigger,
 * `severity: sev1|sev2` and `firebreak_restricted: "true"` are the generic contract, and the
 * Events v2 severities map critical → SEV1, error → SEV2 (warning and info are recorded and
 * shown on the entity, but declare nothing unless a rule says so).
 */
export const DEFAULT_ALERT_RULES: AlertRule[] = [
  {
    id: 'error_rate_critical',
    description: 'Error rate > 10% for > 5 minutes',
    match: { firebreak_trigger: 'error_rate_critical' },
    severity: 'SEV1',
    group: 'error-rate',
  },
  {
    id: 'auth_failure_rate',
    description: 'Authentication failure rate > 5%',
    match: { firebreak_trigger: 'auth_failure_rate' },
    severity: 'SEV1',
  },
  {
    id: 'db_connection_failures',
    description: 'Database connection failures',
    match: { firebreak_trigger: 'db_connection_failures' },
    severity: 'SEV1',
  },
  {
    id: 'payment_failures',
    description: 'Payment processing failures > 1%',
    match: { firebreak_trigger: 'payment_failures' },
    severity: 'SEV1',
  },
  {
    id: 'security_unauthorized_access',
    description: 'Security alert: unauthorized access',
    match: { firebreak_trigger: 'security_unauthorized_access' },
    severity: 'SEV1',
    restricted: true,
    roles: ['privacy-officer'],
  },
  {
    id: 'security_data_exfiltration',
    description: 'Security alert: data exfiltration',
    match: { firebreak_trigger: 'security_data_exfiltration' },
    severity: 'SEV1',
    restricted: true,
    roles: ['privacy-officer'],
  },
  {
    id: 'error_rate_major',
    description: 'Error rate 5-10% for > 15 minutes',
    match: { firebreak_trigger: 'error_rate_major' },
    severity: 'SEV2',
    group: 'error-rate',
  },
  {
    id: 'api_latency_p95',
    description: 'API response time > 5 seconds (p95) for > 10 minutes',
    match: { firebreak_trigger: 'api_latency_p95' },
    severity: 'SEV2',
  },
  {
    id: 'feature_availability',
    description: 'Major feature availability < 95% for > 15 minutes',
    match: { firebreak_trigger: 'feature_availability' },
    severity: 'SEV2',
  },
  {
    id: 'support_ticket_spike',
    description: 'Customer support ticket spike > 3x baseline',
    match: { firebreak_trigger: 'support_ticket_spike' },
    severity: 'SEV2',
  },
  {
    id: 'severity-label-sev1',
    description: 'Any alert labelled severity=sev1 (the label contract)',
    source: 'alertmanager',
    match: { severity: 'sev1' },
    severity: 'SEV1',
  },
  {
    id: 'severity-label-sev2',
    description: 'Any alert labelled severity=sev2 (the label contract)',
    source: 'alertmanager',
    match: { severity: 'sev2' },
    severity: 'SEV2',
  },
  {
    id: 'restricted-label',
    description: 'firebreak_restricted="true" asks for a restricted incident',
    match: { firebreak_restricted: 'true' },
    restricted: true,
  },
  {
    id: 'events-critical',
    description: 'Events v2 severity critical',
    source: 'events',
    match: { severity: 'critical' },
    severity: 'SEV1',
  },
  {
    id: 'events-error',
    description: 'Events v2 severity error',
    source: 'events',
    match: { severity: 'error' },
    severity: 'SEV2',
  },
];

function compileValue(value: string, where: string): (v: string) => boolean {
  if (value.length >= 2 && value.startsWith('/') && value.endsWith('/')) {
    let regex: RegExp;
    try {
      regex = new RegExp(`^(?:${value.slice(1, -1)})$`);
    } catch (e) {
      throw new Error(`${where}: invalid regular expression ${value}: ${e}`);
    }
    return v => regex.test(v);
  }
  return v => v === value;
}

export function compileRule(
  rule: AlertRule,
  where = `rule ${rule.id}`,
): CompiledRule {
  const entries = Object.entries(rule.match);
  if (entries.length === 0) {
    throw new Error(`${where}: match must name at least one label`);
  }
  const tests = entries.map(([label, value]) => {
    const test = compileValue(value, `${where}, match.${label}`);
    return (labels: Record<string, string>) => test(labels[label] ?? '');
  });
  return { ...rule, test: labels => tests.every(t => t(labels)) };
}

/** Reads `incidents.alerts.rules`; when absent, the defaults. Throws on invalid rules. */
export function readAlertRules(config: Config): CompiledRule[] {
  const configs = config.getOptionalConfigArray('incidents.alerts.rules');
  if (!configs) {
    return DEFAULT_ALERT_RULES.map(r => compileRule(r));
  }
  const seen = new Set<string>();
  return configs.map((c, index) => {
    const where = `incidents.alerts.rules[${index}]`;
    const id = c.getString('id');
    if (seen.has(id)) {
      throw new Error(`${where}: duplicate rule id '${id}'`);
    }
    seen.add(id);
    const severity = c.getOptionalString('severity');
    if (
      severity !== undefined &&
      !(SEVERITIES as readonly string[]).includes(severity)
    ) {
      throw new Error(
        `${where}.severity: '${severity}' is not one of ${SEVERITIES.join(
          ', ',
        )}`,
      );
    }
    const source = c.getOptionalString('source');
    if (
      source !== undefined &&
      !(ALERT_SOURCES as readonly string[]).includes(source)
    ) {
      throw new Error(
        `${where}.source: '${source}' is not one of ${ALERT_SOURCES.join(
          ', ',
        )}`,
      );
    }
    const roles = c.getOptionalStringArray('roles') ?? [];
    for (const role of roles) {
      if (!(ROLE_IDS as readonly string[]).includes(role)) {
        throw new Error(`${where}.roles: unknown role '${role}'`);
      }
    }
    const matchConfig = c.getConfig('match');
    const match: Record<string, string> = {};
    for (const key of matchConfig.keys()) {
      match[key] = String(matchConfig.get(key));
    }
    return compileRule(
      {
        id,
        description: c.getOptionalString('description'),
        source: source as AlertSource | undefined,
        match,
        severity: severity as Severity | undefined,
        restricted: c.getOptionalBoolean('restricted') ?? false,
        roles: roles as RoleId[],
        group: c.getOptionalString('group'),
      },
      where,
    );
  });
}

/** Every rule that matches, combined: the most severe severity wins, flags add up. */
export function evaluateRules(
  rules: CompiledRule[],
  alert: { source: AlertSource; labels: Record<string, string> },
): RuleOutcome {
  const matched = rules.filter(
    r => (!r.source || r.source === alert.source) && r.test(alert.labels),
  );
  let severity: Severity | undefined;
  for (const rule of matched) {
    if (rule.severity && (!severity || rule.severity < severity)) {
      severity = rule.severity;
    }
  }
  const roles = new Set<RoleId>();
  for (const rule of matched) {
    rule.roles?.forEach(r => roles.add(r));
  }
  const group = severity
    ? matched.find(r => r.severity === severity && r.group)?.group
    : undefined;
  return {
    ruleIds: matched.map(r => r.id),
    ...(severity ? { severity } : {}),
    restricted: matched.some(r => r.restricted),
    roles: [...roles],
    ...(group ? { group } : {}),
  };
}
