import {
  ActionItem,
  ActionItemPriority,
  ActionItemStatus,
  OPEN_ACTION_ITEM_STATUSES,
  Page,
} from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { VisibilityScope } from '../../domain/visibility';
import { decodeActionItemCursor, encodeActionItemCursor } from '../cursor';
import { toDbTimestamp } from '../rows';
import { whereIncidentVisible } from '../visibility';
import { WriteContext } from './DatabasePostmortemsStore';
import { bothCases, whereIncidentTouches } from '../incidentEntities';
import { ACTION_ITEM_COLUMNS, ActionItemRow, actionItemFromRow } from './rows';
import { withTextTimestamps } from '../textTimestamps';

type Db = Knex | Knex.Transaction;

export interface NewActionItem {
  incidentId: string;
  priority: ActionItemPriority;
  title: string;
  ownerRef?: string;
  assigneeRef?: string;
  dueAt?: string;
}

/** Fields a PATCH sets; null clears. */
export interface ActionItemEdits {
  priority?: ActionItemPriority;
  title?: string;
  ownerRef?: string | null;
  assigneeRef?: string | null;
  dueAt?: string | null;
  status?: ActionItemStatus;
}

function selectItems(db: Db) {
  return db('incident_action_items')
    .join('incidents', 'incidents.id', 'incident_action_items.incident_id')
    .select(ACTION_ITEM_COLUMNS);
}

export async function insertActionItem(
  trx: Knex.Transaction,
  item: NewActionItem,
  context: WriteContext,
): Promise<string> {
  const id = randomUUID();
  const at = toDbTimestamp(context.at);
  await trx('incident_action_items').insert({
    id,
    incident_id: item.incidentId,
    // The insights' copy of when the incident was declared (migration 20261203000000).
    incident_declared_at: trx('incidents')
      .where('id', item.incidentId)
      .select('declared_at'),
    priority: item.priority,
    title: item.title,
    owner_ref: item.ownerRef ?? null,
    assignee_ref: item.assigneeRef ?? null,
    due_at: item.dueAt ? toDbTimestamp(item.dueAt) : null,
    status: 'open',
    created_at: at,
    created_by: context.actor,
    updated_at: at,
    updated_by: context.actor,
    version: 1,
  });
  return id;
}

/** Applies `edits` when the item is still at `expectedVersion`; false otherwise. */
export async function updateActionItem(
  trx: Knex.Transaction,
  id: string,
  expectedVersion: number,
  edits: ActionItemEdits,
  context: WriteContext,
): Promise<boolean> {
  const columns: Record<string, unknown> = {};
  if (edits.priority !== undefined) columns.priority = edits.priority;
  if (edits.title !== undefined) columns.title = edits.title;
  if (edits.status !== undefined) columns.status = edits.status;
  if (edits.ownerRef !== undefined) columns.owner_ref = edits.ownerRef;
  if (edits.assigneeRef !== undefined) columns.assignee_ref = edits.assigneeRef;
  if (edits.dueAt !== undefined) {
    columns.due_at = edits.dueAt === null ? null : toDbTimestamp(edits.dueAt);
  }
  const updated = await trx('incident_action_items')
    .where({ id, version: expectedVersion })
    .update({
      ...columns,
      updated_at: toDbTimestamp(context.at),
      updated_by: context.actor,
      version: expectedVersion + 1,
    });
  return updated === 1;
}

export async function getActionItem(
  db: Db,
  id: string,
  now: Date,
): Promise<ActionItem | undefined> {
  const row: ActionItemRow | undefined = await selectItems(db)
    .where('incident_action_items.id', id)
    .first();
  return row ? actionItemFromRow(row, now) : undefined;
}

/** Section 7: an incident's items, oldest first (an incident has a handful). */
export async function actionItemsOfIncident(
  db: Db,
  incidentId: string,
  now: Date,
): Promise<ActionItem[]> {
  const rows: ActionItemRow[] = await selectItems(db)
    .where('incident_action_items.incident_id', incidentId)
    .orderBy([
      { column: 'incident_action_items.created_at', order: 'asc' },
      { column: 'incident_action_items.id', order: 'asc' },
    ])
    .limit(500);
  return rows.map(r => actionItemFromRow(r, now));
}

export interface ActionItemFilter {
  ownerRefs?: string[];
  /** Items of incidents affecting these entities. */
  entityRefs?: string[];
  incidentId?: string;
  statuses?: ActionItemStatus[];
  overdue?: boolean;
  cursor?: string;
  limit: number;
  visibleTo: VisibilityScope;
  now: Date;
}

/**
 * GET /v1/action-items: by due time, overdue first and undated last, then id (keyset).
 * Items of incidents hidden from the caller never reach the page.
 */
export async function listActionItems(
  db: Knex,
  filter: ActionItemFilter,
): Promise<Page<ActionItem>> {
  const query = selectItems(db)
    // Undated last, in both dialects; the order of incident_action_items_open_due_idx.
    .orderBy([
      { column: 'incident_action_items.due_at', order: 'asc', nulls: 'last' },
      { column: 'incident_action_items.id', order: 'asc' },
    ])
    .limit(filter.limit + 1);
  whereIncidentVisible(query, db, filter.visibleTo);
  if (filter.ownerRefs) {
    query.whereIn(
      'incident_action_items.owner_ref',
      bothCases(filter.ownerRefs),
    );
  }
  whereIncidentTouches(query, db, 'incident_action_items.incident_id', {
    entityRefs: filter.entityRefs,
  });
  if (filter.incidentId) {
    query.where('incident_action_items.incident_id', filter.incidentId);
  }
  if (filter.statuses) {
    query.whereIn('incident_action_items.status', filter.statuses);
  }
  if (filter.overdue !== undefined) {
    if (filter.overdue) {
      query
        .whereIn('incident_action_items.status', OPEN_ACTION_ITEM_STATUSES)
        .where('incident_action_items.due_at', '<', filter.now);
    } else {
      query.where(w =>
        w
          .whereNotIn('incident_action_items.status', OPEN_ACTION_ITEM_STATUSES)
          .orWhereNull('incident_action_items.due_at')
          .orWhere('incident_action_items.due_at', '>=', filter.now),
      );
    }
  }
  if (filter.cursor) {
    const after = decodeActionItemCursor(filter.cursor);
    if (after.d === null) {
      query
        .whereNull('incident_action_items.due_at')
        .where('incident_action_items.id', '>', after.id);
    } else {
      const d = new Date(after.d);
      query.where(w =>
        w
          .where('incident_action_items.due_at', '>', d)
          .orWhere(same =>
            same
              .where('incident_action_items.due_at', '=', d)
              .where('incident_action_items.id', '>', after.id),
          )
          .orWhereNull('incident_action_items.due_at'),
      );
    }
  }
  const rows: ActionItemRow[] = await withTextTimestamps(db, query);
  const items = rows
    .slice(0, filter.limit)
    .map(r => actionItemFromRow(r, filter.now));
  const last = items[items.length - 1];
  return {
    items,
    ...(rows.length > filter.limit
      ? { nextCursor: encodeActionItemCursor(last.dueAt, last.id) }
      : {}),
  };
}

/** The maintenance cadence: each owning team's overdue open items (bounded per team). */
export async function overdueActionItemsByOwner(
  db: Knex,
  now: Date,
  perTeam = 50,
): Promise<Map<string, ActionItem[]>> {
  const rows: ActionItemRow[] = await selectItems(db)
    .whereIn('incident_action_items.status', OPEN_ACTION_ITEM_STATUSES)
    .whereNotNull('incident_action_items.owner_ref')
    // A team outside a restricted incident's audience must not learn of it by e-mail.
    .where('incidents.restricted', false)
    .where('incident_action_items.due_at', '<', now)
    .orderBy([
      { column: 'incident_action_items.owner_ref' },
      { column: 'incident_action_items.due_at' },
    ])
    .limit(10_000);
  const byOwner = new Map<string, ActionItem[]>();
  for (const row of rows) {
    const list = byOwner.get(row.owner_ref!) ?? [];
    if (list.length < perTeam) list.push(actionItemFromRow(row, now));
    byOwner.set(row.owner_ref!, list);
  }
  return byOwner;
}
