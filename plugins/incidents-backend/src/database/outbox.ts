// Placeholder until the lead's outbox (issue 13) is merged: replaced by main's outbox.ts.
import { Knex } from 'knex';
import { CommsEffect } from '../domain/communication';

export async function enqueueEffects(
  _db: Knex | Knex.Transaction,
  _effects: CommsEffect[],
  _now: Date,
): Promise<void> {}
