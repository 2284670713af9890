import { isOpenPhase } from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { isActive } from '../../domain/alerts/lifecycle';
import { IngestContext, PendingDeclaration } from '../AlertsStore';
import { toDbTimestamp } from '../rows';
import { AlertWrite } from './alertWrites';
import { claimIsLive, insertClaim, newClaim } from './claims';
import { IncidentsOfWrite } from './finishIncidents';
import {
  GroupsAndIncidents,
  mergeGroupsAndIncidents,
  readGroups,
  readIncidents,
} from './groupReads';
import { groupKeyOf, splitGroupKey } from './sql';

/**
 * Decides, for alerts with an entity and no open incident, whether they join the group's
 * open incident, wait for a claim in progress, or claim the group for a new incident.
 * Updates `items` (and `known`, as it reads more) in place.
 */
export async function attachToIncidents(
  trx: Knex.Transaction,
  items: AlertWrite[],
  known: GroupsAndIncidents,
  context: IngestContext,
): Promise<IncidentsOfWrite & { pending: PendingDeclaration[] }> {
  const { groups, incidents } = known;
  const now = context.now;
  const unknown = items
    .map(i => i.next.incidentId)
    .filter((id): id is string => Boolean(id) && !incidents.has(id!));
  if (unknown.length > 0) {
    for (const [k, v] of await readIncidents(trx, unknown)) {
      incidents.set(k, v);
    }
  }
  const isOpen = (id: string | undefined) => {
    const info = id ? incidents.get(id) : undefined;
    return Boolean(info && isOpenPhase(info.phase));
  };

  // Alerts that look for their group's incident: routed ones without an open incident
  // that either have none yet or (closed incident) start firing again.
  const seeking = new Map<string, AlertWrite[]>();
  for (const item of items) {
    const { next, decision } = item;
    if (!next.entityRef) continue;
    if (next.incidentId) {
      if (isOpen(next.incidentId)) continue;
      if (decision.event !== 'fired') continue;
    }
    const key = groupKeyOf(next.entityRef, next.incidentGroupHash);
    seeking.set(key, [...(seeking.get(key) ?? []), item]);
  }

  const missing = [...seeking.keys()]
    .filter(k => !groups.has(k))
    .map(k => splitGroupKey(k).hash);
  if (missing.length > 0) {
    mergeGroupsAndIncidents(
      known,
      await readGroups(trx, [...new Set(missing)].sort(), { lock: true }),
    );
  }

  const pending: PendingDeclaration[] = [];
  for (const key of [...seeking.keys()].sort()) {
    const members = seeking.get(key)!;
    const { entityRef, hash } = splitGroupKey(key);
    const incidentGroup = members[0].next.incidentGroup;
    const wanting = members.filter(
      m => isActive(m.next.status) && m.next.ruleSeverity,
    );
    const spec = context.decisions.declaration(wanting.map(m => m.next));
    const join = (incidentId: string) => {
      for (const m of members) {
        if (m.next.incidentId !== incidentId) {
          if (m.next.incidentId) {
            m.left = m.next.incidentId;
          }
          m.next = { ...m.next, incidentId, updatedAt: now };
          m.joined = incidentId;
        }
      }
    };
    const claimed = (token: string) =>
      pending.push({
        entityRef,
        groupHash: hash,
        token,
        incidentGroup,
        spec: spec!,
      });

    for (let attempt = 0; attempt < 3; attempt++) {
      const group = groups.get(key);
      if (group?.incident_id) {
        if (isOpen(group.incident_id)) {
          join(group.incident_id);
          break;
        }
        if (!spec) break;
        // The group's incident closed: this firing starts a new one.
        const claim = newClaim(incidentGroup, spec, now);
        const taken = await trx('alert_incident_groups')
          .where({
            entity_ref: entityRef,
            group_hash: hash,
            incident_id: group.incident_id,
          })
          .update(claim.values);
        if (taken) {
          claimed(claim.token);
          break;
        }
      } else if (group?.claim_token) {
        // Another delivery is declaring this group's incident; it will attach these
        // alerts when it completes, unless it died (stale claim): then take over.
        if (!spec || claimIsLive(group, now, context.claimTimeoutMs)) break;
        const token = randomUUID();
        const taken = await trx('alert_incident_groups')
          .where({
            entity_ref: entityRef,
            group_hash: hash,
            claim_token: group.claim_token,
          })
          .whereNull('incident_id')
          .update({
            claim_token: token,
            claimed_at: toDbTimestamp(now),
            declaration: JSON.stringify(spec),
          });
        if (taken) {
          claimed(token);
          break;
        }
      } else {
        if (!spec) break;
        const claim = newClaim(incidentGroup, spec, now);
        const won = group
          ? await trx('alert_incident_groups')
              .where({ entity_ref: entityRef, group_hash: hash })
              .whereNull('incident_id')
              .whereNull('claim_token')
              .update(claim.values)
          : await insertClaim(
              trx,
              { entityRef, groupHash: hash },
              claim.values,
              now,
            );
        if (won > 0) {
          claimed(claim.token);
          break;
        }
      }
      // Lost a race: read the group as the winner left it and decide again.
      const reread = await readGroups(trx, [hash], { lock: true });
      const fresh = reread.groups.get(key);
      if (fresh) groups.set(key, fresh);
      else groups.delete(key);
      for (const [k, v] of reread.incidents) incidents.set(k, v);
    }
  }
  return { pending, incidents, touched: [] };
}
