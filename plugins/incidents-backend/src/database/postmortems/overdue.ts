import {
  Incident,
  IncidentEntity,
  formatIncidentRef,
} from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import { DbTimestamp, toIsoString } from '../rows';

/** An overdue postmortem this replica claimed, with what its notice needs of the incident. */
export interface ClaimedOverdue {
  incident: Pick<
    Incident,
    'id' | 'ref' | 'title' | 'commanderRef' | 'entities' | 'restricted'
  >;
  dueAt: string;
}

/**
 * Claims unpublished postmortems past their due time whose overdue notice for that due time
 * is not written yet. The claim is a conditional update, so of two replicas racing for one,
 * exactly one wins (the loser's update matches no row once the winner commits).
 */
export async function claimOverduePostmortems(
  trx: Knex.Transaction,
  now: Date,
  limit = 100,
): Promise<ClaimedOverdue[]> {
  const candidates: {
    id: string;
    incident_id: string;
    number: number | string;
    title: string;
    restricted: boolean | number;
    due_at: DbTimestamp;
  }[] = await trx('incident_postmortems')
    .join('incidents', 'incidents.id', 'incident_postmortems.incident_id')
    .whereIn('incident_postmortems.status', ['draft', 'in_review'])
    .where('incident_postmortems.due_at', '<', now)
    .where(w =>
      w
        .whereNull('incident_postmortems.overdue_notified_at')
        .orWhereRaw(
          'incident_postmortems.overdue_notified_at < incident_postmortems.due_at',
        ),
    )
    .orderBy('incident_postmortems.due_at')
    .limit(limit)
    .select(
      'incident_postmortems.id',
      'incident_postmortems.incident_id',
      'incidents.number',
      'incidents.title',
      'incidents.restricted',
      'incident_postmortems.due_at',
    );
  const claimed: typeof candidates = [];
  for (const row of candidates) {
    const updated = await trx('incident_postmortems')
      .where({ id: row.id })
      .where(w =>
        w
          .whereNull('overdue_notified_at')
          .orWhereRaw('overdue_notified_at < due_at'),
      )
      .update({ overdue_notified_at: now });
    if (updated === 1) claimed.push(row);
  }
  if (claimed.length === 0) return [];
  const ids = claimed.map(r => r.incident_id);
  const entities: {
    incident_id: string;
    entity_ref: string;
    relation: IncidentEntity['relation'];
    owner_ref: string | null;
  }[] = await trx('incident_entities').whereIn('incident_id', ids);
  const commanders: { incident_id: string; user_ref: string }[] = await trx(
    'incident_roles',
  )
    .whereIn('incident_id', ids)
    .where({ role: 'incident-commander' })
    .select('incident_id', 'user_ref');
  return claimed.map(row => {
    const commander = commanders.find(c => c.incident_id === row.incident_id);
    return {
      dueAt: toIsoString(row.due_at),
      incident: {
        id: row.incident_id,
        ref: formatIncidentRef(Number(row.number)),
        title: row.title,
        restricted: Boolean(row.restricted),
        ...(commander ? { commanderRef: commander.user_ref } : {}),
        entities: entities
          .filter(e => e.incident_id === row.incident_id)
          .map(e => ({
            entityRef: e.entity_ref,
            relation: e.relation,
            ...(e.owner_ref ? { ownerRef: e.owner_ref } : {}),
          })),
      },
    };
  });
}
