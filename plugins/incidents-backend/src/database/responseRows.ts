import {
  IncidentRoleAssignment,
  OnCallPage,
  OnCallPageStatus,
  RoleId,
  Severity,
  formatIncidentRef,
} from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import { NewPage, NewRoleAssignment } from '../domain';
import { PageClosure } from '../domain/response';
import { DbTimestamp, optionalIso, toDbTimestamp, toIsoString } from './rows';

/** Rows of the response tables (roles, pages, checklist) and their mapping to API types. */

export interface RoleRow {
  incident_id: string;
  role: RoleId;
  user_ref: string;
  assigned_at: DbTimestamp;
  assigned_by: string;
  note: string | null;
  version: number | string;
}

export interface PageRow {
  id: string;
  incident_id: string;
  target_group_ref: string | null;
  target_user_ref: string | null;
  paged_by: string;
  reason: string;
  sent_at: DbTimestamp;
  ack_due_at: DbTimestamp;
  ack_at: DbTimestamp | null;
  acked_by: string | null;
  escalation_level: number | string;
  escalated_at: DbTimestamp | null;
  escalated_to: string | null;
  escalation_note: string | null;
  parent_page_id: string | null;
  closed_at?: DbTimestamp | null;
  closed_reason?: string | null;
  closed_note?: string | null;
}

/** A page row joined with its incident's number. */
export type PageRowWithNumber = PageRow & { incident_number: number | string };

export interface ChecklistRow {
  incident_id: string;
  item_id: string;
  assignee_ref: string | null;
  done: boolean | number;
  done_at: DbTimestamp | null;
  done_by: string | null;
  updated_at: DbTimestamp;
  updated_by: string;
  version: number | string;
}

export function roleAssignmentFromRow(row: RoleRow): IncidentRoleAssignment {
  return {
    role: row.role,
    userRef: row.user_ref,
    assignedAt: toIsoString(row.assigned_at),
    assignedBy: row.assigned_by,
    ...(row.note ? { note: row.note } : {}),
  };
}

function statusOf(row: PageRowWithNumber): OnCallPageStatus {
  if (row.ack_at) {
    return 'acknowledged';
  }
  if (row.escalated_at) {
    return 'escalated';
  }
  if (row.closed_at) {
    return row.closed_reason === 'cancelled' ? 'cancelled' : 'resolved';
  }
  return 'open';
}

export function pageFromRow(row: PageRowWithNumber): OnCallPage {
  const acknowledgedAt = optionalIso(row.ack_at);
  const escalatedAt = optionalIso(row.escalated_at);
  return {
    id: row.id,
    incidentId: row.incident_id,
    incidentRef: formatIncidentRef(Number(row.incident_number)),
    ...(row.target_group_ref ? { targetGroupRef: row.target_group_ref } : {}),
    ...(row.target_user_ref ? { targetUserRef: row.target_user_ref } : {}),
    pagedBy: row.paged_by,
    reason: row.reason,
    sentAt: toIsoString(row.sent_at),
    ackDueAt: toIsoString(row.ack_due_at),
    ...(acknowledgedAt
      ? { acknowledgedAt, acknowledgedBy: row.acked_by ?? undefined }
      : {}),
    escalationLevel: Number(row.escalation_level),
    ...(escalatedAt ? { escalatedAt } : {}),
    ...(row.escalated_to ? { escalatedTo: row.escalated_to } : {}),
    ...(row.escalation_note ? { escalationNote: row.escalation_note } : {}),
    ...(row.parent_page_id ? { parentPageId: row.parent_page_id } : {}),
    ...(row.closed_at
      ? {
          closedAt: toIsoString(row.closed_at),
          ...(row.closed_note ? { closedNote: row.closed_note } : {}),
        }
      : {}),
    status: statusOf(row),
  };
}

/** Who commands an incident declared with these first roles (a role named twice: its last holder). */
export function lastCommander(
  roles: readonly NewRoleAssignment[],
): string | undefined {
  return roles.filter(role => role.role === 'incident-commander').at(-1)
    ?.userRef;
}

/**
 * What incident_roles copies of its incident (migration 20261202000000), for the partial
 * index of open incidents' commanders that the Incident Commander rule reads.
 */
export interface RoleIncidentCopies {
  number: number;
  severity: Severity;
  restricted: boolean;
  closed: boolean;
}

function copyColumns(copies: RoleIncidentCopies) {
  return {
    incident_number: copies.number,
    incident_severity: copies.severity,
    incident_restricted: copies.restricted,
    incident_closed: copies.closed,
  };
}

/** The first role holders of a new incident, in one statement (each role's version 1). */
export async function insertFirstRoles(
  trx: Knex.Transaction,
  incidentId: string,
  roles: NewRoleAssignment[],
  context: { actor: string; at: string; incident: RoleIncidentCopies },
): Promise<void> {
  // A role named twice keeps its last holder, as one upsert after another would.
  const byRole = new Map(roles.map(role => [role.role, role]));
  if (byRole.size === 0) return;
  await trx('incident_roles').insert(
    [...byRole.values()].map(role => ({
      incident_id: incidentId,
      role: role.role,
      user_ref: role.userRef,
      assigned_at: toDbTimestamp(context.at),
      assigned_by: context.actor,
      note: role.note ?? null,
      version: 1,
      ...copyColumns(context.incident),
    })),
  );
}

/** Writes role holders inside the caller's transaction (insert or replace, version + 1). */
export async function upsertRoles(
  trx: Knex.Transaction,
  incidentId: string,
  roles: NewRoleAssignment[],
  context: { actor: string; at: string },
): Promise<void> {
  let incident: RoleIncidentCopies | undefined;
  for (const role of roles) {
    const current = await trx<RoleRow>('incident_roles')
      .where({ incident_id: incidentId, role: role.role })
      .first('version');
    const values = {
      user_ref: role.userRef,
      assigned_at: toDbTimestamp(context.at),
      assigned_by: context.actor,
      note: role.note ?? null,
      version: Number(current?.version ?? 0) + 1,
    };
    if (current) {
      await trx('incident_roles')
        .where({ incident_id: incidentId, role: role.role })
        .update(values);
    } else {
      // A role the incident did not have yet: its copies from the incident as it is now
      // (a change later in this transaction moves them with the incident's other rows).
      incident ??= await readRoleIncidentCopies(trx, incidentId);
      await trx('incident_roles').insert({
        incident_id: incidentId,
        role: role.role,
        ...values,
        ...copyColumns(incident),
      });
    }
  }
}

async function readRoleIncidentCopies(
  trx: Knex.Transaction,
  incidentId: string,
): Promise<RoleIncidentCopies> {
  const row = await trx('incidents')
    .where({ id: incidentId })
    .first('number', 'severity', 'restricted', 'phase');
  return {
    number: Number(row.number),
    severity: row.severity,
    restricted: Boolean(row.restricted),
    closed: row.phase === 'closed',
  };
}

/** Records pages inside the caller's transaction. */
export async function insertPages(
  trx: Knex.Transaction,
  incidentId: string,
  pages: NewPage[],
  context: { actor: string; at: string },
): Promise<void> {
  if (pages.length === 0) {
    return;
  }
  await trx('incident_pages').insert(
    pages.map(page => ({
      id: page.id,
      incident_id: incidentId,
      target_group_ref: page.targetGroupRef ?? null,
      target_user_ref: page.targetUserRef ?? null,
      paged_by: context.actor,
      reason: page.reason,
      sent_at: toDbTimestamp(context.at),
      ack_due_at: toDbTimestamp(page.ackDueAt),
      ack_at: null,
      acked_by: null,
      escalation_level: page.escalationLevel,
      escalated_at: null,
      escalated_to: null,
      escalation_note: null,
      parent_page_id: page.parentPageId ?? null,
    })),
  );
}

/** Open pages of an incident (not acknowledged, escalated or closed), inside a transaction. */
export async function readOpenPages(
  trx: Knex.Transaction,
  incidentId: string,
): Promise<OnCallPage[]> {
  const rows: PageRowWithNumber[] = await trx('incident_pages as p')
    .join('incidents as i', 'i.id', 'p.incident_id')
    .select('p.*', 'i.number as incident_number')
    .where('p.incident_id', incidentId)
    .whereNull('p.ack_at')
    .whereNull('p.escalated_at')
    .whereNull('p.closed_at');
  return rows.map(pageFromRow);
}

/** Writes what a change does to the incident's open pages (see `followUpPages`). */
export async function applyPageFollowUp(
  trx: Knex.Transaction,
  followUp: { acknowledge: string[]; close: PageClosure[] },
  context: { actor: string; at: string },
): Promise<void> {
  const at = toDbTimestamp(context.at);
  if (followUp.acknowledge.length > 0) {
    await trx('incident_pages')
      .whereIn('id', followUp.acknowledge)
      .whereNull('ack_at')
      .update({ ack_at: at, acked_by: context.actor });
  }
  for (const closure of followUp.close) {
    await trx('incident_pages')
      .where({ id: closure.pageId })
      .whereNull('ack_at')
      .whereNull('closed_at')
      .update({
        closed_at: at,
        closed_reason: closure.reason,
        closed_note: closure.note,
      });
  }
}
