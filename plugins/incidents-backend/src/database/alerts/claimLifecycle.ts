import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { DeclarationSpec } from '../../domain/alerts/incidentEntries';
import { ClaimRef, IncidentRefs, PendingDeclaration } from '../AlertsStore';
import { parseJson, toDbTimestamp } from '../rows';
import { AlertRow, GroupRow, stateFromRow } from './alertRows';
import { AlertWrite } from './alertWrites';
import { finishIncidents } from './finishIncidents';
import { readIncidents } from './groupReads';
import { Db, chunks, compare } from './sql';

/** A claim's row, while nobody has recorded an incident for it. */
function unresolvedClaim(db: Db, claim: ClaimRef) {
  return db('alert_incident_groups')
    .where({
      entity_ref: claim.entityRef,
      group_hash: claim.groupHash,
      claim_token: claim.token,
    })
    .whereNull('incident_id');
}

/**
 * Records the incident declared for a claim (inside `trx`) and attaches every alert of the
 * group that arrived meanwhile; see {@link AlertsStore.completeDeclaration}.
 */
export async function completeDeclaration(
  trx: Knex.Transaction,
  claim: ClaimRef,
  incident: { id: string },
  now: string,
): Promise<{ lost: boolean; linked: number; incident?: IncidentRefs }> {
  const updated = await unresolvedClaim(trx, claim).update({
    incident_id: incident.id,
    claim_token: null,
    claimed_at: null,
    declaration: null,
  });
  if (!updated) {
    return { lost: true, linked: 0 };
  }
  // Every alert of the group without an open incident, whichever replica stored it:
  // deliveries that saw the claim hold its row lock until they commit, so the update
  // above waited for them.
  const candidates: { id: string; incident_id: string | null }[] = await trx(
    'alerts',
  )
    .leftJoin('incidents', 'incidents.id', 'alerts.incident_id')
    .where({
      'alerts.entity_ref': claim.entityRef,
      'alerts.incident_group_hash': claim.groupHash,
    })
    .where(inner =>
      inner
        .whereNull('alerts.incident_id')
        .orWhere(closed =>
          closed
            .where('incidents.phase', 'closed')
            .whereNot('alerts.status', 'resolved'),
        ),
    )
    .orderBy('alerts.dedup_key')
    .select('alerts.id', 'alerts.incident_id');
  // Only the incident column is written, so that a concurrent status change of one of
  // these alerts (an Events resolve) is never overwritten.
  const left = new Map(candidates.map(c => [c.id, c.incident_id]));
  const rows: AlertRow[] = [];
  for (const chunk of chunks(candidates)) {
    const closedIds = [
      ...new Set(
        chunk.map(c => c.incident_id).filter((id): id is string => Boolean(id)),
      ),
    ];
    rows.push(
      ...(await trx('alerts')
        .whereIn(
          'id',
          chunk.map(c => c.id),
        )
        .where(inner => {
          inner.whereNull('incident_id');
          if (closedIds.length > 0) {
            inner.orWhereIn('incident_id', closedIds);
          }
        })
        .update({
          incident_id: incident.id,
          updated_at: toDbTimestamp(now),
        })
        .returning('*')),
    );
  }
  const info = await readIncidents(trx, [incident.id]);
  const items: AlertWrite[] = rows
    .sort((a, b) => compare(a.dedup_key, b.dedup_key))
    .map(row => {
      const next = stateFromRow(row);
      const previous = left.get(row.id);
      return {
        decision: {
          event: 'unchanged',
          next,
          changed: true,
          created: false,
        },
        next,
        joined: incident.id,
        written: true,
        ...(previous ? { left: previous } : {}),
      };
    });
  const touched: IncidentRefs[] = [];
  await finishIncidents(trx, items, { incidents: info, touched }, now);
  return { lost: false, linked: items.length, incident: touched[0] };
}

export async function releaseClaim(db: Knex, claim: ClaimRef): Promise<void> {
  await unresolvedClaim(db, claim).update({
    claim_token: null,
    claimed_at: null,
    declaration: null,
  });
}

export async function refreshClaims(
  db: Knex,
  claims: ClaimRef[],
  now: string,
): Promise<void> {
  for (const claim of claims) {
    await unresolvedClaim(db, claim).update({
      claimed_at: toDbTimestamp(now),
    });
  }
}

export async function takeOverStaleClaims(
  db: Knex,
  options: { now: string; staleBefore: string; limit: number },
): Promise<PendingDeclaration[]> {
  const stale: GroupRow[] = await db('alert_incident_groups')
    .whereNull('incident_id')
    .whereNotNull('claim_token')
    .where('claimed_at', '<', toDbTimestamp(options.staleBefore))
    .orderBy('claimed_at')
    .limit(options.limit);
  const taken: PendingDeclaration[] = [];
  for (const group of stale) {
    const spec = parseJson<DeclarationSpec | undefined>(
      group.declaration,
      undefined,
    );
    if (!spec) continue;
    const token = randomUUID();
    const updated = await unresolvedClaim(db, {
      entityRef: group.entity_ref,
      groupHash: group.group_hash,
      token: group.claim_token!,
    }).update({ claim_token: token, claimed_at: toDbTimestamp(options.now) });
    if (updated) {
      taken.push({
        entityRef: group.entity_ref,
        groupHash: group.group_hash,
        token,
        incidentGroup: group.incident_group,
        spec,
      });
    }
  }
  return taken;
}
