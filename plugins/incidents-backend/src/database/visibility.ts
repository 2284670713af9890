import { Knex } from 'knex';
import { SEVERITIES } from '@firebreak/plugin-incidents-common';
import {
  IncidentAccessResource,
  IncidentAudience,
  VisibilityScope,
  seesUnattachedRestricted,
} from '../domain/visibility';
import { whereIncidentAccess } from './incidentAccess';

/**
 * The caller's read scope (../domain/visibility.ts: the policy's decision on `incident.read`)
 * as query conditions, so that hidden incidents never reach a page, a count or a cursor.
 * Every read on behalf of a caller goes through one of these.
 */

type Db = Knex | Knex.Transaction;

/** The severities a restricted alert may carry ('' for none), each judged on its own. */
const RESTRICTED_ALERT_SEVERITIES: string[] = ['', ...SEVERITIES];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
  if (scope.kind === 'none') {
    query.whereRaw('1 = 0');
  } else if (scope.kind === 'conditions') {
    whereIncidentAccess(query, db, scope.criteria, incidents);
  }
  return query;
}

/** The ids of the incidents hidden from `scope`; undefined when none are. */
export function hiddenIncidentIds(
  db: Db,
  scope: VisibilityScope,
): Knex.QueryBuilder | undefined {
  if (scope.kind === 'all') {
    return undefined;
  }
  const hidden = db('incidents as hidden_incidents').select(
    'hidden_incidents.id',
  );
  if (scope.kind === 'conditions') {
    hidden.whereNot(where =>
      whereIncidentAccess(where, db, scope.criteria, 'hidden_incidents'),
    );
  }
  return hidden;
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
 * an incident hidden from `scope` (their labels tell what the incident is about), and, for a
 * restricted alert outside any incident (unrouted, pending or failed declaration, or matched
 * by the restricted label), to callers who see such restricted incidents.
 */
export function whereAlertVisible<Q extends Knex.QueryBuilder>(
  query: Q,
  db: Db,
  scope: VisibilityScope,
): Q {
  const hidden = hiddenIncidentIds(db, scope);
  if (!hidden) {
    return query;
  }
  whereIncidentNotHidden(query, db, scope, 'alerts.incident_id');
  query.whereNotIn(
    'alerts.id',
    db('incident_alerts').select('alert_id').whereIn('incident_id', hidden),
  );
  const seen = RESTRICTED_ALERT_SEVERITIES.filter(severity =>
    seesUnattachedRestricted(scope, severity || undefined),
  );
  if (seen.length < RESTRICTED_ALERT_SEVERITIES.length) {
    query.where(where => {
      where
        .where('alerts.restricted', false)
        .orWhereNotNull('alerts.incident_id');
      const named = seen.filter(Boolean);
      if (named.length > 0) where.orWhereIn('alerts.rule_severity', named);
      if (seen.includes('')) where.orWhereNull('alerts.rule_severity');
    });
  }
  return query;
}

/**
 * The audience of one incident as the responder rule sees it (declarer, role holders, paged
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

/**
 * What the permission rules look at, for each of `ids` (incident ids, in that order; undefined
 * for an unknown one): the permission framework's resource loader.
 */
export async function readIncidentAccessResources(
  db: Db,
  ids: string[],
): Promise<Array<IncidentAccessResource | undefined>> {
  const valid = ids.filter(id => UUID.test(id)).map(id => id.toLowerCase());
  if (valid.length === 0) {
    return ids.map(() => undefined);
  }
  const [incidents, roles, pages, owners] = await Promise.all([
    db('incidents')
      .whereIn('id', valid)
      .select('id', 'restricted', 'severity', 'created_by'),
    db('incident_roles')
      .whereIn('incident_id', valid)
      .select('incident_id', 'user_ref'),
    db('incident_pages')
      .whereIn('incident_id', valid)
      .select('incident_id', 'target_user_ref', 'target_group_ref'),
    db('incident_entities')
      .whereIn('incident_id', valid)
      .where('relation', 'affected')
      .whereNotNull('owner_ref')
      .select('incident_id', 'owner_ref'),
  ]);
  const byId = new Map<string, IncidentAccessResource>();
  for (const row of incidents) {
    byId.set(row.id, {
      id: row.id,
      restricted: Boolean(row.restricted),
      severity: row.severity,
      createdBy: row.created_by,
      roleHolderRefs: [],
      pagedUserRefs: [],
      pagedGroupRefs: [],
      affectedOwnerRefs: [],
    });
  }
  for (const role of roles) {
    byId.get(role.incident_id)?.roleHolderRefs.push(role.user_ref);
  }
  for (const page of pages) {
    const resource = byId.get(page.incident_id);
    if (page.target_user_ref) {
      resource?.pagedUserRefs.push(page.target_user_ref);
    } else if (page.target_group_ref) {
      resource?.pagedGroupRefs.push(page.target_group_ref);
    }
  }
  for (const owner of owners) {
    byId.get(owner.incident_id)?.affectedOwnerRefs.push(owner.owner_ref);
  }
  return ids.map(id => byId.get(id.toLowerCase()));
}
