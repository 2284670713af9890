import { isOpenPhase } from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { AlertDecision, AlertState } from '../../domain/alerts/lifecycle';
import { PreparedAlert } from '../../domain/alerts/types';
import { IngestContext, IngestOutcome } from '../AlertsStore';
import { toDbTimestamp } from '../rows';
import { AlertRow, stateFromCore, stateFromRow } from './alertRows';
import { AlertWrite, upsertAlerts, writeAlerts } from './alertWrites';
import { attachToIncidents } from './attachToIncidents';
import { finishIncidents } from './finishIncidents';
import {
  GroupsAndIncidents,
  mergeGroupsAndIncidents,
  readGroups,
} from './groupReads';
import { chunks, compare, groupKeyOf } from './sql';

/** The last copy of each alert of a delivery, in dedup-key order (the order rows are locked in). */
export function latestInLockOrder(alerts: PreparedAlert[]): PreparedAlert[] {
  const byKey = new Map<string, PreparedAlert>();
  for (const alert of alerts) {
    byKey.set(
      `${alert.source}\u0000${alert.scope}\u0000${alert.dedupKey}`,
      alert,
    );
  }
  return [...byKey.values()].sort((a, b) => compare(a.dedupKey, b.dedupKey));
}

/**
 * Stores one delivery (`incoming` from {@link latestInLockOrder}) inside `trx`; see
 * {@link AlertsStore.ingest}. PostgreSQL (`pg`) gets bulk statements.
 */
export async function ingestDelivery(
  trx: Knex.Transaction,
  incoming: PreparedAlert[],
  context: IngestContext,
  pg: boolean,
): Promise<IngestOutcome> {
  const now = context.now;
  const known = await lockDeliveryGroups(trx, incoming, now);
  const openIncidentOf = (entityRef: string, hash: string) => {
    const id = known.groups.get(groupKeyOf(entityRef, hash))?.incident_id;
    const info = id ? known.incidents.get(id) : undefined;
    return info && isOpenPhase(info.phase) ? info.id : undefined;
  };

  // Alerts: one upsert inserts the new ones (already attached to their group's open
  // incident) and locks the existing ones, returning their core state (only last_seen_at
  // is touched).
  const stored = new Map<string, AlertState>();
  const inserted = new Set<string>();
  const freshDecisions = new Map<string, AlertDecision>();
  const full = incoming.filter(a => !a.statusOnly);
  const freshStates = full.map(a => {
    const decision = context.decisions.decide(undefined, a, {
      now,
      newId: randomUUID(),
    });
    const next = decision.next!;
    const incidentId = next.entityRef
      ? openIncidentOf(next.entityRef, next.incidentGroupHash)
      : undefined;
    if (incidentId) {
      next.incidentId = incidentId;
    }
    freshDecisions.set(a.dedupKey, decision);
    return next;
  });
  const rows = await upsertAlerts(trx, freshStates, 'touch', pg);
  for (const row of rows) {
    const fresh = freshDecisions.get(row.dedup_key)!.next!;
    if (row.id === fresh.id) {
      inserted.add(row.dedup_key);
    } else {
      stored.set(row.dedup_key, stateFromCore(row, fresh, now));
    }
  }
  for (const a of incoming.filter(x => x.statusOnly)) {
    const row: AlertRow | undefined = await trx('alerts')
      .where({ source: a.source, scope: a.scope, dedup_key: a.dedupKey })
      .forUpdate()
      .first();
    if (row) {
      stored.set(a.dedupKey, stateFromRow(row));
    }
  }

  const items: AlertWrite[] = [];
  const alertIds = new Map<string, string>();
  let unroutedRepeats = 0;
  for (const a of incoming) {
    if (!a.statusOnly && !inserted.has(a.dedupKey) && !stored.has(a.dedupKey)) {
      // An exact repeat (same routing as stored): the upsert left it alone.
      if (!a.route.entityRef) unroutedRepeats++;
      continue;
    }
    if (inserted.has(a.dedupKey)) {
      const decision = freshDecisions.get(a.dedupKey)!;
      const next = decision.next!;
      items.push({
        decision,
        next,
        written: true,
        ...(next.incidentId ? { joined: next.incidentId } : {}),
      });
      alertIds.set(a.dedupKey, next.id);
      continue;
    }
    const decision = context.decisions.decide(stored.get(a.dedupKey), a, {
      now,
      newId: randomUUID(),
    });
    if (decision.next) {
      items.push({ decision, next: decision.next });
      alertIds.set(a.dedupKey, decision.next.id);
    }
  }

  const work = await attachToIncidents(trx, items, known, context);

  // Second write: alerts whose status, content, routing or incident changed.
  const toWrite = items.filter(
    i =>
      !i.written && (i.joined || (i.decision.changed && !i.decision.created)),
  );
  await writeAlerts(
    trx,
    toWrite.map(i => i.next),
    pg,
  );
  await finishIncidents(trx, items, work, now, context.raise);

  let created = 0;
  let changed = 0;
  let unchanged = 0;
  for (const i of items) {
    if (i.decision.created) created++;
    else if (i.decision.changed) changed++;
    else unchanged++;
  }
  return {
    created,
    changed,
    unchanged: unchanged + (incoming.length - items.length),
    unrouted: items.filter(i => !i.next.entityRef).length + unroutedRepeats,
    pending: work.pending,
    updatedIncidents: work.touched,
    alertIds,
  };
}

/**
 * Claims first (lock order): those of the groups this delivery names. Their rows are
 * created idle when missing, so that there is always a row to lock: a delivery never
 * holds alert locks while waiting for a group's row.
 */
async function lockDeliveryGroups(
  trx: Knex.Transaction,
  incoming: PreparedAlert[],
  now: string,
): Promise<GroupsAndIncidents> {
  const nowDb = toDbTimestamp(now);
  const named = new Map<
    string,
    { entityRef: string; hash: string; group: string }
  >();
  for (const a of incoming) {
    if (a.route.entityRef && !a.statusOnly) {
      named.set(groupKeyOf(a.route.entityRef, a.incidentGroupHash), {
        entityRef: a.route.entityRef,
        hash: a.incidentGroupHash,
        group: a.incidentGroup,
      });
    }
  }
  const namedGroups = [...named.values()].sort(
    (x, y) => compare(x.hash, y.hash) || compare(x.entityRef, y.entityRef),
  );
  const known = await readGroups(
    trx,
    [...new Set(namedGroups.map(g => g.hash))],
    { lock: true },
  );
  const missingGroups = namedGroups.filter(
    g => !known.groups.has(groupKeyOf(g.entityRef, g.hash)),
  );
  if (missingGroups.length > 0) {
    for (const chunk of chunks(missingGroups)) {
      await trx('alert_incident_groups')
        .insert(
          chunk.map(g => ({
            entity_ref: g.entityRef,
            group_hash: g.hash,
            incident_group: g.group,
            incident_id: null,
            claim_token: null,
            claimed_at: null,
            declaration: null,
            created_at: nowDb,
          })),
        )
        .onConflict(['entity_ref', 'group_hash'])
        .ignore();
    }
    mergeGroupsAndIncidents(
      known,
      await readGroups(trx, [...new Set(missingGroups.map(g => g.hash))], {
        lock: true,
      }),
    );
  }
  return known;
}
