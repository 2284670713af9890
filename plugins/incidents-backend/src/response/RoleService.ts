import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Incident,
  IncidentPolicy,
  IncidentRoleSlot,
  refKey,
  ROLE_IDS,
  RoleId,
  ROLES,
  RoleSuggestion,
} from '@firebreak/plugin-incidents-common';
import { randomUUID } from 'node:crypto';
import { DatabaseRolesStore } from '../database/DatabaseRolesStore';
import { IncidentKey } from '../database/IncidentsStore';
import {
  RoleRequest,
  owningGroups,
  pageNotice,
  planPages,
  roleAssignedNotice,
  sameRef,
  shortRef,
} from '../domain/response';
import { OnCallResolver } from './OnCallResolver';
import { Clock } from '../domain/clock';
import { RoleGroups } from './roleGroups';
import { acknowledgeMinutes } from './CommanderAssigner';

/**
 * The response roles of an incident: who holds which, assigning, reassigning and handing
 * off (each on the timeline, the new holder notified), suggestions from the catalog and the
 * role → group mapping, and the specialists who join when a flag is raised.
 */
export class RoleService {
  constructor(
    private readonly deps: {
      roles: DatabaseRolesStore;
      onCall: OnCallResolver;
      roleGroups: RoleGroups;
      platformGroupRef: string;
      policy: IncidentPolicy;
      clock: Clock;
      newId?: () => string;
    },
  ) {}

  /** Every role of the incident, held or not, in the spec's order. */
  async slots(incidentId: string): Promise<IncidentRoleSlot[]> {
    const held = await this.deps.roles.listRoles(incidentId);
    return ROLE_IDS.map(role => {
      const assignment = held.find(h => h.role === role);
      if (!assignment) {
        return { role, title: ROLES[role].title, version: 0 };
      }
      const { version, ...assignee } = assignment;
      return { role, title: ROLES[role].title, assignee, version };
    });
  }

  /**
   * Assigns, reassigns or hands off, in one transaction with what follows: the new holder's
   * notification and, for a new incident commander, a page (the old commander's open pages
   * are cancelled by the store's page follow-up).
   */
  async change(
    key_: IncidentKey,
    request: RoleRequest,
    context: { actor: string },
  ): Promise<{ incident: Incident; slot: IncidentRoleSlot; changed: boolean }> {
    const { roles, policy, clock } = this.deps;
    const newId = this.deps.newId ?? randomUUID;
    const now = clock.now();
    const { incident, result } = await roles.changeRole(
      key_,
      { actor: context.actor, at: now.toISOString() },
      request,
      (current, assignment) => {
        const notice = roleAssignedNotice(current, assignment, newId());
        if (
          assignment.role !== 'incident-commander' ||
          sameRef(assignment.userRef, context.actor)
        ) {
          return { pages: [], timeline: [], effects: [notice] };
        }
        const paged = planPages([{ userRef: assignment.userRef }], {
          reason: `${shortRef(assignment.userRef)} is now incident commander`,
          now,
          acknowledgeMinutes: acknowledgeMinutes(policy, current.severity),
          newId,
        });
        return {
          ...paged,
          effects: paged.pages.flatMap(page => pageNotice(current, page)),
        };
      },
    );
    const changed = result.outcome === 'change';
    const slot = (await this.slots(incident.id)).find(
      s => s.role === request.role,
    )!;
    return { incident, slot, changed };
  }

  /**
   * Who could take each role: the on-call of the group configured for it
   * (`incidents.roles.groups`; the platform group for the incident commander by default), and
   * the on-call of the teams owning the affected entities.
   */
  async suggestions(
    incident: Incident,
    credentials: BackstageCredentials,
  ): Promise<RoleSuggestion[]> {
    const { onCall, roleGroups, platformGroupRef, clock } = this.deps;
    const owners = owningGroups(incident.entities);
    const groupOf = (role: RoleId) =>
      roleGroups.get(role) ??
      (role === 'incident-commander' ? platformGroupRef : undefined);
    const groups = [
      ...owners,
      ...ROLE_IDS.map(groupOf).filter((g): g is string => Boolean(g)),
    ];
    const resolved = await onCall.forGroups(groups, clock.now(), credentials);
    const held = await this.deps.roles.listRoles(incident.id);

    const items: RoleSuggestion[] = [];
    for (const role of ROLE_IDS) {
      const holder = held.find(h => h.role === role)?.userRef;
      const seen = new Set<string>();
      const add = (suggestion: RoleSuggestion) => {
        const id = suggestion.userRef
          ? refKey(suggestion.userRef)
          : `group:${refKey(suggestion.groupRef)}`;
        if (seen.has(id) || sameRef(holder, suggestion.userRef)) {
          return;
        }
        seen.add(id);
        items.push(suggestion);
      };
      const roleGroup = groupOf(role);
      if (roleGroup) {
        const answer = resolved.get(refKey(roleGroup));
        if (answer?.currentUserRef) {
          add({
            role,
            userRef: answer.currentUserRef,
            groupRef: roleGroup,
            source: 'role-group-on-call',
            reason: `on call for ${shortRef(roleGroup)}, the ${ROLES[
              role
            ].title.toLocaleLowerCase('en-US')} group`,
          });
        } else {
          add({
            role,
            groupRef: roleGroup,
            source: 'role-group',
            reason: `nobody is on call for ${shortRef(
              roleGroup,
            )}; pick one of its members or page the group`,
          });
        }
      }
      if (ROLES[role].joinsWhen) {
        continue;
      }
      for (const owner of owners) {
        const answer = resolved.get(refKey(owner));
        if (answer?.currentUserRef) {
          add({
            role,
            userRef: answer.currentUserRef,
            groupRef: owner,
            source: 'owner-on-call',
            reason: `on call for ${shortRef(
              owner,
            )}, which owns affected entities`,
          });
        }
      }
    }
    return items;
  }
}
