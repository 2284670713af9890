import { Knex } from 'knex';
import { actorName } from '../../alerts/adapters/shared';

/**
 * Finishes the move of Alertmanager alerts from 0.1.0's shared dedup namespace to their
 * receiver's (see migrations/20261201150000_alertmanager_receiver_scope.js): the migration
 * names an old alert's receiver by its actor, `alertmanager:default/<actorName(receiver)>`:
 * the receiver's name in lower case. For each configured receiver whose name has capitals,
 * the alerts the migration gave the lower-case name as their scope get the real name,
 * unless another receiver could have posted them (two configured names that differ only in
 * case) or the receiver has posted the same alert since. Idempotent; the
 * unique (source, scope, dedup_key) index serves it. Returns how many alerts moved.
 */
export async function adoptLegacyAlertmanagerScopes(
  db: Knex,
  receiverNames: readonly string[],
): Promise<number> {
  let moved = 0;
  for (const name of receiverNames) {
    const form = actorName(name);
    const ambiguous = receiverNames.some(
      other => other !== name && (other === form || actorName(other) === form),
    );
    if (form === name || ambiguous) continue;
    moved += await db('alerts')
      .where({
        source: 'alertmanager',
        scope: form,
        actor: `alertmanager:default/${form}`,
      })
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
