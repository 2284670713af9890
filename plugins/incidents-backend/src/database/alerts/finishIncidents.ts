import {
  Severity,
  formatIncidentRef,
  isOpenPhase,
} from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import {
  IncidentAlertChange,
  activeSeverity,
  alertTimelineEntry,
  alertsClearedEntry,
  severityRaisedEntry,
} from '../../domain/alerts/incidentEntries';
import { isActive } from '../../domain/alerts/lifecycle';
import { Effect, NewTimelineEntry, announcement } from '../../domain';
import { SYSTEM_ACTOR, followUpPages } from '../../domain/response';
import { IncidentRefs, RaisePlanner } from '../AlertsStore';
import { enqueueEffects } from '../outbox';
import { syncIncidentCopies } from '../incidentCopies';
import {
  applyPageFollowUp,
  insertPages,
  readOpenPages,
  upsertRoles,
} from '../responseRows';
import { toDbTimestamp } from '../rows';
import { IncidentInfo } from './alertRows';
import { AlertWrite } from './alertWrites';
import { readIncidents } from './groupReads';
import { Db, chunks } from './sql';

/** The incidents a write knows, and (filled in) those whose timeline it appended to. */
export interface IncidentsOfWrite {
  incidents: Map<string, IncidentInfo>;
  touched: IncidentRefs[];
}

/**
 * Per incident touched by this write: one `alert` timeline entry, a severity raise when a
 * more severe rule fired (with what `raise` plans for it: the commander reassessed, pages),
 * and the "alerts cleared" entry when the last alert resolved; each change announced
 * through the outbox.
 */
export async function finishIncidents(
  trx: Knex.Transaction,
  items: AlertWrite[],
  work: IncidentsOfWrite,
  now: string,
  planner?: RaisePlanner,
): Promise<void> {
  const changes = new Map<string, IncidentAlertChange[]>();
  const add = (incidentId: string, change: IncidentAlertChange) =>
    changes.set(incidentId, [...(changes.get(incidentId) ?? []), change]);
  for (const item of items) {
    const incidentId = item.next.incidentId;
    if (!incidentId) continue;
    if (item.joined) {
      add(incidentId, { alert: item.next, event: 'joined' });
      continue;
    }
    const info = work.incidents.get(incidentId);
    if (!info || !isOpenPhase(info.phase)) continue;
    const event = item.decision.event;
    if (event === 'fired' || event === 'resolved' || event === 'acknowledged') {
      add(incidentId, { alert: item.next, event });
    }
  }
  if (changes.size === 0) return;

  const moved = items.filter(i => i.left);
  for (const chunk of chunks(moved)) {
    await trx('incident_alerts')
      .insert(
        chunk.map(i => ({
          incident_id: i.left,
          alert_id: i.next.id,
          moved_at: toDbTimestamp(now),
        })),
      )
      .onConflict(['incident_id', 'alert_id'])
      .ignore();
  }

  const incidentIds = [...changes.keys()].sort();
  const entries: {
    incidentId: string;
    actor: string;
    entry: NewTimelineEntry;
  }[] = [];
  const resolvedIn = incidentIds.filter(id =>
    changes.get(id)!.some(c => !isActive(c.alert.status)),
  );
  const stillActive = await withActiveAlerts(trx, resolvedIn);

  // Severity raises lock their incidents, after every alert write (lock order).
  const raises = new Map<string, Severity>();
  const raised = new Set<string>();
  const effects: Effect[] = [];
  for (const id of incidentIds) {
    const raising = changes
      .get(id)!
      .filter(c => c.event === 'joined' || c.event === 'fired')
      .map(c => c.alert);
    const severity = activeSeverity(raising);
    const info = work.incidents.get(id);
    if (severity && (!info || severity < info.severity)) {
      raises.set(id, severity);
    }
  }
  const locked =
    raises.size > 0
      ? await readIncidents(trx, [...raises.keys()], { lock: true })
      : new Map<string, IncidentInfo>();

  for (const id of incidentIds) {
    const list = changes.get(id)!;
    const actor = list[0].alert.actor;
    const entry = alertTimelineEntry(list);
    if (entry) entries.push({ incidentId: id, actor, entry });
    const raise = raises.get(id);
    const current = locked.get(id);
    const planRaise = raise ? planner : undefined;
    if (
      raise &&
      current &&
      raise < current.severity &&
      isOpenPhase(current.phase)
    ) {
      await trx('incidents')
        .where({ id, version: current.version })
        .update({
          severity: raise,
          version: current.version + 1,
          updated_at: toDbTimestamp(now),
        });
      await syncIncidentCopies(trx, id, {
        before: current,
        severity: raise,
      });
      raised.add(id);
      entries.push({
        incidentId: id,
        actor,
        entry: severityRaisedEntry(
          current.severity,
          raise,
          list.map(c => c.alert),
        ),
      });
      if (planRaise) {
        const subject = await readRaisedIncident(trx, current, raise);
        const plan = planRaise(subject, current.severity, raise);
        const by = { actor: SYSTEM_ACTOR, at: now };
        const openPages = await readOpenPages(trx, id);
        await upsertRoles(trx, id, plan.roles, by);
        await insertPages(trx, id, plan.pages, by);
        // A new commander cancels the old one's open pages, as on every other road.
        const followUp = followUpPages({
          incident: subject,
          fields: {},
          actor: SYSTEM_ACTOR,
          commanderBefore: subject.commanderRef,
          commanderAfter:
            plan.roles.find(r => r.role === 'incident-commander')?.userRef ??
            subject.commanderRef,
          openPages,
        });
        await applyPageFollowUp(trx, followUp, by);
        plan.timeline.push(...followUp.timeline);
        plan.effects.push(...followUp.effects);
        if (plan.clearBacklog) {
          await trx('incidents').where({ id }).update({
            backlog_group_ref: null,
            backlog_assign_at: null,
            backlog_assigned_at: null,
          });
        }
        for (const planned of plan.timeline) {
          entries.push({
            incidentId: id,
            actor: SYSTEM_ACTOR,
            entry: planned,
          });
        }
        effects.push(...plan.effects);
      }
    }
    if (resolvedIn.includes(id) && !stillActive.has(id)) {
      const total = await countAlerts(trx, id);
      entries.push({
        incidentId: id,
        actor,
        entry: alertsClearedEntry(total),
      });
    }
  }

  for (const chunk of chunks(entries)) {
    await trx('incident_timeline').insert(
      chunk.map(e => ({
        incident_id: e.incidentId,
        at: toDbTimestamp(now),
        actor: e.actor,
        kind: e.entry.kind,
        body: e.entry.body,
        details: JSON.stringify(e.entry.details),
      })),
    );
  }
  const bump = incidentIds.filter(id => !raised.has(id));
  if (bump.length > 0) {
    await trx('incidents')
      .whereIn('id', bump)
      .update({ updated_at: toDbTimestamp(now) });
  }
  for (const id of incidentIds) {
    const info = locked.get(id) ?? work.incidents.get(id);
    if (info) {
      const ref = formatIncidentRef(info.number);
      const version = info.version + (raised.has(id) ? 1 : 0);
      work.touched.push({
        id,
        ref,
        version,
        ...(raised.has(id) ? { severityRaised: true } : {}),
      });
      effects.push(
        ...announcement(
          {
            ...info,
            ref,
            version,
            severity: raises.get(id) ?? info.severity,
          },
          {
            kind: raised.has(id) ? 'updated' : 'timeline',
            actor: changes.get(id)![0].alert.actor,
            at: now,
            changeId: `alerts:${version}:${now}`,
          },
        ),
      );
    }
  }
  await enqueueEffects(trx, effects, new Date(now));
}

/** What a raise's plan needs of the incident: its title, commander and owning teams. */
async function readRaisedIncident(
  trx: Knex.Transaction,
  info: IncidentInfo,
  to: Severity,
) {
  // One after the other: a transaction is one connection.
  const row = await trx('incidents').where({ id: info.id }).first('title');
  const commander = await trx('incident_roles')
    .where({ incident_id: info.id, role: 'incident-commander' })
    .first('user_ref');
  const owners: { owner_ref: string }[] = await trx('incident_entities')
    .where({ incident_id: info.id, relation: 'affected' })
    .whereNotNull('owner_ref')
    .orderBy('entity_ref')
    .select('owner_ref');
  return {
    id: info.id,
    ref: formatIncidentRef(info.number),
    title: String(row?.title ?? ''),
    severity: to,
    ...(commander ? { commanderRef: String(commander.user_ref) } : {}),
    ownerGroupRefs: [...new Set(owners.map(o => o.owner_ref))],
  };
}

/** Incidents (of `incidentIds`) that still have an active alert: one index probe each. */
async function withActiveAlerts(
  db: Db,
  incidentIds: string[],
): Promise<Set<string>> {
  const active = new Set<string>();
  for (const id of incidentIds) {
    const row = await db('alerts')
      .where({ incident_id: id })
      .whereIn('status', ['firing', 'acknowledged'])
      .first('id');
    if (row) active.add(id);
  }
  return active;
}

async function countAlerts(db: Db, incidentId: string): Promise<number> {
  const row = await db('alerts')
    .where({ incident_id: incidentId })
    .count({ count: '*' })
    .first();
  return Number(row?.count ?? 0);
}
