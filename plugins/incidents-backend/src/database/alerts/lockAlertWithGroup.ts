import { NotFoundError } from '@backstage/errors';
import { isOpenPhase } from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import { z } from 'zod';
import { AlertState } from '../../domain/alerts/lifecycle';
import { AlertRow, IncidentInfo, stateFromRow } from './alertRows';
import { GroupsAndIncidents, readGroups, readIncidents } from './groupReads';

const isUuid = (id: string) => z.string().uuid().safeParse(id).success;

/**
 * Locks an alert for a manual action, with the claims of its incident group first (lock
 * order). `openIncident` is set when the alert already belongs to an open incident.
 */
export async function lockAlertWithGroup(
  trx: Knex.Transaction,
  alertId: string,
): Promise<{
  alert: AlertState;
  known: GroupsAndIncidents;
  openIncident?: IncidentInfo;
}> {
  const hash = await peekGroupHash(trx, alertId);
  const known = await readGroups(trx, [hash], { lock: true });
  const alert = await lockAlert(trx, alertId);
  if (alert.incidentId) {
    const info = (await readIncidents(trx, [alert.incidentId])).get(
      alert.incidentId,
    );
    if (info && isOpenPhase(info.phase)) {
      return { alert, known, openIncident: info };
    }
  }
  return { alert, known };
}

/** The alert's incident group, read without a lock (claims are locked before alerts). */
async function peekGroupHash(trx: Knex.Transaction, alertId: string) {
  const row = isUuid(alertId)
    ? await trx('alerts')
        .where({ id: alertId.toLowerCase() })
        .first('incident_group_hash')
    : undefined;
  if (!row) {
    throw new NotFoundError(`Alert ${alertId} not found`);
  }
  return row.incident_group_hash as string;
}

async function lockAlert(trx: Knex.Transaction, alertId: string) {
  if (!isUuid(alertId)) {
    throw new NotFoundError(`Alert ${alertId} not found`);
  }
  const row: AlertRow | undefined = await trx('alerts')
    .where({ id: alertId.toLowerCase() })
    .forUpdate()
    .first();
  if (!row) {
    throw new NotFoundError(`Alert ${alertId} not found`);
  }
  return stateFromRow(row);
}
