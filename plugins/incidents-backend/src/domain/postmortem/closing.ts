import {
  ActionItem,
  CloseBlocker,
  CloseCheck,
  POSTMORTEM_STATUS_TITLES,
  PostmortemStatus,
  Severity,
} from '@firebreak/plugin-incidents-common';

/** Severities whose postmortem and P0 action items gate closing. */
export const CLOSE_GATED_SEVERITIES: Severity[] = ['SEV1', 'SEV2'];

/** One sentence per blocker, naming the item. */
export function describeCloseBlocker(blocker: CloseBlocker): string {
  switch (blocker.kind) {
    case 'postmortem-missing':
      return 'the postmortem has not been written';
    case 'postmortem-not-published':
      return `the postmortem is ${POSTMORTEM_STATUS_TITLES[
        blocker.status
      ].toLocaleLowerCase('en-US')}, not published`;
    case 'action-item-owner':
      return `P0 action item '${blocker.title}' has no owner team`;
    case 'action-item-due':
      return `P0 action item '${blocker.title}' has no due date`;
    default:
      return 'unknown';
  }
}

/**
 * The closing rule: a SEV1 or SEV2 incident closes only once its postmortem is published
 * and every P0 action item (not dropped as won't do) has an owner team and a due date.
 */
export function checkClose(input: {
  severity: Severity;
  postmortemStatus?: PostmortemStatus;
  actionItems: Pick<
    ActionItem,
    'id' | 'priority' | 'title' | 'ownerRef' | 'dueAt' | 'status'
  >[];
}): CloseCheck {
  if (!CLOSE_GATED_SEVERITIES.includes(input.severity)) {
    return { applies: false, ready: true, blockers: [], messages: [] };
  }
  const blockers: CloseBlocker[] = [];
  if (!input.postmortemStatus) {
    blockers.push({ kind: 'postmortem-missing' });
  } else if (input.postmortemStatus !== 'published') {
    blockers.push({
      kind: 'postmortem-not-published',
      status: input.postmortemStatus,
    });
  }
  for (const item of input.actionItems) {
    if (item.priority !== 'P0' || item.status === 'wont_do') continue;
    if (!item.ownerRef) {
      blockers.push({
        kind: 'action-item-owner',
        actionItemId: item.id,
        title: item.title,
      });
    }
    if (!item.dueAt) {
      blockers.push({
        kind: 'action-item-due',
        actionItemId: item.id,
        title: item.title,
      });
    }
  }
  return {
    applies: true,
    ready: blockers.length === 0,
    blockers,
    messages: blockers.map(describeCloseBlocker),
  };
}
