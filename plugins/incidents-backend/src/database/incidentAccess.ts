import { Knex } from 'knex';
import {
  IncidentAccessCriteria,
  IncidentAccessFilter,
} from '../domain/visibility';

/**
 * The criteria of a conditional permission decision as a WHERE clause on the incidents table
 * (under the name or alias `incidents`), so that a list, its count and its cursor only ever
 * see the incidents the policy allows: nothing is filtered after the query. Composable: it adds
 * one parenthesised condition to whatever else the query filters on.
 */

type Db = Knex | Knex.Transaction;

const lower = (refs: string[]) => [
  ...new Set(refs.map(ref => ref.toLocaleLowerCase('en-US'))),
];

/** `lower(column) in (refs)`, or false for no refs. */
function refsIn(
  where: Knex.QueryBuilder,
  column: string,
  refs: string[],
): Knex.QueryBuilder {
  const values = lower(refs);
  if (values.length === 0) {
    return where.whereRaw('1 = 0');
  }
  return where.whereRaw(`lower(??) in (${values.map(() => '?').join(', ')})`, [
    column,
    ...values,
  ]);
}

function applyFilter(
  where: Knex.QueryBuilder,
  db: Db,
  filter: IncidentAccessFilter,
  incidents: string,
): void {
  switch (filter.rule) {
    case 'restricted':
      where.where(`${incidents}.restricted`, true);
      return;
    case 'severity':
      if (filter.severities.length === 0) {
        where.whereRaw('1 = 0');
      } else {
        where.whereIn(`${incidents}.severity`, filter.severities);
      }
      return;
    case 'responder': {
      const roles = db('incident_roles')
        .select('incident_id')
        .where(w => refsIn(w, 'user_ref', filter.refs));
      const pages = db('incident_pages')
        .select('incident_id')
        .where(page =>
          page
            .where(w => refsIn(w, 'target_user_ref', filter.refs))
            .orWhere(group =>
              group
                .whereNull('target_user_ref')
                .where(w => refsIn(w, 'target_group_ref', filter.refs)),
            ),
        );
      where.where(any =>
        any
          .where(w => refsIn(w, `${incidents}.created_by`, filter.refs))
          .orWhereIn(`${incidents}.id`, roles)
          .orWhereIn(`${incidents}.id`, pages),
      );
      return;
    }
    case 'affectedOwner':
      where.whereIn(
        `${incidents}.id`,
        db('incident_entities')
          .select('incident_id')
          .where('relation', 'affected')
          .where(w => refsIn(w, 'owner_ref', filter.refs)),
      );
      return;
    default:
      // An unknown rule matches nothing: a policy mistake must not show more.
      where.whereRaw('1 = 0');
  }
}

/** Adds `criteria` to `query` as one condition (AND-ed with the rest of the query). */
export function whereIncidentAccess<Q extends Knex.QueryBuilder>(
  query: Q,
  db: Db,
  criteria: IncidentAccessCriteria,
  incidents = 'incidents',
): Q {
  query.where(where => applyCriteria(where, db, criteria, incidents));
  return query;
}

function applyCriteria(
  where: Knex.QueryBuilder,
  db: Db,
  criteria: IncidentAccessCriteria,
  incidents: string,
): void {
  if ('allOf' in criteria) {
    for (const child of criteria.allOf) {
      where.where(w => applyCriteria(w, db, child, incidents));
    }
    return;
  }
  if ('anyOf' in criteria) {
    if (criteria.anyOf.length === 0) {
      where.whereRaw('1 = 0');
    }
    for (const child of criteria.anyOf) {
      where.orWhere(w => applyCriteria(w, db, child, incidents));
    }
    return;
  }
  if ('not' in criteria) {
    where.whereNot(w => applyCriteria(w, db, criteria.not, incidents));
    return;
  }
  applyFilter(where, db, criteria, incidents);
}
