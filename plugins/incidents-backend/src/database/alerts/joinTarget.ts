import { ConflictError } from '@backstage/errors';
import { isOpenPhase } from '@firebreak/plugin-incidents-common';
import { z } from 'zod';
import { readIncidents } from './groupReads';
import { Db } from './sql';

/**
 * The open incident an alert would join if routed to `entityRef` (default: where it is
 * routed now): the open incident of its incident group for that entity. Read without locks,
 * so that the caller's permission on it can be checked before anything is written; the write
 * then insists on the same answer ({@link expectSameJoin}).
 */
export async function openIncidentOfGroup(
  db: Db,
  alertId: string,
  entityRef?: string,
): Promise<string | undefined> {
  if (!z.string().uuid().safeParse(alertId).success) {
    return undefined;
  }
  const alert = await db('alerts')
    .where({ id: alertId.toLowerCase() })
    .first('entity_ref', 'incident_group_hash');
  const target = entityRef ?? alert?.entity_ref;
  if (!alert || !target) {
    return undefined;
  }
  const group = await db('alert_incident_groups')
    .where({ entity_ref: target, group_hash: alert.incident_group_hash })
    .first('incident_id');
  if (!group?.incident_id) {
    return undefined;
  }
  const info = (await readIncidents(db, [group.incident_id])).get(
    group.incident_id,
  );
  return info && isOpenPhase(info.phase) ? info.id : undefined;
}

/**
 * Refuses (rolling the write back) when the incident an alert joins under the lock is not
 * the one the caller was authorized for: another replica declared or closed one meanwhile.
 */
export function expectSameJoin(
  joined: string | undefined,
  expected: string | null | undefined,
): void {
  if (expected === undefined) {
    return;
  }
  if ((joined ?? null) !== expected) {
    throw new ConflictError(
      "The alert's group changed while this request ran (an incident was declared or closed); reload and try again",
    );
  }
}
