import {
  Incident,
  IncidentEntity,
  IncidentSource,
  Phase,
  Severity,
  TimelineEntry,
  TimelineKind,
  formatIncidentRef,
} from '@firebreak/plugin-incidents-common';
import { IncidentFieldChanges } from '../domain';

/** A timestamp as a driver returns it: Date (pg), epoch millis (better-sqlite3) or text. */
export type DbTimestamp = Date | number | string;

export interface IncidentRow {
  id: string;
  number: number | string;
  title: string;
  summary: string;
  customer_impact: string;
  severity: Severity;
  phase: Phase;
  regions: string;
  restricted: boolean | number;
  source: IncidentSource;
  created_by: string;
  declared_at: DbTimestamp;
  acknowledged_at: DbTimestamp | null;
  mitigated_at: DbTimestamp | null;
  resolved_at: DbTimestamp | null;
  closed_at: DbTimestamp | null;
  updated_at: DbTimestamp;
  version: number | string;
  cost_impact?: boolean | number;
  data_exposure?: boolean | number;
  backlog_group_ref?: string | null;
  backlog_assign_at?: DbTimestamp | null;
  backlog_assigned_at?: DbTimestamp | null;
  sla_due_at?: DbTimestamp | null;
}

export interface IncidentEntityRow {
  incident_id: string;
  entity_ref: string;
  relation: IncidentEntity['relation'];
  owner_ref: string | null;
}

export interface TimelineRow {
  id: number | string;
  incident_id: string;
  at: DbTimestamp;
  actor: string;
  kind: TimelineKind;
  body: string;
  details: string;
}

const ISO_UTC_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** Normalises what SQLite and PostgreSQL return for a timestamp to an ISO 8601 string. */
export function toIsoString(value: DbTimestamp): string {
  if (typeof value === 'string' && ISO_UTC_MS.test(value)) {
    return value; // already the API's form (PostgreSQL text, see textTimestamps.ts)
  }
  if (value instanceof Date) {
    return value.toISOString();
  }
  if (typeof value === 'number' || /^\d+$/.test(value)) {
    return new Date(Number(value)).toISOString();
  }
  // SQLite's CURRENT_TIMESTAMP is UTC without a zone designator.
  const text = /(Z|[+-]\d\d:?\d\d)$/i.test(value)
    ? value
    : `${value.replace(' ', 'T')}Z`;
  return new Date(text).toISOString();
}

export function optionalIso(
  value: DbTimestamp | null | undefined,
): string | undefined {
  return value === null || value === undefined ? undefined : toIsoString(value);
}

/** ISO string → value to bind; Date binds as timestamptz in pg and epoch millis in SQLite. */
export function toDbTimestamp(iso: string): Date {
  return new Date(iso);
}

/** JSON text of a column, or `fallback` when it is empty or not JSON. */
export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (!text) {
    return fallback;
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function incidentFromRow(
  row: IncidentRow,
  entities: IncidentEntityRow[],
  commanderRef?: string,
): Incident {
  const number = Number(row.number);
  const backlogAssignAt = optionalIso(row.backlog_assign_at ?? null);
  const backlogAssignedAt = optionalIso(row.backlog_assigned_at ?? null);
  return {
    id: row.id,
    ref: formatIncidentRef(number),
    number,
    title: row.title,
    summary: row.summary,
    customerImpact: row.customer_impact,
    severity: row.severity,
    phase: row.phase,
    regions: parseJson<string[]>(row.regions, []),
    entities: entities.map(entityFromRow),
    restricted: Boolean(row.restricted),
    costImpact: Boolean(row.cost_impact),
    dataExposure: Boolean(row.data_exposure),
    ...(commanderRef ? { commanderRef } : {}),
    ...(row.backlog_group_ref && backlogAssignAt
      ? {
          backlog: {
            groupRef: row.backlog_group_ref,
            assignAt: backlogAssignAt,
            ...(backlogAssignedAt ? { assignedAt: backlogAssignedAt } : {}),
          },
        }
      : {}),
    source: row.source,
    createdBy: row.created_by,
    declaredAt: toIsoString(row.declared_at),
    acknowledgedAt: optionalIso(row.acknowledged_at),
    mitigatedAt: optionalIso(row.mitigated_at),
    resolvedAt: optionalIso(row.resolved_at),
    closedAt: optionalIso(row.closed_at),
    updatedAt: toIsoString(row.updated_at),
    ...(row.sla_due_at ? { slaDueAt: toIsoString(row.sla_due_at) } : {}),
    version: Number(row.version),
  };
}

function entityFromRow(row: IncidentEntityRow): IncidentEntity {
  return {
    entityRef: row.entity_ref,
    relation: row.relation,
    ...(row.owner_ref ? { ownerRef: row.owner_ref } : {}),
  };
}

export function timelineEntryFromRow(row: TimelineRow): TimelineEntry {
  return {
    id: String(row.id),
    incidentId: row.incident_id,
    at: toIsoString(row.at),
    actor: row.actor,
    kind: row.kind,
    body: row.body,
    details: parseJson<Record<string, unknown>>(row.details, {}),
  };
}

const FIELD_COLUMNS: Record<keyof IncidentFieldChanges, keyof IncidentRow> = {
  title: 'title',
  summary: 'summary',
  customerImpact: 'customer_impact',
  severity: 'severity',
  regions: 'regions',
  phase: 'phase',
  acknowledgedAt: 'acknowledged_at',
  mitigatedAt: 'mitigated_at',
  resolvedAt: 'resolved_at',
  closedAt: 'closed_at',
  costImpact: 'cost_impact',
  dataExposure: 'data_exposure',
  backlogAssignedAt: 'backlog_assigned_at',
};

const TIMESTAMP_FIELDS = new Set<keyof IncidentFieldChanges>([
  'acknowledgedAt',
  'mitigatedAt',
  'resolvedAt',
  'closedAt',
  'backlogAssignedAt',
]);

/** The column values a set of field changes writes. */
export function columnsForChanges(
  fields: IncidentFieldChanges,
): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(fields) as [
    keyof IncidentFieldChanges,
    unknown,
  ][]) {
    if (value === undefined) {
      continue;
    }
    const column = FIELD_COLUMNS[field];
    if (field === 'regions') {
      columns[column] = JSON.stringify(value);
    } else if (TIMESTAMP_FIELDS.has(field)) {
      columns[column] = toDbTimestamp(value as string);
    } else {
      columns[column] = value;
    }
  }
  return columns;
}
