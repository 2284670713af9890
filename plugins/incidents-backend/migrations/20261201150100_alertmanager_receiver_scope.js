// @ts-check

/**
 * Alertmanager alerts are deduplicated per receiver now (`alerts.scope` is the name of the
 * configured receiver that posted them; it was '' for every receiver up to 0.1.0). Without
 * this, the first notification after the upgrade would not find the alert it repeats or
 * resolves: a second row would start firing beside the old one, which would never resolve.
 *
 * The receiver of an old row is read from its actor (`alertmanager:default/<name>`, the
 * receiver's name in lower case; names are `[A-Za-z0-9._-]{1,63}` since 0.1.0). A receiver
 * named in lower case (the usual case) is matched exactly; for a name with capitals the
 * plugin finishes the move at start-up, when it knows the configured names
 * (`adoptLegacyAlertmanagerScopes` in src/database/alerts/legacyScopes.ts).
 * A row whose receiver has already posted the same alert since (a second row exists) is left
 * as it was.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const prefix = 'alertmanager:default/';
  // The receiver's name of an old row of `alerts`: its actor without the prefix.
  const receiver = knex.raw('substr(alerts.actor, ?)', [prefix.length + 1]);
  await knex('alerts')
    .where({ source: 'alertmanager', scope: '' })
    .where('actor', 'like', `${prefix}%`)
    .whereNotExists(q =>
      q
        .select(knex.raw('1'))
        .from('alerts as newer')
        .where('newer.source', 'alertmanager')
        .whereRaw('newer.dedup_key = alerts.dedup_key')
        .where('newer.scope', receiver),
    )
    .update({ scope: receiver });
  if (knex.client.config.client === 'pg') {
    await knex.raw(
      "COMMENT ON COLUMN alerts.scope IS 'Namespace of dedup_key: the receiver''s name for Alertmanager, the routing key id for events'",
    );
  }
};

/**
 * Back to one namespace for all receivers: '' for every Alertmanager alert whose fingerprint
 * no other receiver holds (0.1.0 could store only one of those; the others stay as they are,
 * and 0.1.0 starts them afresh).
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  const single = knex('alerts')
    .select('dedup_key')
    .where('source', 'alertmanager')
    .groupBy('dedup_key')
    .havingRaw('count(*) = 1');
  await knex('alerts')
    .where('source', 'alertmanager')
    .whereNot('scope', '')
    .whereIn('dedup_key', single)
    .update({ scope: '' });
  if (knex.client.config.client === 'pg') {
    await knex.raw(
      "COMMENT ON COLUMN alerts.scope IS 'Namespace of dedup_key: '''' for Alertmanager, the routing key id for events'",
    );
  }
};
