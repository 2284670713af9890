import {
  AlertLink,
  AlertRoutedBy,
  AlertSource,
  AlertStatus,
  RoleId,
  Severity,
} from '@firebreak/plugin-incidents-common';
import { createHash } from 'node:crypto';
import { PreparedAlert, RuleOutcome } from './types';

/**
 * Pure decisions of alert ingestion: what an incoming notification does to a stored alert.
 * The store reads the current state under lock, asks these functions, and writes.
 */

/** An alert as stored (camelCase mirror of the `alerts` row). */
export interface AlertState {
  id: string;
  source: AlertSource;
  scope: string;
  dedupKey: string;
  groupKey: string;
  incidentGroup: string;
  incidentGroupHash: string;
  status: AlertStatus;
  name: string;
  summary: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  links: AlertLink[];
  details: Record<string, unknown>;
  entityRef?: string;
  routedBy?: AlertRoutedBy;
  routeNote?: string;
  ruleSeverity?: Severity;
  ruleIds: string[];
  ruleRoles: RoleId[];
  restricted: boolean;
  startsAt: string;
  endsAt?: string;
  generatorUrl?: string;
  incidentId?: string;
  actor: string;
  occurrences: number;
  receivedAt: string;
  lastSeenAt: string;
  /** Last change of status, routing or incident. */
  updatedAt: string;
  /** See PreparedAlert.contentHash. */
  contentHash: string;
}

/**
 * What a notification did to an alert:
 * - fired: a new alert firing, or a resolved one firing again (a new occurrence);
 * - resolved / acknowledged: the status changed to that;
 * - rerouted: an unrouted alert found its entity (the catalog or the rules changed);
 * - unchanged: a repeat (Alertmanager re-sends, at-least-once delivery);
 * - stale: older than what is stored (a late retry), ignored;
 * - ignored: an Events acknowledge/resolve of an unknown or already settled alert.
 */
export type AlertEvent =
  | 'fired'
  | 'resolved'
  | 'acknowledged'
  | 'rerouted'
  | 'unchanged'
  | 'stale'
  | 'ignored';

export interface AlertDecision {
  event: AlertEvent;
  /** The alert after the notification; undefined when there is nothing to store. */
  next?: AlertState;
  /** True when more than `lastSeenAt` changed (status, content, routing). */
  changed: boolean;
  /** True when the alert did not exist before. */
  created: boolean;
}

/** Most severe first: 'SEV1' < 'SEV2'. */
export function moreSevere(
  a: Severity | undefined,
  b: Severity | undefined,
): Severity | undefined {
  if (!a) return b;
  if (!b) return a;
  return a < b ? a : b;
}

export function isActive(status: AlertStatus): boolean {
  return status !== 'resolved';
}

/**
 * The incident group of an alert: one open incident per entity and group. Rules may share a
 * group (so a more severe rule raises the open incident); otherwise it is the Alertmanager
 * group, or the Events dedup key. Restricted alerts never share an incident with
 * unrestricted ones.
 */
export function incidentGroupOf(
  alert: Pick<PreparedAlert, 'source' | 'scope' | 'groupKey' | 'dedupKey'>,
  rule: Pick<RuleOutcome, 'group' | 'restricted'>,
): { incidentGroup: string; incidentGroupHash: string } {
  let group: string;
  if (rule.group) {
    group = `rule:${rule.group}`;
  } else if (alert.source === 'alertmanager') {
    group = `am:${alert.groupKey}`;
  } else {
    group = `events:${alert.scope}:${alert.dedupKey}`;
  }
  if (rule.restricted) {
    group += '|restricted';
  }
  return {
    incidentGroup: group,
    incidentGroupHash: createHash('sha256').update(group).digest('hex'),
  };
}

function time(iso: string | undefined): number {
  return iso ? Date.parse(iso) : 0;
}

function fresh(incoming: PreparedAlert, id: string, now: string): AlertState {
  const firing = incoming.action === 'fire';
  return {
    id,
    source: incoming.source,
    scope: incoming.scope,
    dedupKey: incoming.dedupKey,
    groupKey: incoming.groupKey,
    incidentGroup: incoming.incidentGroup,
    incidentGroupHash: incoming.incidentGroupHash,
    status: firing ? 'firing' : 'resolved',
    name: incoming.name,
    summary: incoming.summary,
    labels: incoming.labels,
    annotations: incoming.annotations,
    links: incoming.links,
    details: incoming.details,
    ...(incoming.route.entityRef
      ? { entityRef: incoming.route.entityRef }
      : {}),
    ...(incoming.route.routedBy ? { routedBy: incoming.route.routedBy } : {}),
    ...(incoming.route.note ? { routeNote: incoming.route.note } : {}),
    ...(incoming.rule.severity ? { ruleSeverity: incoming.rule.severity } : {}),
    ruleIds: incoming.rule.ruleIds,
    ruleRoles: incoming.rule.roles,
    restricted: incoming.rule.restricted,
    startsAt: incoming.startsAt,
    ...(firing ? {} : { endsAt: incoming.endsAt ?? now }),
    ...(incoming.generatorUrl ? { generatorUrl: incoming.generatorUrl } : {}),
    actor: incoming.actor,
    occurrences: 1,
    receivedAt: now,
    lastSeenAt: now,
    updatedAt: now,
    contentHash: incoming.contentHash,
  };
}

/** Content of a full notification: what a repeat may refresh without a state change. */
function withContent(current: AlertState, incoming: PreparedAlert): AlertState {
  const next: AlertState = {
    ...current,
    name: incoming.name,
    summary: incoming.summary,
    labels: incoming.labels,
    annotations: incoming.annotations,
    links: incoming.links,
    details: incoming.details,
    ruleIds: incoming.rule.ruleIds,
    ruleRoles: incoming.rule.roles,
    restricted: incoming.rule.restricted,
    incidentGroup: incoming.incidentGroup,
    incidentGroupHash: incoming.incidentGroupHash,
    groupKey: incoming.groupKey,
    contentHash: incoming.contentHash,
  };
  if (incoming.rule.severity) {
    next.ruleSeverity = incoming.rule.severity;
  } else {
    delete next.ruleSeverity;
  }
  if (incoming.generatorUrl) {
    next.generatorUrl = incoming.generatorUrl;
  }
  // Routing is sticky: an alert keeps its entity (and a hand-routed one its hand routing);
  // only an unrouted alert takes the new routing.
  if (!current.entityRef && incoming.route.entityRef) {
    next.entityRef = incoming.route.entityRef;
    next.routedBy = incoming.route.routedBy;
    if (incoming.route.note) {
      next.routeNote = incoming.route.note;
    } else {
      delete next.routeNote;
    }
  } else if (!current.entityRef) {
    if (incoming.route.note) {
      next.routeNote = incoming.route.note;
    }
  }
  return next;
}

function contentChanged(a: AlertState, b: AlertState): boolean {
  return (
    a.contentHash !== b.contentHash ||
    a.routeNote !== b.routeNote ||
    a.entityRef !== b.entityRef
  );
}

/** The digest of {@link PreparedAlert.contentHash}. */
export function contentHashOf(
  alert: Omit<PreparedAlert, 'contentHash' | 'route'>,
): string {
  return createHash('sha1')
    .update(
      JSON.stringify([
        alert.name,
        alert.summary,
        alert.labels,
        alert.annotations,
        alert.links,
        alert.details,
        alert.generatorUrl ?? null,
        alert.groupKey,
        alert.incidentGroupHash,
        alert.rule.severity ?? null,
        alert.rule.ruleIds,
        alert.rule.roles,
        alert.rule.restricted,
      ]),
    )
    .digest('hex');
}

/**
 * What `incoming` does to the stored alert `current` (undefined: not stored yet). `newId` is
 * the id a new alert gets. Idempotent: the same notification twice yields `unchanged` the
 * second time, and Alertmanager notifications older than the stored occurrence are `stale`.
 */
export function decideAlert(
  current: AlertState | undefined,
  incoming: PreparedAlert,
  context: { now: string; newId: string },
): AlertDecision {
  const { now } = context;
  if (!current) {
    if (incoming.statusOnly) {
      return { event: 'ignored', changed: false, created: false };
    }
    const next = fresh(incoming, context.newId, now);
    return {
      event: next.status === 'firing' ? 'fired' : 'resolved',
      next,
      changed: true,
      created: true,
    };
  }

  const seen = { ...current, lastSeenAt: now };
  const stateChange = (
    event: AlertEvent,
    patch: Partial<AlertState>,
    base: AlertState = seen,
  ): AlertDecision => {
    const next: AlertState = { ...base, ...patch, updatedAt: now };
    if (next.status !== 'resolved') {
      delete next.endsAt;
    }
    return { event, next, changed: true, created: false };
  };

  if (incoming.statusOnly) {
    if (incoming.action === 'resolve' && isActive(current.status)) {
      return stateChange('resolved', {
        status: 'resolved',
        endsAt: incoming.endsAt ?? now,
      });
    }
    if (incoming.action === 'acknowledge' && current.status === 'firing') {
      return stateChange('acknowledged', { status: 'acknowledged' });
    }
    return { event: 'ignored', next: seen, changed: false, created: false };
  }

  const content = withContent(seen, incoming);
  const rerouted = !current.entityRef && Boolean(content.entityRef);
  const incomingStart = time(incoming.startsAt);
  const storedStart = time(current.startsAt);
  // Alertmanager says when each occurrence started, so late retries are recognisable;
  // events carry no such order and are taken as they come.
  const ordered = incoming.source === 'alertmanager';
  if (ordered && incomingStart < storedStart) {
    return { event: 'stale', next: seen, changed: false, created: false };
  }
  const newOccurrence = ordered && incomingStart > storedStart;

  if (incoming.action === 'fire') {
    if (current.status === 'resolved') {
      if (ordered && !newOccurrence) {
        // The occurrence already resolved; this is a late copy of its firing notification.
        return { event: 'stale', next: seen, changed: false, created: false };
      }
      return stateChange(
        'fired',
        {
          status: 'firing',
          startsAt: incoming.startsAt,
          occurrences: current.occurrences + 1,
        },
        content,
      );
    }
    if (newOccurrence) {
      // Firing again with a later start: the resolve in between never reached us.
      return stateChange(
        'fired',
        {
          status: 'firing',
          startsAt: incoming.startsAt,
          occurrences: current.occurrences + 1,
        },
        content,
      );
    }
  } else if (incoming.action === 'resolve') {
    if (isActive(current.status) || newOccurrence) {
      return stateChange(
        'resolved',
        {
          status: 'resolved',
          startsAt: newOccurrence ? incoming.startsAt : current.startsAt,
          endsAt: incoming.endsAt ?? now,
          occurrences: current.occurrences + (newOccurrence ? 1 : 0),
        },
        content,
      );
    }
  }

  if (rerouted) {
    return {
      event: 'rerouted',
      next: { ...content, updatedAt: now },
      changed: true,
      created: false,
    };
  }
  return {
    event: 'unchanged',
    next: content,
    changed: contentChanged(current, content),
    created: false,
  };
}
