import { PermissionCriteria } from '@backstage/plugin-permission-common';

/**
 * Restricted incidents (security alerts: unauthorized access, data exfiltration) are seen only
 * by the people working on them. Who that is, is the permission policy's decision on
 * `incident.read`; this module holds its conditions as data, and the database applies them in
 * SQL (see ../database/visibility.ts) so that lists, counts and pages agree.
 */

/** The groups that see every restricted incident when `incidents.restricted.viewerGroups` is unset. */
export const DEFAULT_RESTRICTED_VIEWER_GROUPS: readonly string[] = [
  'group:default/platform-reliability',
  'group:default/privacy',
];

/**
 * One condition of a policy's conditional decision on `incident.*` permissions, as data: the
 * permission rules (../service/permissions/rules.ts) turn their parameters into these, the
 * database turns them into SQL (../database/incidentAccess.ts) and `matchesAccessFilter`
 * evaluates them on one loaded incident. Refs are compared in lower case.
 *
 * @public
 */
export type IncidentAccessFilter =
  | { rule: 'restricted' }
  | { rule: 'severity'; severities: string[] }
  | { rule: 'responder'; refs: string[] }
  | { rule: 'affectedOwner'; refs: string[] };

/** A tree of filters joined by allOf / anyOf / not, as in a policy's conditional decision. */
export type IncidentAccessCriteria = PermissionCriteria<IncidentAccessFilter>;

/**
 * What a caller may read: every incident (the policy allowed `incident.read`), none (denied),
 * or those matching the criteria of a conditional decision.
 */
export type VisibilityScope =
  | { kind: 'all' }
  | { kind: 'none' }
  | { kind: 'conditions'; criteria: IncidentAccessCriteria };

/** The people a restricted incident is shown to by the responder rule. @public */
export interface IncidentAudience {
  /** The incident is restricted (a security incident). */
  restricted: boolean;
  /** The user who declared it. */
  createdBy: string;
  /** Current holders of its roles. */
  roleHolderRefs: string[];
  /** Users paged for it. */
  pagedUserRefs: string[];
  /** Groups paged for it as a whole (not via one of their on-call members). */
  pagedGroupRefs: string[];
}

/** What the permission rules look at: an incident, its audience and its owners. @public */
export interface IncidentAccessResource extends IncidentAudience {
  /** The incident's id. */
  id: string;
  /** The incident's severity, e.g. `SEV1`. */
  severity: string;
  /** Owning groups of the entities it affects (named at declaration). */
  affectedOwnerRefs: string[];
}

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

const intersects = (refs: string[], candidates: string[]) => {
  const wanted = new Set(refs.map(lower));
  return candidates.some(ref => wanted.has(lower(ref)));
};

/** Whether one filter holds for `incident`; the SQL in ../database/incidentAccess.ts mirrors it. */
export function matchesAccessFilter(
  incident: IncidentAccessResource,
  filter: IncidentAccessFilter,
): boolean {
  switch (filter.rule) {
    case 'restricted':
      return incident.restricted;
    case 'severity':
      return filter.severities.includes(incident.severity);
    case 'responder':
      return intersects(filter.refs, [
        incident.createdBy,
        ...incident.roleHolderRefs,
        ...incident.pagedUserRefs,
        ...incident.pagedGroupRefs,
      ]);
    case 'affectedOwner':
      return intersects(filter.refs, incident.affectedOwnerRefs);
    default:
      return false;
  }
}

/** Whether a criteria tree holds for `incident`. */
export function matchesAccessCriteria(
  incident: IncidentAccessResource,
  criteria: IncidentAccessCriteria,
): boolean {
  if ('allOf' in criteria) {
    return criteria.allOf.every(c => matchesAccessCriteria(incident, c));
  }
  if ('anyOf' in criteria) {
    return criteria.anyOf.some(c => matchesAccessCriteria(incident, c));
  }
  if ('not' in criteria) {
    return !matchesAccessCriteria(incident, criteria.not);
  }
  return matchesAccessFilter(incident, criteria);
}

/**
 * Whether `scope` shows what is known before an incident exists: a restricted alert not (or
 * no longer) attached to an incident is shown to whoever would see a restricted incident of
 * its severity that nobody has been paged for yet.
 */
export function seesUnattachedRestricted(
  scope: VisibilityScope,
  severity?: string,
): boolean {
  if (scope.kind !== 'conditions') {
    return scope.kind === 'all';
  }
  return matchesAccessCriteria(
    {
      id: '',
      restricted: true,
      severity: severity ?? '',
      createdBy: '',
      roleHolderRefs: [],
      pagedUserRefs: [],
      pagedGroupRefs: [],
      affectedOwnerRefs: [],
    },
    scope.criteria,
  );
}

/**
 * Who is told about changes to an incident (live-update signals): everyone for an
 * unrestricted one (undefined), otherwise its responders (the IS_RESPONDER rule) plus
 * the viewer groups. Signals reach a connection whose ownership refs (user ref and groups)
 * include one of them, compared exactly, so each ref is given as written and in lower case.
 */
export function signalRecipients(
  incident: IncidentAudience,
  viewerGroupRefs: readonly string[],
): string[] | undefined {
  if (!incident.restricted) {
    return undefined;
  }
  const refs = [
    incident.createdBy,
    ...incident.roleHolderRefs,
    ...incident.pagedUserRefs,
    ...incident.pagedGroupRefs,
    ...viewerGroupRefs,
  ];
  return [...new Set(refs.flatMap(ref => [ref, lower(ref)]))];
}
