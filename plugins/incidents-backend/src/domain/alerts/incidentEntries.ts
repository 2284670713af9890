import { RoleId, Severity } from '@firebreak/plugin-incidents-common';
import { NewTimelineEntry } from '..';
import { AlertState, isActive, moreSevere } from './lifecycle';
import { CompiledRule } from './rules';
import { formatTime } from '../response/time';

/** What happened to one alert of an incident in one write. */
export interface IncidentAlertChange {
  alert: AlertState;
  /** joined: newly attached to the incident; the others are status changes. */
  event: 'joined' | 'fired' | 'resolved' | 'acknowledged';
}

const MAX_LISTED = 50;

function describeNames(alerts: AlertState[]): string {
  const counts = new Map<string, number>();
  for (const a of alerts) {
    counts.set(a.name, (counts.get(a.name) ?? 0) + 1);
  }
  const parts = [...counts.entries()].map(([name, n]) =>
    n > 1 ? `${name} ×${n}` : name,
  );
  return parts.length > 5
    ? `${parts.slice(0, 5).join(', ')} and ${parts.length - 5} more`
    : parts.join(', ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * One `alert` timeline entry summing up what a delivery did to an incident's alerts (a
 * 200-alert notification makes one entry, not 200).
 */
export function alertTimelineEntry(
  changes: IncidentAlertChange[],
): NewTimelineEntry | undefined {
  if (changes.length === 0) {
    return undefined;
  }
  const firing = changes.filter(
    c =>
      (c.event === 'joined' || c.event === 'fired') && isActive(c.alert.status),
  );
  const refired = firing.filter(c => c.event === 'fired');
  const resolved = changes.filter(
    c =>
      c.event === 'resolved' ||
      (c.event === 'joined' && !isActive(c.alert.status)),
  );
  const acknowledged = changes.filter(c => c.event === 'acknowledged');

  const parts: string[] = [];
  if (firing.length > 0) {
    parts.push(
      `${plural(firing.length, 'alert')} firing${
        refired.length > 0 ? ` (${refired.length} again)` : ''
      }: ${describeNames(firing.map(c => c.alert))}`,
    );
  }
  if (acknowledged.length > 0) {
    parts.push(
      `${plural(
        acknowledged.length,
        'alert',
      )} acknowledged at the source: ${describeNames(
        acknowledged.map(c => c.alert),
      )}`,
    );
  }
  if (resolved.length > 0) {
    parts.push(
      `${plural(resolved.length, 'alert')} resolved: ${describeNames(
        resolved.map(c => c.alert),
      )}`,
    );
  }
  return {
    kind: 'alert',
    body: parts.join('; '),
    details: {
      firing: firing.length,
      acknowledged: acknowledged.length,
      resolved: resolved.length,
      alerts: changes.slice(0, MAX_LISTED).map(c => ({
        id: c.alert.id,
        event: c.event,
        name: c.alert.name,
        status: c.alert.status,
        source: c.alert.source,
        dedupKey: c.alert.dedupKey,
        startsAt: c.alert.startsAt,
        ...(c.alert.endsAt ? { endsAt: c.alert.endsAt } : {}),
        ...(c.alert.generatorUrl ? { generatorUrl: c.alert.generatorUrl } : {}),
        ...(c.alert.ruleSeverity ? { severity: c.alert.ruleSeverity } : {}),
      })),
      ...(changes.length > MAX_LISTED
        ? { truncated: changes.length - MAX_LISTED }
        : {}),
    },
  };
}

/** The entry saying that every alert of the incident has resolved. */
export function alertsClearedEntry(alertCount: number): NewTimelineEntry {
  return {
    kind: 'alert',
    body: `All ${plural(
      alertCount,
      'alert',
    )} of this incident have resolved: verify recovery before resolving the incident`,
    details: { cleared: true, alertCount },
  };
}

/** The entry of a severity raised by a more severe alert rule. */
export function severityRaisedEntry(
  before: Severity,
  after: Severity,
  alerts: AlertState[],
): NewTimelineEntry {
  const ruleIds = [
    ...new Set(
      alerts.filter(a => a.ruleSeverity === after).flatMap(a => a.ruleIds),
    ),
  ];
  return {
    kind: 'update',
    body: `Updated severity ${before} → ${after}: alert ${describeNames(
      alerts.filter(a => a.ruleSeverity === after),
    )} matched a ${after} declaration rule`,
    details: {
      changes: [{ field: 'severity', before, after }],
      source: 'alert',
      ruleIds,
    },
  };
}

/** The most severe rule severity among alerts that are active. */
export function activeSeverity(alerts: AlertState[]): Severity | undefined {
  let severity: Severity | undefined;
  for (const a of alerts) {
    if (isActive(a.status)) {
      severity = moreSevere(severity, a.ruleSeverity);
    }
  }
  return severity;
}

/**
 * What to declare for a group of alerts, stored with the claim so that another replica can
 * finish the declaration if this one dies.
 */
export interface DeclarationSpec {
  entityRef: string;
  severity: Severity;
  title: string;
  summary: string;
  customerImpact: string;
  regions: string[];
  restricted: boolean;
  roles: RoleId[];
  ruleIds: string[];
  /** Recorded as the declaring actor. */
  actor: string;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The declaration of an incident for `alerts` (active, same entity and incident group). */
export function declarationFor(
  alerts: AlertState[],
  rules: CompiledRule[],
): DeclarationSpec | undefined {
  const severity = activeSeverity(alerts);
  const entityRef = alerts[0]?.entityRef;
  if (!severity || !entityRef) {
    return undefined;
  }
  const lead = alerts.find(
    a => isActive(a.status) && a.ruleSeverity === severity,
  )!;
  const ruleIds = [...new Set(alerts.flatMap(a => a.ruleIds))];
  const declaring = rules.filter(
    r => r.severity === severity && lead.ruleIds.includes(r.id),
  );
  const ruleText = declaring
    .map(r => (r.description ? `${r.id} (${r.description})` : r.id))
    .join(', ');
  const description =
    lead.annotations.description &&
    lead.annotations.description !== lead.summary
      ? lead.annotations.description
      : '';
  const others = alerts.length - 1;
  const summary = [
    `Declared automatically: alert ${
      lead.name
    } matched the ${severity} declaration rule ${
      ruleText || lead.ruleIds.join(', ')
    }.`,
    description,
    [
      `Started at ${formatTime(lead.startsAt)}.`,
      lead.generatorUrl ? `Source: ${lead.generatorUrl}` : '',
      lead.annotations.runbook_url
        ? `Runbook: ${lead.annotations.runbook_url}`
        : '',
    ]
      .filter(Boolean)
      .join(' '),
    others > 0 ? `${plural(others, 'more alert')} in the same group.` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  const regions = [
    ...new Set(
      alerts
        .map(a => a.labels.region?.trim())
        .filter((r): r is string => Boolean(r) && r!.length <= 100),
    ),
  ].slice(0, 50);
  const roles = [...new Set(alerts.flatMap(a => a.ruleRoles))];
  return {
    entityRef,
    severity,
    title: clip(lead.summary || lead.name, 200),
    summary: clip(summary, 10_000),
    customerImpact: '',
    regions,
    restricted: alerts.some(a => a.restricted),
    roles,
    ruleIds,
    actor: lead.actor,
  };
}
