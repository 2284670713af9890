import { ROLES, RoleId } from '@firebreak/plugin-incidents-common';
import { NewRoleAssignment, NewTimelineEntry } from '../types';
import { sameRef, shortRef } from './names';

/** The current holder of a role, as stored. */
export interface HeldRole {
  userRef: string;
  version: number;
}

export interface RoleRequest {
  role: RoleId;
  userRef: string;
  /** The role's version the caller saw (0 when unassigned); absent to skip the check. */
  expectedVersion?: number;
  note?: string;
  /** A handoff passes the role on from its current holder, with handoff notes. */
  handoff?: boolean;
  /** Why the system made this assignment (e.g. a flag was raised); recorded on the timeline. */
  reason?: string;
}

export type RoleDecision =
  | {
      outcome: 'change';
      assignment: NewRoleAssignment;
      timeline: NewTimelineEntry;
    }
  /** The person already holds the role: nothing to write. */
  | { outcome: 'unchanged' }
  | { outcome: 'conflict'; message: string; currentVersion: number };

function title(role: RoleId): string {
  return ROLES[role].title.toLocaleLowerCase('en-US');
}

/**
 * Assigning, reassigning or handing off one role. Refused (conflict) when the caller's version
 * is stale, when a handoff names a role nobody holds, or hands it to its current holder.
 */
export function decideRoleChange(
  current: HeldRole | undefined,
  request: RoleRequest,
): RoleDecision {
  const currentVersion = current?.version ?? 0;
  if (
    request.expectedVersion !== undefined &&
    request.expectedVersion !== currentVersion
  ) {
    return {
      outcome: 'conflict',
      currentVersion,
      message: `The ${title(
        request.role,
      )} has changed since you loaded it: you sent version ${
        request.expectedVersion
      }, the current version is ${currentVersion}. Reload and try again.`,
    };
  }
  if (request.handoff && !current) {
    return {
      outcome: 'conflict',
      currentVersion,
      message: `Nobody is ${title(
        request.role,
      )}, so there is nothing to hand off; assign the role instead.`,
    };
  }
  if (current && sameRef(current.userRef, request.userRef)) {
    if (request.handoff) {
      return {
        outcome: 'conflict',
        currentVersion,
        message: `${shortRef(request.userRef)} is already ${title(
          request.role,
        )}; hand off to someone else.`,
      };
    }
    return { outcome: 'unchanged' };
  }

  const role = title(request.role);
  const to = shortRef(request.userRef);
  const note = request.note?.trim() || undefined;
  let action: 'handoff' | 'reassign' | 'assign' = 'assign';
  let body: string;
  if (request.handoff) {
    action = 'handoff';
    body = `${ROLES[request.role].title} handed off from ${shortRef(
      current!.userRef,
    )} to ${to}`;
  } else if (current) {
    action = 'reassign';
    body = `${ROLES[request.role].title} reassigned from ${shortRef(
      current.userRef,
    )} to ${to}`;
  } else {
    body = `${to} assigned as ${role}`;
  }
  if (request.reason) {
    body = `${body} (${request.reason})`;
  }
  if (note) {
    body = `${body}: ${note}`;
  }
  return {
    outcome: 'change',
    assignment: { role: request.role, userRef: request.userRef, note },
    timeline: {
      kind: 'role',
      body,
      details: {
        role: request.role,
        userRef: request.userRef,
        ...(current ? { previousUserRef: current.userRef } : {}),
        action,
        ...(note ? { note } : {}),
        ...(request.reason ? { reason: request.reason } : {}),
      },
    },
  };
}
