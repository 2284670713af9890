import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { DeclarationSpec } from '../../domain/alerts/incidentEntries';
import { toDbTimestamp, toIsoString } from '../rows';
import { GroupRow } from './alertRows';

/** The columns of a fresh claim on a group: its holder declares `spec`. */
export function newClaim(
  incidentGroup: string,
  spec: DeclarationSpec,
  now: string,
) {
  const token = randomUUID();
  return {
    token,
    values: {
      incident_group: incidentGroup,
      incident_id: null,
      claim_token: token,
      claimed_at: toDbTimestamp(now),
      declaration: JSON.stringify(spec),
    },
  };
}

/** Inserts a group's first claim; 0 when another transaction inserted the group first. */
export async function insertClaim(
  trx: Knex.Transaction,
  group: { entityRef: string; groupHash: string },
  values: ReturnType<typeof newClaim>['values'],
  now: string,
): Promise<number> {
  const inserted = await trx('alert_incident_groups')
    .insert({
      entity_ref: group.entityRef,
      group_hash: group.groupHash,
      created_at: toDbTimestamp(now),
      ...values,
    })
    .onConflict(['entity_ref', 'group_hash'])
    .ignore()
    .returning(['entity_ref']);
  return inserted.length;
}

/** A claim refreshed within `claimTimeoutMs`: its holder is still declaring. */
export function claimIsLive(
  group: GroupRow,
  now: string,
  claimTimeoutMs: number,
): boolean {
  const claimedAt = group.claimed_at
    ? Date.parse(toIsoString(group.claimed_at))
    : 0;
  return claimedAt >= Date.parse(now) - claimTimeoutMs;
}
