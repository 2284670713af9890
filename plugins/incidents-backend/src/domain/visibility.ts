/**
 * Restricted incidents (security alerts: unauthorized access, data exfiltration) are seen only
 * by the people working on them. This module decides who that is; the database applies the
 * same rule in SQL (see ../database/visibility.ts) so that lists, counts and pages agree.
 */

/** The groups that see every restricted incident when `incidents.restricted.viewerGroups` is unset. */
export const DEFAULT_RESTRICTED_VIEWER_GROUPS: readonly string[] = [
  'group:default/platform-reliability',
  'group:default/privacy',
];

/** Who is asking: another plugin, or a user with their ownership refs (user ref + groups). */
export type IncidentViewer =
  | { type: 'service' }
  | { type: 'user'; userEntityRef: string; ownershipEntityRefs: string[] };

/**
 * What a viewer may see: every incident, or the unrestricted ones plus the restricted ones
 * whose audience includes one of `refs` (lower case).
 */
export type VisibilityScope =
  | { kind: 'all' }
  | { kind: 'audience'; refs: string[] };

/** The people a restricted incident is shown to, besides the viewer groups. */
export interface IncidentAudience {
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

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * The visibility decision. Services (plugin-to-plugin calls) and members of the viewer
 * groups see everything; anyone else sees a restricted incident only when they, or a group
 * they belong to, are in its audience.
 */
export function visibilityScope(
  viewer: IncidentViewer,
  viewerGroupRefs: readonly string[],
): VisibilityScope {
  if (viewer.type === 'service') {
    return { kind: 'all' };
  }
  const refs = [
    ...new Set(
      [viewer.userEntityRef, ...viewer.ownershipEntityRefs].map(lower),
    ),
  ];
  const viewerGroups = new Set(viewerGroupRefs.map(lower));
  if (refs.some(ref => viewerGroups.has(ref))) {
    return { kind: 'all' };
  }
  return { kind: 'audience', refs };
}

/** Whether `scope` includes the incident; the SQL in ../database/visibility.ts mirrors it. */
export function canSeeIncident(
  incident: IncidentAudience,
  scope: VisibilityScope,
): boolean {
  if (scope.kind === 'all' || !incident.restricted) {
    return true;
  }
  const refs = new Set(scope.refs);
  return [
    incident.createdBy,
    ...incident.roleHolderRefs,
    ...incident.pagedUserRefs,
    ...incident.pagedGroupRefs,
  ].some(ref => refs.has(lower(ref)));
}

/**
 * Who is told about changes to an incident (live-update signals): everyone for an
 * unrestricted one (undefined), otherwise the refs of the audience of `canSeeIncident` plus
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
