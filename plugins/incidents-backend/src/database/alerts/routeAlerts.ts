import { ConflictError } from '@backstage/errors';
import { formatIncidentRef } from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import { AlertState } from '../../domain/alerts/lifecycle';
import { IngestContext, RouteOutcome } from '../AlertsStore';
import { selectAlerts } from './alertListing';
import { AlertRow, alertFromRow, stateFromRow } from './alertRows';
import { AlertWrite, writeAlerts } from './alertWrites';
import { attachToIncidents } from './attachToIncidents';
import { finishIncidents } from './finishIncidents';
import { lockAlertWithGroup } from './lockAlertWithGroup';

/**
 * Routes an alert (and optionally the unrouted rest of its group) to an entity by hand,
 * inside `trx`; see {@link AlertsStore.routeAlerts}. PostgreSQL (`pg`) gets bulk statements.
 */
export async function routeAlerts(
  trx: Knex.Transaction,
  alertId: string,
  options: { entityRef: string; includeGroup: boolean },
  context: IngestContext,
  pg: boolean,
): Promise<RouteOutcome> {
  const now = context.now;
  const {
    alert: first,
    known,
    openIncident,
  } = await lockAlertWithGroup(trx, alertId);
  if (openIncident) {
    throw new ConflictError(
      `Alert ${alertId} belongs to ${formatIncidentRef(
        openIncident.number,
      )}; it cannot be routed elsewhere`,
    );
  }
  let targets = [first];
  if (options.includeGroup) {
    const rows: AlertRow[] = await trx('alerts')
      .where({
        source: first.source,
        scope: first.scope,
        incident_group_hash: first.incidentGroupHash,
      })
      .whereNull('entity_ref')
      .whereNot('id', first.id)
      .orderBy('dedup_key')
      .forUpdate();
    targets = [first, ...rows.map(stateFromRow)];
  }
  const items: AlertWrite[] = targets.map(t => {
    const next: AlertState = {
      ...t,
      entityRef: options.entityRef,
      routedBy: 'manual',
      updatedAt: now,
    };
    delete next.routeNote;
    return {
      decision: { event: 'rerouted', next, changed: true, created: false },
      next,
    };
  });
  const work = await attachToIncidents(trx, items, known, context);
  await writeAlerts(
    trx,
    items.map(i => i.next),
    pg,
  );
  await finishIncidents(trx, items, work, now);
  const ids = items.map(i => i.next.id);
  const rows: AlertRow[] = await selectAlerts(trx)
    .whereIn('alerts.id', ids)
    .orderBy('alerts.dedup_key');
  const alerts = rows.map(alertFromRow);
  const mine = alerts.find(a => a.id === first.id)!;
  return {
    alerts,
    ...(mine.incidentId && mine.incidentRef
      ? { incident: { id: mine.incidentId, ref: mine.incidentRef } }
      : {}),
    ...(work.pending[0] ? { pending: work.pending[0] } : {}),
  };
}
