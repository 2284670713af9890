import {
  Incident,
  IncidentFlag,
  refKey,
  RoleId,
  roleJoiningOn,
  ROLES,
} from '@firebreak/plugin-incidents-common';
import { Effect } from '../effects';
import { NewPage, NewRoleAssignment, NewTimelineEntry } from '../types';
import { shortRef } from './names';
import { pageNotice, roleAssignedNotice } from './notices';
import { planPages } from './paging';
import { decideRoleChange } from './roles';

export const FLAG_LABELS: Record<IncidentFlag, string> = {
  costImpact: 'cost impact flagged',
  dataExposure: 'data exposure flagged',
};

/** Flags an edit turns on. */
export function raisedFlags(
  before: Pick<Incident, IncidentFlag>,
  fields: Partial<Record<IncidentFlag, boolean>>,
): IncidentFlag[] {
  return (['costImpact', 'dataExposure'] as const).filter(
    flag => fields[flag] === true && !before[flag],
  );
}

/** What a specialist joining on a raised flag adds to the change that raised it. */
export interface FlagJoinPlan {
  roles: NewRoleAssignment[];
  pages: NewPage[];
  timeline: NewTimelineEntry[];
  effects: Effect[];
}

/**
 * The spec's Phase 4: when the impact includes cost or data exposure, the FinOps specialist
 * or privacy officer joins. The on-call of the role's group (`incidents.roles.groups`) takes
 * the role and is paged; without an on-call the whole group is paged; without a group the
 * timeline says to assign someone by hand. A role already held is left alone.
 */
export function planFlagJoins(
  incident: Pick<Incident, 'id' | 'ref' | 'title' | 'severity'>,
  flags: IncidentFlag[],
  context: {
    heldRoles: RoleId[];
    roleGroups: ReadonlyMap<RoleId, string>;
    /** Who is on call now, by lower-cased group ref. */
    onCall: ReadonlyMap<string, string | undefined>;
    now: Date;
    acknowledgeMinutes: number;
    newId: () => string;
  },
): FlagJoinPlan {
  const plan: FlagJoinPlan = {
    roles: [],
    pages: [],
    timeline: [],
    effects: [],
  };
  for (const flag of flags) {
    const role = roleJoiningOn(flag);
    if (context.heldRoles.includes(role)) {
      continue;
    }
    const title = ROLES[role].title;
    const groupRef = context.roleGroups.get(role);
    if (!groupRef) {
      plan.timeline.push({
        kind: 'role',
        body: `${title} should join (${FLAG_LABELS[flag]}), but no group is configured for the role (incidents.roles.groups.${role}); assign someone by hand`,
        details: { role, action: 'join', flag, groupRef: null },
      });
      continue;
    }
    const userRef = context.onCall.get(refKey(groupRef));
    if (userRef) {
      const decision = decideRoleChange(undefined, {
        role,
        userRef,
        reason: FLAG_LABELS[flag],
      });
      if (decision.outcome === 'change') {
        plan.roles.push(decision.assignment);
        plan.timeline.push(decision.timeline);
        plan.effects.push(
          roleAssignedNotice(incident, decision.assignment, context.newId()),
        );
      }
    }
    const paged = planPages(
      [
        userRef
          ? { groupRef, userRef }
          : {
              groupRef,
              note: `nobody is on call for ${shortRef(
                groupRef,
              )}, so the whole group is paged`,
            },
      ],
      {
        reason: `${title} joins: ${FLAG_LABELS[flag]}`,
        now: context.now,
        acknowledgeMinutes: context.acknowledgeMinutes,
        newId: context.newId,
      },
    );
    plan.pages.push(...paged.pages);
    plan.timeline.push(...paged.timeline);
    plan.effects.push(...paged.pages.flatMap(p => pageNotice(incident, p)));
  }
  return plan;
}
