import {
  ChecklistItemDefinition,
  Incident,
  checklistFor,
} from '@firebreak/plugin-incidents-common';
import { NewTimelineEntry } from '../types';
import { shortRef } from './names';

/** Stored state of one checklist item. */
export interface ChecklistItemState {
  assigneeRef?: string;
  done: boolean;
  version: number;
}

export interface ChecklistItemRequest {
  /** A user to assign, null to unassign, undefined to leave as is. */
  assigneeRef?: string | null;
  done?: boolean;
  expectedVersion?: number;
}

export type ChecklistDecision =
  | { outcome: 'unknown-item'; message: string }
  | { outcome: 'conflict'; message: string; currentVersion: number }
  | { outcome: 'unchanged' }
  | {
      outcome: 'change';
      next: { assigneeRef?: string; done: boolean };
      timeline: NewTimelineEntry;
    };

/**
 * Assigning and checking one item of the incident's checklist. Items that do not apply to the
 * incident (another severity, a flag not raised) are refused like unknown ones.
 */
export function decideChecklistUpdate(
  incident: Pick<Incident, 'severity' | 'costImpact' | 'dataExposure'>,
  itemId: string,
  current: ChecklistItemState | undefined,
  request: ChecklistItemRequest,
): ChecklistDecision {
  const item: ChecklistItemDefinition | undefined = checklistFor(incident).find(
    candidate => candidate.id === itemId,
  );
  if (!item) {
    return {
      outcome: 'unknown-item',
      message: `Checklist item ${itemId} does not exist for this incident`,
    };
  }
  const currentVersion = current?.version ?? 0;
  if (
    request.expectedVersion !== undefined &&
    request.expectedVersion !== currentVersion
  ) {
    return {
      outcome: 'conflict',
      currentVersion,
      message: `Checklist item ${itemId} has changed since you loaded it: you sent version ${request.expectedVersion}, the current version is ${currentVersion}. Reload and try again.`,
    };
  }

  const before = {
    assigneeRef: current?.assigneeRef,
    done: current?.done ?? false,
  };
  const next = {
    assigneeRef:
      request.assigneeRef === undefined
        ? before.assigneeRef
        : request.assigneeRef ?? undefined,
    done: request.done ?? before.done,
  };
  const assigneeChanged =
    (next.assigneeRef ?? '').toLocaleLowerCase('en-US') !==
    (before.assigneeRef ?? '').toLocaleLowerCase('en-US');
  const doneChanged = next.done !== before.done;
  if (!assigneeChanged && !doneChanged) {
    return { outcome: 'unchanged' };
  }

  const parts: string[] = [];
  if (assigneeChanged) {
    parts.push(
      next.assigneeRef
        ? `assigned to ${shortRef(next.assigneeRef)}`
        : 'unassigned',
    );
  }
  if (doneChanged) {
    parts.push(next.done ? 'done' : 'reopened');
  }
  return {
    outcome: 'change',
    next,
    timeline: {
      // An 'update' of the response; details.checklistItemId tells it apart.
      kind: 'update',
      body: `Checklist: ${item.title} — ${parts.join(', ')}`,
      details: {
        checklistItemId: itemId,
        ...(assigneeChanged
          ? {
              assigneeRef: next.assigneeRef ?? null,
              previousAssigneeRef: before.assigneeRef ?? null,
            }
          : {}),
        ...(doneChanged ? { done: next.done } : {}),
      },
    },
  };
}
