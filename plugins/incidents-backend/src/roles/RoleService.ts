import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  Incident,
  IncidentFlag,
  IncidentRoleSlot,
  ROLES,
  ROLE_IDS,
  RoleId,
  RoleSuggestion,
  roleJoiningOn,
} from '@firebreak/plugin-incidents-common';
import { DatabaseRolesStore } from '../database/DatabaseRolesStore';
import { IncidentKey, IncidentsStore } from '../database/IncidentsStore';
import {
  RoleRequest,
  SYSTEM_ACTOR,
  owningGroups,
  sameRef,
  shortRef,
} from '../domain/response';
import { IncidentChangeEvent, IncidentEvents } from '../events/IncidentEvents';
import { OnCallResolver } from '../oncall/OnCallResolver';
import { PagingService } from '../paging/PagingService';
import { ResponseNotifier } from '../paging/ResponseNotifier';
import { Clock } from '../service/clock';
import { RoleGroups } from './roleGroups';

const FLAG_LABELS: Record<IncidentFlag, string> = {
  costImpact: 'cost impact flagged',
  dataExposure: 'data exposure flagged',
};

const key = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * The response roles of an incident: who holds which, assigning, reassigning and handing
 * off (each on the timeline, the new holder notified), suggestions from the catalog and the
 * role → group mapping, and the specialists who join when a flag is raised.
 */
export class RoleService {
  constructor(
    private readonly deps: {
      incidents: IncidentsStore;
      roles: DatabaseRolesStore;
      onCall: OnCallResolver;
      roleGroups: RoleGroups;
      platformGroupRef: string;
      paging: PagingService;
      notifier: ResponseNotifier;
      events: IncidentEvents;
      auth: AuthService;
      clock: Clock;
      logger: LoggerService;
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

  /** Assigns, reassigns or hands off; notifies the new holder and signals the change. */
  async change(
    key_: IncidentKey,
    request: RoleRequest,
    context: { actor: string },
  ): Promise<{ incident: Incident; slot: IncidentRoleSlot; changed: boolean }> {
    const { roles, notifier, events, clock } = this.deps;
    const { incident, result } = await roles.changeRole(
      key_,
      { actor: context.actor, at: clock.now().toISOString() },
      request,
    );
    const changed = result.outcome === 'change';
    if (changed) {
      await notifier.roleAssigned(
        incident,
        request.role,
        request.userRef,
        request.note,
      );
      await events.publish({ incident, kind: 'roles', actor: context.actor });
    }
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
          ? key(suggestion.userRef)
          : `group:${key(suggestion.groupRef)}`;
        if (seen.has(id) || sameRef(holder, suggestion.userRef)) {
          return;
        }
        seen.add(id);
        items.push(suggestion);
      };
      const roleGroup = groupOf(role);
      if (roleGroup) {
        const answer = resolved.get(key(roleGroup));
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
        const answer = resolved.get(key(owner));
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

  /**
   * After-commit listener: when an edit raises the cost impact or data exposure flag, the
   * FinOps specialist or privacy officer joins (the spec's Phase 4): the on-call of the
   * role's group takes the role and is paged; without an on-call the whole group is paged;
   * without a configured group the timeline says so.
   */
  readonly onIncidentChanged = async (event: IncidentChangeEvent) => {
    if (event.kind !== 'updated') {
      return;
    }
    for (const flag of raisedFlags(event)) {
      await this.join(
        event.incident.id,
        roleJoiningOn(flag),
        flag,
        event.actor,
      );
    }
  };

  private async join(
    incidentId: string,
    role: RoleId,
    flag: IncidentFlag,
    actor: string,
  ): Promise<void> {
    const { roles, roleGroups, onCall, incidents, paging, auth, clock } =
      this.deps;
    if ((await roles.listRoles(incidentId)).some(h => h.role === role)) {
      return;
    }
    const title = ROLES[role].title;
    const groupRef = roleGroups.get(role);
    if (!groupRef) {
      const { incident } = await incidents.mutateIncident(
        { id: incidentId },
        { actor: SYSTEM_ACTOR, at: clock.now().toISOString() },
        () => ({
          fields: {},
          timeline: [
            {
              kind: 'role',
              body: `${title} should join (${FLAG_LABELS[flag]}), but no group is configured for the role (incidents.roles.groups.${role}); assign someone by hand`,
              details: { role, action: 'join', flag, groupRef: null },
            },
          ],
        }),
      );
      await this.deps.events.publish({
        incident,
        kind: 'roles',
        actor: SYSTEM_ACTOR,
      });
      return;
    }
    const credentials = await auth.getOwnServiceCredentials();
    const answer = (
      await onCall.forGroups([groupRef], clock.now(), credentials)
    ).get(key(groupRef));
    if (answer?.currentUserRef) {
      await this.change(
        { id: incidentId },
        { role, userRef: answer.currentUserRef, reason: FLAG_LABELS[flag] },
        { actor },
      );
    }
    await paging.page(
      { id: incidentId },
      {
        groupRefs: [groupRef],
        reason: `${title} joins: ${FLAG_LABELS[flag]}`,
      },
      { actor, credentials },
    );
  }
}

/** Flags an edit turned on, from its timeline entries. */
function raisedFlags(event: IncidentChangeEvent): IncidentFlag[] {
  const flags = new Set<IncidentFlag>();
  for (const entry of event.entries ?? []) {
    const changes = entry.details.changes;
    if (!Array.isArray(changes)) {
      continue;
    }
    for (const change of changes as { field?: string; after?: unknown }[]) {
      if (
        (change.field === 'costImpact' || change.field === 'dataExposure') &&
        change.after === true
      ) {
        flags.add(change.field);
      }
    }
  }
  return [...flags];
}
