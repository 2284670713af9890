import { TimelineEntry } from '@firebreak/plugin-incidents-common';

/** One row of section 3: the spec's Time | Event | Action Taken | Owner. */
export interface PostmortemTimelineRow {
  at: string;
  event: string;
  action: string;
  owner: string;
}

const TRANSITION_EVENTS: Record<string, string> = {
  'root-cause-found': 'Root cause identified',
  'begin-resolution': 'Root cause identified',
  escalate: 'Escalated to specialists',
  'deploy-gradual': 'Mitigation deployed',
  'deploy-full': 'Mitigation deployed',
  rollback: 'Fix rolled back',
  recovered: 'Service restored',
  close: 'Incident closed',
};

const detail = (entry: TimelineEntry, name: string) =>
  typeof entry.details[name] === 'string'
    ? (entry.details[name] as string)
    : undefined;

function rowOf(
  entry: TimelineEntry,
  detected: boolean,
): Omit<PostmortemTimelineRow, 'at'> | undefined {
  if (entry.kind === 'alert' && !detected) {
    return { event: 'Initial detection', action: entry.body, owner: 'System' };
  }
  if (entry.kind === 'declared') {
    return {
      event: 'Incident declared',
      action: entry.body,
      owner: entry.actor,
    };
  }
  if (
    entry.kind === 'role' &&
    detail(entry, 'role') === 'incident-commander' &&
    detail(entry, 'userRef')
  ) {
    return {
      event: 'Incident commander assigned',
      action: entry.body,
      owner: detail(entry, 'userRef')!,
    };
  }
  if (entry.kind === 'transition') {
    const event = TRANSITION_EVENTS[detail(entry, 'transition') ?? ''];
    return event
      ? {
          event,
          action: detail(entry, 'note') ?? entry.body,
          owner: entry.actor,
        }
      : undefined;
  }
  if (entry.kind === 'status' && entry.details.mitigated === true) {
    return {
      event: 'Impact mitigated',
      action: entry.body,
      owner: entry.actor,
    };
  }
  return undefined;
}

/**
 * Section 3 from the incident's timeline: detection, declaration, incident commander, root
 * cause, mitigation, restoration, closing (with who did it), oldest first. Notes, pages and
 * other chatter stay on the incident.
 */
export function postmortemTimelineRows(
  entries: TimelineEntry[],
): PostmortemTimelineRow[] {
  const sorted = [...entries].sort(
    (a, b) => Date.parse(a.at) - Date.parse(b.at),
  );
  const rows: PostmortemTimelineRow[] = [];
  let detected = false;
  for (const entry of sorted) {
    const row = rowOf(entry, detected);
    if (entry.kind === 'alert') detected = true;
    if (row) rows.push({ at: entry.at, ...row });
  }
  return rows;
}
