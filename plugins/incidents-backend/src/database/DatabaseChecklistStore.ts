import { ConflictError, NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';
import {
  ChecklistDecision,
  ChecklistItemRequest,
  ChecklistItemState,
  decideChecklistUpdate,
} from '../domain/response';
import { IncidentTransactions } from './IncidentTransactions';
import { IncidentKey, MutationContext, MutationResult } from './IncidentsStore';
import { ChecklistRow } from './responseRows';
import { toDbTimestamp, toIsoString } from './rows';

/** Stored state of a checklist item, as the API shows it. */
export interface StoredChecklistItem extends ChecklistItemState {
  itemId: string;
  doneAt?: string;
  doneBy?: string;
  updatedAt: string;
  updatedBy: string;
}

function fromRow(row: ChecklistRow): StoredChecklistItem {
  return {
    itemId: row.item_id,
    ...(row.assignee_ref ? { assigneeRef: row.assignee_ref } : {}),
    done: Boolean(row.done),
    ...(row.done_at ? { doneAt: toIsoString(row.done_at) } : {}),
    ...(row.done_by ? { doneBy: row.done_by } : {}),
    updatedAt: toIsoString(row.updated_at),
    updatedBy: row.updated_by,
    version: Number(row.version),
  };
}

/** State of the incidents' phase checklists (the items themselves are data in common). */
export class DatabaseChecklistStore {
  constructor(
    private readonly db: Knex,
    private readonly incidents: IncidentTransactions,
  ) {}

  async listItems(
    incidentId: string,
  ): Promise<Map<string, StoredChecklistItem>> {
    const rows: ChecklistRow[] = await this.db('incident_checklist').where({
      incident_id: incidentId,
    });
    return new Map(rows.map(row => [row.item_id, fromRow(row)]));
  }

  /**
   * Assigns and/or checks one item under the incident's lock, with its timeline entry.
   * Throws NotFoundError for an item that does not apply and ConflictError for a stale version.
   */
  async updateItem(
    key: IncidentKey,
    itemId: string,
    context: MutationContext,
    request: ChecklistItemRequest,
  ): Promise<
    MutationResult & {
      result: { decision: ChecklistDecision; item?: StoredChecklistItem };
    }
  > {
    return this.incidents.mutateIncidentWith<{
      decision: ChecklistDecision;
      item?: StoredChecklistItem;
    }>(key, context, async (incident, trx) => {
      const row: ChecklistRow | undefined = await trx('incident_checklist')
        .where({ incident_id: incident.id, item_id: itemId })
        .first();
      const current = row ? fromRow(row) : undefined;
      const decision = decideChecklistUpdate(
        incident,
        itemId,
        current,
        request,
      );
      if (decision.outcome === 'unknown-item') {
        throw new NotFoundError(decision.message);
      }
      if (decision.outcome === 'conflict') {
        throw Object.assign(new ConflictError(decision.message), {
          currentVersion: decision.currentVersion,
        });
      }
      if (decision.outcome === 'unchanged') {
        return { result: { decision, item: current } };
      }
      const at = toDbTimestamp(context.at);
      // Checking an item records who and when; it stays theirs until it is reopened.
      let doneAt: Date | null = null;
      let doneBy: string | null = null;
      if (decision.next.done && current?.done) {
        doneAt = current.doneAt ? toDbTimestamp(current.doneAt) : at;
        doneBy = current.doneBy ?? context.actor;
      } else if (decision.next.done) {
        doneAt = at;
        doneBy = context.actor;
      }
      const values = {
        assignee_ref: decision.next.assigneeRef ?? null,
        done: decision.next.done,
        done_at: doneAt,
        done_by: doneBy,
        updated_at: at,
        updated_by: context.actor,
        version: (current?.version ?? 0) + 1,
      };
      if (row) {
        await trx('incident_checklist')
          .where({ incident_id: incident.id, item_id: itemId })
          .update(values);
      } else {
        await trx('incident_checklist').insert({
          incident_id: incident.id,
          item_id: itemId,
          ...values,
        });
      }
      const written: ChecklistRow | undefined = await trx('incident_checklist')
        .where({ incident_id: incident.id, item_id: itemId })
        .first();
      return {
        change: {
          fields: {},
          timeline: [decision.timeline],
          announce: 'checklist',
        },
        result: { decision, item: written ? fromRow(written) : undefined },
      };
    });
  }
}
