import {
  AlertLink,
  AlertRoutedBy,
  AlertSource,
  AlertStatus,
  IncidentAlert,
  Phase,
  RoleId,
  Severity,
  formatIncidentRef,
} from '@firebreak/plugin-incidents-common';
import { AlertState } from '../../domain/alerts/lifecycle';
import {
  DbTimestamp,
  optionalIso,
  parseJson,
  toDbTimestamp,
  toIsoString,
} from '../rows';

/** Rows of the alert tables and their mapping to alert states and API types. */

export interface AlertRow {
  id: string;
  source: AlertSource;
  scope: string;
  dedup_key: string;
  group_key: string;
  incident_group: string;
  incident_group_hash: string;
  status: AlertStatus;
  name: string;
  summary: string;
  labels: string;
  annotations: string;
  links: string;
  details: string;
  entity_ref: string | null;
  routed_by: string | null;
  route_note: string | null;
  rule_severity: Severity | null;
  rule_ids: string;
  rule_roles: string;
  restricted: boolean | number;
  starts_at: DbTimestamp;
  ends_at: DbTimestamp | null;
  generator_url: string | null;
  incident_id: string | null;
  actor: string;
  occurrences: number | string;
  received_at: DbTimestamp;
  last_seen_at: DbTimestamp;
  updated_at: DbTimestamp;
  content_hash: string;
  /** From the incidents join of the read queries. */
  incident_number?: number | string | null;
}

/** A claim on an (entity, incident group): `alert_incident_groups`. */
export interface GroupRow {
  entity_ref: string;
  group_hash: string;
  incident_group: string;
  incident_id: string | null;
  claim_token: string | null;
  claimed_at: DbTimestamp | null;
  declaration: string | null;
  created_at: DbTimestamp;
}

/** What alert writes need to know of an incident. */
export interface IncidentInfo {
  id: string;
  number: number;
  phase: Phase;
  severity: Severity;
  version: number;
  restricted: boolean;
}

/** Columns written on every write of an alert (all but the identity and first receipt). */
export const MUTABLE_COLUMNS = [
  'group_key',
  'incident_group',
  'incident_group_hash',
  'status',
  'name',
  'summary',
  'labels',
  'annotations',
  'links',
  'details',
  'entity_ref',
  'routed_by',
  'route_note',
  'rule_severity',
  'rule_ids',
  'rule_roles',
  'restricted',
  'starts_at',
  'ends_at',
  'generator_url',
  'incident_id',
  'actor',
  'occurrences',
  'last_seen_at',
  'updated_at',
  'content_hash',
];

/** Columns of every alert row, in the order of the bulk statements. */
export const ALL_COLUMNS = [
  'id',
  'source',
  'scope',
  'dedup_key',
  'received_at',
  ...MUTABLE_COLUMNS,
];

/** What the first upsert returns: the state a decision needs, never the content. */
export const CORE_COLUMNS = [
  'id',
  'dedup_key',
  'status',
  'entity_ref',
  'routed_by',
  'route_note',
  'starts_at',
  'ends_at',
  'incident_id',
  'occurrences',
  'received_at',
  'updated_at',
  'content_hash',
];

export function stateFromRow(row: AlertRow): AlertState {
  const endsAt = optionalIso(row.ends_at);
  return {
    id: row.id,
    source: row.source,
    scope: row.scope,
    dedupKey: row.dedup_key,
    groupKey: row.group_key,
    incidentGroup: row.incident_group,
    incidentGroupHash: row.incident_group_hash,
    status: row.status,
    name: row.name,
    summary: row.summary,
    labels: parseJson(row.labels, {}),
    annotations: parseJson(row.annotations, {}),
    links: parseJson<AlertLink[]>(row.links, []),
    details: parseJson(row.details, {}),
    ...(row.entity_ref ? { entityRef: row.entity_ref } : {}),
    ...(row.routed_by ? { routedBy: row.routed_by as AlertRoutedBy } : {}),
    ...(row.route_note ? { routeNote: row.route_note } : {}),
    ...(row.rule_severity ? { ruleSeverity: row.rule_severity } : {}),
    ruleIds: parseJson<string[]>(row.rule_ids, []),
    ruleRoles: parseJson<RoleId[]>(row.rule_roles, []),
    restricted: Boolean(row.restricted),
    startsAt: toIsoString(row.starts_at),
    ...(endsAt ? { endsAt } : {}),
    ...(row.generator_url ? { generatorUrl: row.generator_url } : {}),
    ...(row.incident_id ? { incidentId: row.incident_id } : {}),
    actor: row.actor,
    occurrences: Number(row.occurrences),
    receivedAt: toIsoString(row.received_at),
    lastSeenAt: toIsoString(row.last_seen_at),
    updatedAt: toIsoString(row.updated_at),
    contentHash: row.content_hash,
  };
}

/**
 * A stored alert from the core columns, with the content of `current` (the incoming alert's
 * fresh state): content is compared by digest and rewritten from the delivery anyway.
 */
export function stateFromCore(
  row: Pick<AlertRow, (typeof CORE_COLUMNS)[number] & keyof AlertRow>,
  current: AlertState,
  now: string,
): AlertState {
  const state: AlertState = {
    ...current,
    id: row.id,
    status: row.status,
    startsAt: toIsoString(row.starts_at),
    occurrences: Number(row.occurrences),
    receivedAt: toIsoString(row.received_at),
    lastSeenAt: now,
    updatedAt: toIsoString(row.updated_at),
    contentHash: row.content_hash,
  };
  const endsAt = optionalIso(row.ends_at);
  for (const [key, value] of [
    ['endsAt', endsAt],
    ['entityRef', row.entity_ref ?? undefined],
    ['routedBy', row.routed_by ?? undefined],
    ['routeNote', row.route_note ?? undefined],
    ['incidentId', row.incident_id ?? undefined],
  ] as const) {
    if (value === undefined) {
      delete state[key];
    } else {
      (state as any)[key] = value;
    }
  }
  return state;
}

export function rowFromState(
  state: AlertState,
): Omit<AlertRow, 'incident_number'> {
  return {
    id: state.id,
    source: state.source,
    scope: state.scope,
    dedup_key: state.dedupKey,
    group_key: state.groupKey,
    incident_group: state.incidentGroup,
    incident_group_hash: state.incidentGroupHash,
    status: state.status,
    name: state.name,
    summary: state.summary,
    labels: JSON.stringify(state.labels),
    annotations: JSON.stringify(state.annotations),
    links: JSON.stringify(state.links),
    details: JSON.stringify(state.details),
    entity_ref: state.entityRef ?? null,
    routed_by: state.routedBy ?? null,
    route_note: state.routeNote ?? null,
    rule_severity: state.ruleSeverity ?? null,
    rule_ids: JSON.stringify(state.ruleIds),
    rule_roles: JSON.stringify(state.ruleRoles),
    restricted: state.restricted,
    starts_at: toDbTimestamp(state.startsAt),
    ends_at: state.endsAt ? toDbTimestamp(state.endsAt) : null,
    generator_url: state.generatorUrl ?? null,
    incident_id: state.incidentId ?? null,
    actor: state.actor,
    occurrences: state.occurrences,
    received_at: toDbTimestamp(state.receivedAt),
    last_seen_at: toDbTimestamp(state.lastSeenAt),
    updated_at: toDbTimestamp(state.updatedAt),
    content_hash: state.contentHash,
  };
}

export function alertFromRow(row: AlertRow): IncidentAlert {
  const s = stateFromRow(row);
  const number =
    row.incident_number === null || row.incident_number === undefined
      ? undefined
      : Number(row.incident_number);
  return {
    id: s.id,
    source: s.source,
    dedupKey: s.dedupKey,
    groupKey: s.groupKey,
    status: s.status,
    ...(s.entityRef ? { entityRef: s.entityRef } : {}),
    ...(s.routedBy ? { routedBy: s.routedBy } : {}),
    ...(s.routeNote ? { routeNote: s.routeNote } : {}),
    name: s.name,
    summary: s.summary,
    labels: s.labels,
    annotations: s.annotations,
    ...(s.ruleSeverity ? { severity: s.ruleSeverity } : {}),
    ruleIds: s.ruleIds,
    restricted: s.restricted,
    startsAt: s.startsAt,
    ...(s.endsAt ? { endsAt: s.endsAt } : {}),
    ...(s.generatorUrl ? { generatorUrl: s.generatorUrl } : {}),
    links: s.links,
    details: s.details,
    ...(s.incidentId ? { incidentId: s.incidentId } : {}),
    ...(s.incidentId && number !== undefined
      ? { incidentRef: formatIncidentRef(number) }
      : {}),
    receivedAt: s.receivedAt,
    lastSeenAt: s.lastSeenAt,
    occurrences: s.occurrences,
  };
}
