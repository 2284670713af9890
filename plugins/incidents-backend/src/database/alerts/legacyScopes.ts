import { Knex } from 'knex';

const ACTOR_PREFIX = 'alertmanager:default/';

/**
 * Finishes the move of Alertmanager alerts from 0.1.0's shared dedup namespace to their
 * receiver's (see migrations/20261201150100_alertmanager_receiver_scope.js): the migration
 * names an old alert's receiver by its actor, `alertmanager:default/<actorName(receiver)>`:
 * the receiver's name in lower case. `receivers` are the configured receivers with the actor
 * their alerts are stored with. For each configured receiver whose name has capitals,
 * the alerts the migration gave the lower-case name as their scope get the real name,
 * unless another receiver could have posted them (two configured names that differ only in
 * case) or the receiver has posted the same alert since. Idempotent; the
 * unique (source, scope, dedup_key) index serves it. Returns how many alerts moved.
 */
export async function adoptLegacyAlertmanagerScopes(
  db: Knex,
  receivers: readonly { name: string; actor: string }[],
): Promise<number> {
  /** The scope the migration gave an old alert of the receiver: its actor's name part. */
  const formOf = (actor: string) =>
    actor.startsWith(ACTOR_PREFIX)
      ? actor.slice(ACTOR_PREFIX.length)
      : undefined;
  let moved = 0;
  for (const { name, actor } of receivers) {
    const form = formOf(actor);
    const ambiguous = receivers.some(
      other =>
        other.name !== name &&
        (other.name === form || formOf(other.actor) === form),
    );
    if (!form || form === name || ambiguous) continue;
    moved += await db('alerts')
      .where({ source: 'alertmanager', scope: form, actor })
      .whereNotExists(q =>
        q
          .select(db.raw('1'))
          .from('alerts as newer')
          .where({ 'newer.source': 'alertmanager', 'newer.scope': name })
          .whereRaw('newer.dedup_key = alerts.dedup_key'),
      )
      .update({ scope: name });
  }
  return moved;
}
