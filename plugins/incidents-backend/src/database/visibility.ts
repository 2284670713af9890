import { Knex } from 'knex';
import { IncidentAudience, VisibilityScope } from '../domain/visibility';

/**
 * The visibility rule of ../domain/visibility.ts (`canSeeIncident`) as query conditions, so
 * that hidden incidents never reach a page, a count or a cursor. Every read on behalf of a
 * caller goes through one of these.
 */

type Db = Knex | Knex.Transaction;

function refsIn(column: string, refs: string[]): [string, string[]] {
  if (refs.length === 0) {
    return ['1 = 0', []];
  }
  return [
    `lower(??) in (${refs.map(() => '?').join(', ')})`,
    [column, ...refs],
  ];
}

/** Unrestricted, or restricted with one of `refs` in its audience (declarer, roles, pages). */
function inAudience(
  where: Knex.QueryBuilder,
  db: Db,
  refs: string[],
  incidents: string,
): void {
  const rolesOf = db('incident_roles')
    .select('incident_id')
    .whereRaw(...refsIn('user_ref', refs));
  const pagedFor = db('incident_pages')
    .select('incident_id')
    .where(page =>
      page
        .whereRaw(...refsIn('target_user_ref', refs))
        .orWhere(group =>
          group
            .whereNull('target_user_ref')
            .whereRaw(...refsIn('target_group_ref', refs)),
        ),
    );
  where
    .where(`${incidents}.restricted`, false)
    .orWhereRaw(...refsIn(`${incidents}.created_by`, refs))
    .orWhereIn(`${incidents}.id`, rolesOf)
    .orWhereIn(`${incidents}.id`, pagedFor);
}

/**
 * Limits a query on the incidents table (under the name or alias `incidents`) to the
 * incidents that `scope` may see.
 */
export function whereIncidentVisible<Q extends Knex.QueryBuilder>(
  query: Q,
  db: Db,
  scope: VisibilityScope,
  incidents = 'incidents',
): Q {
  if (scope.kind === 'all') {
    return query;
  }
  query.where(where => inAudience(where, db, scope.refs, incidents));
  return query;
}

/** The ids of the restricted incidents hidden from `scope`; undefined when none can be. */
export function hiddenIncidentIds(
  db: Db,
  scope: VisibilityScope,
): Knex.QueryBuilder | undefined {
  if (scope.kind === 'all') {
    return undefined;
  }
  return db('incidents as hidden_incidents')
    .select('hidden_incidents.id')
    .where('hidden_incidents.restricted', true)
    .whereNot(where => inAudience(where, db, scope.refs, 'hidden_incidents'));
}

/**
 * Limits a query to rows whose incident (`column`, possibly null) is not hidden from `scope`:
 * pages, alerts and other data of an incident.
 */
export function whereIncidentNotHidden<Q extends Knex.QueryBuilder>(
  query: Q,
  db: Db,
  scope: VisibilityScope,
  column: string,
): Q {
  const hidden = hiddenIncidentIds(db, scope);
  if (hidden) {
    query.where(where => where.whereNull(column).orWhereNotIn(column, hidden));
  }
  return query;
}

/**
 * Limits a query on `alerts` to alerts that neither belong nor belonged (incident_alerts) to
 * an incident hidden from `scope`: their labels tell what the incident is about.
 */
export function whereAlertVisible<Q extends Knex.QueryBuilder>(
  query: Q,
  db: Db,
  scope: VisibilityScope,
): Q {
  const hidden = hiddenIncidentIds(db, scope);
  if (hidden) {
    whereIncidentNotHidden(query, db, scope, 'alerts.incident_id');
    query.whereNotIn(
      'alerts.id',
      db('incident_alerts').select('alert_id').whereIn('incident_id', hidden),
    );
  }
  return query;
}

/**
 * The audience of one incident as `canSeeIncident` sees it (declarer, role holders, paged
 * users, groups paged as a whole), read outside any write; undefined for an unknown
 * incident. Unrestricted incidents skip the role and page reads.
 */
export async function readIncidentAudience(
  db: Db,
  incidentId: string,
): Promise<IncidentAudience | undefined> {
  const incident: { restricted: boolean | number; created_by: string } =
    await db('incidents')
      .where({ id: incidentId })
      .first('restricted', 'created_by');
  if (!incident) {
    return undefined;
  }
  const audience: IncidentAudience = {
    restricted: Boolean(incident.restricted),
    createdBy: incident.created_by,
    roleHolderRefs: [],
    pagedUserRefs: [],
    pagedGroupRefs: [],
  };
  if (!audience.restricted) {
    return audience;
  }
  const roles: { user_ref: string }[] = await db('incident_roles')
    .where({ incident_id: incidentId })
    .select('user_ref');
  const pages: {
    target_user_ref: string | null;
    target_group_ref: string | null;
  }[] = await db('incident_pages')
    .where({ incident_id: incidentId })
    .select('target_user_ref', 'target_group_ref');
  audience.roleHolderRefs = roles.map(r => r.user_ref);
  for (const page of pages) {
    if (page.target_user_ref) {
      audience.pagedUserRefs.push(page.target_user_ref);
    } else if (page.target_group_ref) {
      audience.pagedGroupRefs.push(page.target_group_ref);
    }
  }
  return audience;
}
