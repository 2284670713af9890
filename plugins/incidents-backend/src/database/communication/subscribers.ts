import { Knex } from 'knex';
import { randomBytes, randomUUID } from 'node:crypto';
import { toDbTimestamp } from '../rows';

export interface Subscriber {
  id: string;
  email: string;
  token: string;
}

/**
 * Adds (or re-invites) an email address; it gets updates only once confirmed. A new token
 * each time, so an older confirm link stops working.
 */
export async function upsertSubscriber(
  trx: Knex.Transaction,
  email: string,
  now: Date,
): Promise<Subscriber & { confirmed: boolean }> {
  const address = email.trim().toLocaleLowerCase('en-US');
  const token = randomBytes(24).toString('base64url');
  const existing = await trx('status_page_subscribers')
    .where({ email: address })
    .first('id', 'confirmed_at');
  if (existing) {
    await trx('status_page_subscribers')
      .where({ id: existing.id })
      .update({ token });
    return {
      id: existing.id,
      email: address,
      token,
      confirmed: Boolean(existing.confirmed_at),
    };
  }
  const id = randomUUID();
  await trx('status_page_subscribers')
    .insert({
      id,
      email: address,
      token,
      created_at: toDbTimestamp(now.toISOString()),
      confirmed_at: null,
    })
    .onConflict('email')
    .ignore();
  const row = await trx('status_page_subscribers')
    .where({ email: address })
    .first('id', 'token', 'confirmed_at');
  return {
    id: row.id,
    email: address,
    token: row.token,
    confirmed: Boolean(row.confirmed_at),
  };
}

/** Confirms the subscription of `token`; false for an unknown token. */
export async function confirmSubscriber(
  db: Knex,
  token: string,
  now: Date,
): Promise<boolean> {
  const updated = await db('status_page_subscribers')
    .where({ token })
    .update({ confirmed_at: toDbTimestamp(now.toISOString()) });
  return updated > 0;
}

/** Removes the subscription of `token`; false for an unknown token. */
export async function removeSubscriber(
  db: Knex,
  token: string,
): Promise<boolean> {
  return (await db('status_page_subscribers').where({ token }).delete()) > 0;
}

/** Every confirmed subscriber (they all get every public update). */
export async function listConfirmedSubscribers(
  db: Knex | Knex.Transaction,
): Promise<Subscriber[]> {
  return db('status_page_subscribers')
    .whereNotNull('confirmed_at')
    .orderBy('id')
    .select('id', 'email', 'token');
}
