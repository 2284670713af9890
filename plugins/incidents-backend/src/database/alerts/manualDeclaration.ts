import { ConflictError, InputError } from '@backstage/errors';
import {
  formatIncidentRef,
  isOpenPhase,
} from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import { DeclarationSpec } from '../../domain/alerts/incidentEntries';
import { AlertState } from '../../domain/alerts/lifecycle';
import {
  IngestContext,
  ManualDeclarationInput,
  ManualDeclarationOutcome,
} from '../AlertsStore';
import { AlertWrite, writeAlerts } from './alertWrites';
import { claimIsLive, insertClaim, newClaim } from './claims';
import { finishIncidents } from './finishIncidents';
import { expectSameJoin } from './joinTarget';
import { lockAlertWithGroup } from './lockAlertWithGroup';
import { groupKeyOf } from './sql';

/**
 * Claims the alert's group for an incident declared by hand (inside `trx`), or joins the
 * group's open incident; see {@link AlertsStore.claimForManualDeclaration}.
 */
export async function claimForManualDeclaration(
  trx: Knex.Transaction,
  alertId: string,
  input: ManualDeclarationInput & { actor: string },
  context: IngestContext,
  pg: boolean,
): Promise<ManualDeclarationOutcome> {
  const now = context.now;
  const locked = await lockAlertWithGroup(trx, alertId);
  const { groups, incidents } = locked.known;
  let alert = locked.alert;
  if (locked.openIncident) {
    throw new ConflictError(
      `Alert ${alertId} already belongs to open incident ${formatIncidentRef(
        locked.openIncident.number,
      )}`,
    );
  }
  const entityRef = input.entityRef ?? alert.entityRef;
  if (!entityRef) {
    throw new InputError(
      'Invalid request body: entityRef: is required, the alert is not routed to an entity',
    );
  }
  if (entityRef !== alert.entityRef) {
    alert = { ...alert, entityRef, routedBy: 'manual', updatedAt: now };
    delete alert.routeNote;
    await writeAlerts(trx, [alert], pg);
  }
  const key = groupKeyOf(entityRef, alert.incidentGroupHash);
  const group = groups.get(key);
  if (group?.incident_id) {
    const info = incidents.get(group.incident_id);
    if (info && isOpenPhase(info.phase)) {
      expectSameJoin(info.id, input.expectedJoin);
      const item: AlertWrite = {
        decision: {
          event: 'rerouted',
          next: alert,
          changed: true,
          created: false,
        },
        next: { ...alert, incidentId: info.id, updatedAt: now },
        joined: info.id,
        ...(alert.incidentId ? { left: alert.incidentId } : {}),
      };
      await writeAlerts(trx, [item.next], pg);
      await finishIncidents(trx, [item], { incidents, touched: [] }, now);
      return {
        kind: 'joined',
        incident: { id: info.id, ref: formatIncidentRef(info.number) },
      };
    }
  } else if (group?.claim_token) {
    if (claimIsLive(group, now, context.claimTimeoutMs)) {
      throw new ConflictError(
        "An incident is being declared for this alert's group right now; reload in a moment",
      );
    }
  }

  expectSameJoin(undefined, input.expectedJoin);
  const spec = manualSpec(alert, entityRef, input, context);
  const claim = newClaim(alert.incidentGroup, spec, now);
  const claimed = group
    ? await trx('alert_incident_groups')
        .where({
          entity_ref: entityRef,
          group_hash: alert.incidentGroupHash,
          incident_id: group.incident_id,
          claim_token: group.claim_token,
        })
        .update(claim.values)
    : await insertClaim(
        trx,
        { entityRef, groupHash: alert.incidentGroupHash },
        claim.values,
        now,
      );
  if (!claimed) {
    throw new ConflictError(
      "An incident was just declared for this alert's group; reload to see it",
    );
  }
  return {
    kind: 'claimed',
    pending: {
      entityRef,
      groupHash: alert.incidentGroupHash,
      token: claim.token,
      incidentGroup: alert.incidentGroup,
      spec,
    },
  };
}

/** What the rules would declare for the alert, with what the declarer chose instead. */
function manualSpec(
  alert: AlertState,
  entityRef: string,
  input: ManualDeclarationInput & { actor: string },
  context: IngestContext,
): DeclarationSpec {
  const generated = context.decisions.declaration([
    { ...alert, status: 'firing', ruleSeverity: input.severity },
  ])!;
  return {
    ...generated,
    entityRef,
    severity: input.severity,
    title: input.title ?? generated.title,
    summary:
      input.summary ??
      generated.summary.replace(
        /^Declared automatically: alert (\S+) matched the \S+ declaration rule [^\n]*/,
        `Declared from alert $1.`,
      ),
    customerImpact: input.customerImpact ?? '',
    regions: input.regions ?? generated.regions,
    actor: input.actor,
  };
}
