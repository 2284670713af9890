import { Incident } from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import { Effect, IncidentChange } from '../domain';
import { IncidentKey, MutationContext, MutationResult } from './IncidentsStore';

/** What a unit of work under an incident's lock returns. */
export interface IncidentWork<T> {
  /** Fields and timeline entries to apply to the incident; nothing when absent. */
  change?: IncidentChange;
  /** Effects to write into the outbox even when the incident itself does not change. */
  effects?: Effect[];
  result: T;
}

/**
 * The primitive behind `mutateIncident`, for the stores of the response tables (roles, pages,
 * checklist): `work` runs inside the transaction, under the incident's row lock, after the
 * version check. It may read and write its own tables with `trx` and returns the change to
 * apply to the incident (fields, timeline entries). Throwing rolls everything back.
 */
export interface IncidentTransactions {
  mutateIncidentWith<T>(
    key: IncidentKey,
    context: MutationContext,
    work: (
      current: Incident,
      trx: Knex.Transaction,
    ) => Promise<IncidentWork<T>>,
  ): Promise<MutationResult & { result: T }>;
}
