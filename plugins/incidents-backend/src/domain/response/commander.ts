import { Severity } from '@firebreak/plugin-incidents-common';
import {
  IncidentCommanderAssignment,
  IncidentCommanderReassessment,
} from '../assignment';
import { NewIncident, NewTimelineEntry } from '../types';
import { shortRef } from './names';

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** "15 minutes", "4 hours", "1 hour 30 minutes", "40 seconds": timeline text names no raw timestamps. */
export function minutesText(minutes: number): string {
  if (minutes < 1) return plural(Math.round(minutes * 60), 'second');
  const whole = Math.round(minutes);
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  if (hours === 0) return plural(rest, 'minute');
  return rest
    ? `${plural(hours, 'hour')} ${plural(rest, 'minute')}`
    : plural(hours, 'hour');
}

/** What the commander decision adds to a new incident, written in the declaring transaction. */
export type CommanderPlan = Required<Pick<NewIncident, 'roles' | 'pages'>> &
  Pick<NewIncident, 'backlog'> & { timeline: NewTimelineEntry[] };

/**
 * Turns the outcome of `assignIncidentCommander` into what the declaration stores:
 *
 * - a commander holds the role from the start and is paged (the page escalates unless
 *   acknowledged within the severity's time to acknowledge); a deferral says why on the timeline;
 * - a SEV4 goes to the owning team's backlog, now or when business hours begin;
 * - when nobody could be assigned, the timeline says why.
 */
export function planCommander(
  assignment: IncidentCommanderAssignment,
  context: {
    severity: Severity;
    title: string;
    now: Date;
    acknowledgeMinutes: number;
    /** Id for the commander's page, chosen by the caller. */
    pageId: string;
  },
): CommanderPlan {
  const { severity, now } = context;
  if (assignment.kind === 'commander') {
    const who = shortRef(assignment.userRef);
    const group = shortRef(assignment.groupRef);
    const ackDueAt = new Date(
      now.getTime() + context.acknowledgeMinutes * 60_000,
    ).toISOString();
    const why = assignment.deferredFrom
      ? `deferred from ${shortRef(assignment.deferredFrom)}: ${
          assignment.reason
        }`
      : assignment.reason;
    return {
      roles: [
        {
          role: 'incident-commander',
          userRef: assignment.userRef,
          ...(why ? { note: why } : {}),
        },
      ],
      pages: [
        {
          id: context.pageId,
          targetGroupRef: assignment.groupRef,
          targetUserRef: assignment.userRef,
          reason: `Incident commander of ${severity}: ${context.title}`,
          ackDueAt,
          escalationLevel: 0,
        },
      ],
      timeline: [
        {
          kind: 'role',
          body: `${who} assigned as incident commander (on call for ${group})${
            why ? `: ${why}` : ''
          }`,
          details: {
            role: 'incident-commander',
            userRef: assignment.userRef,
            groupRef: assignment.groupRef,
            action: 'assign',
            automatic: true,
            ...(assignment.deferredFrom
              ? { deferredFrom: assignment.deferredFrom }
              : {}),
            ...(assignment.reason ? { reason: assignment.reason } : {}),
          },
        },
        {
          kind: 'page',
          body: `Paged ${who} as incident commander; acknowledge within ${minutesText(
            context.acknowledgeMinutes,
          )}`,
          details: {
            pageId: context.pageId,
            targetUserRef: assignment.userRef,
            targetGroupRef: assignment.groupRef,
            ackDueAt,
            escalationLevel: 0,
          },
        },
      ],
    };
  }

  if (assignment.kind === 'backlog') {
    const assignAt = assignment.assignAt.toISOString();
    const now_ = now.toISOString();
    const immediately = assignAt === now_;
    return {
      roles: [],
      pages: [],
      backlog: {
        groupRef: assignment.ownerGroupRef,
        assignAt,
        ...(immediately ? { assignedAt: now_ } : {}),
      },
      timeline: [
        {
          kind: 'role',
          body: immediately
            ? `No incident commander for ${severity}: assigned to the backlog of ${shortRef(
                assignment.ownerGroupRef,
              )}`
            : `No incident commander for ${severity}: goes to the backlog of ${shortRef(
                assignment.ownerGroupRef,
              )} when business hours begin`,
          details: {
            role: 'incident-commander',
            action: 'backlog',
            groupRef: assignment.ownerGroupRef,
            assignAt,
            reason: assignment.reason,
          },
        },
      ],
    };
  }

  return {
    roles: [],
    pages: [],
    timeline: [
      {
        kind: 'role',
        body: `No incident commander assigned: ${assignment.reason}`,
        details: {
          role: 'incident-commander',
          action: 'unassigned',
          reason: assignment.reason,
        },
      },
    ],
  };
}

/** What a severity change adds to its write: the commander's role, page and timeline entries. */
export type SeverityChangePlan = Required<
  Pick<NewIncident, 'roles' | 'pages'>
> & {
  timeline: NewTimelineEntry[];
  /** Drop the pending SEV4 backlog hand-over: someone commands the incident now. */
  clearBacklog: boolean;
};

/**
 * Turns the outcome of `reassessIncidentCommander` into what the severity change writes in its
 * transaction: the new commander (handed off from the previous one, who stays on the timeline)
 * and their page, as {@link planCommander} plans them at declaration; or a timeline note.
 */
export function planSeverityChange(
  reassessment: IncidentCommanderReassessment,
  context: {
    severity: Severity;
    title: string;
    now: Date;
    acknowledgeMinutes: number;
    pageId: string;
  },
): SeverityChangePlan {
  if (reassessment.kind === 'unchanged') {
    return { roles: [], pages: [], timeline: [], clearBacklog: false };
  }
  if (reassessment.kind === 'note') {
    return {
      roles: [],
      pages: [],
      clearBacklog: false,
      timeline: [
        {
          kind: 'role',
          body: reassessment.reason,
          details: {
            role: 'incident-commander',
            action: 'unchanged',
            reason: reassessment.reason,
            severityChange: true,
          },
        },
      ],
    };
  }
  const { assignment, previousCommanderRef, reason } = reassessment;
  const plan = planCommander(
    {
      ...assignment,
      reason: assignment.reason ? `${reason}; ${assignment.reason}` : reason,
    },
    context,
  );
  const [assigned, ...rest] = plan.timeline;
  const who = shortRef(assignment.userRef);
  const group = shortRef(assignment.groupRef);
  const handoff: NewTimelineEntry = previousCommanderRef
    ? {
        kind: 'role',
        body: `Incident commander handed off from ${shortRef(
          previousCommanderRef,
        )} to ${who} (on call for ${group}): ${reason}${
          assignment.reason ? `; ${assignment.reason}` : ''
        }`,
        details: {
          ...assigned.details,
          action: 'handoff',
          previousUserRef: previousCommanderRef,
          severityChange: true,
        },
      }
    : {
        ...assigned,
        details: { ...assigned.details, severityChange: true },
      };
  return {
    roles: plan.roles,
    pages: plan.pages,
    timeline: [handoff, ...rest],
    clearBacklog: true,
  };
}
