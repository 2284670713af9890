import { Incident } from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import { Effect, NewIncident, NewTimelineEntry } from '../domain';

/** One write to an incident, as a hook sees it: inside the transaction, under the lock. */
export interface IncidentWrite {
  /** Undefined for a declaration. */
  before?: Incident;
  after: Incident;
  actor: string;
  /** ISO 8601 time of the write. */
  at: string;
}

/** What a hook adds to the write: more timeline entries and effects, in the same transaction. */
export interface IncidentWriteOutcome {
  timeline: NewTimelineEntry[];
  effects: Effect[];
  /** Derived fields the hook rewrote (the SLA due time), so the write answers with them. */
  derived?: Pick<Incident, 'slaDueAt'>;
}

/**
 * Work that follows every write of an incident in its own transaction (SLA clocks, the
 * communication checklist), so that no write can skip it and no replica can do it twice.
 */
export interface IncidentWriteHook {
  /**
   * The derived fields of a new incident, known before its row is written, so that the row
   * is inserted with them rather than updated in the same transaction. Pure; `afterWrite`
   * still runs after the insert and finds them in place.
   */
  derivedAtDeclaration?(incident: NewIncident): IncidentWriteOutcome['derived'];
  afterWrite(
    trx: Knex.Transaction,
    write: IncidentWrite,
  ): Promise<IncidentWriteOutcome>;
}

export async function runWriteHooks(
  hooks: IncidentWriteHook[],
  trx: Knex.Transaction,
  write: IncidentWrite,
): Promise<IncidentWriteOutcome> {
  const outcome: IncidentWriteOutcome = { timeline: [], effects: [] };
  for (const hook of hooks) {
    const added = await hook.afterWrite(trx, write);
    outcome.timeline.push(...added.timeline);
    outcome.effects.push(...added.effects);
    if (added.derived) {
      outcome.derived = { ...outcome.derived, ...added.derived };
    }
  }
  return outcome;
}

/** What the hooks derive of a new incident before it is written (its SLA due time). */
export function derivedAtDeclaration(
  hooks: IncidentWriteHook[],
  incident: NewIncident,
): NonNullable<IncidentWriteOutcome['derived']> {
  return Object.assign(
    {},
    ...hooks.map(hook => hook.derivedAtDeclaration?.(incident) ?? {}),
  );
}
