import {
  ActionItem,
  Incident,
  ReviewMeeting,
} from '@firebreak/plugin-incidents-common';
import { NotifyEffect } from '../effects';
import { shortRef } from '../response/names';
import { formatTime } from './draft';

/** Notification topics of postmortems and action items. */
export const POSTMORTEM_TOPIC = 'firebreak-postmortem';
export const ACTION_ITEMS_TOPIC = 'firebreak-action-items';

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');
const unique = (refs: string[]) => [
  ...new Map(refs.map(r => [lower(r), r])).values(),
];

/** Who hears about a postmortem: the IC, and the owning teams unless it is restricted. */
export function postmortemRecipients(
  incident: Pick<Incident, 'commanderRef' | 'entities' | 'restricted'>,
): string[] {
  const owners = incident.restricted
    ? []
    : incident.entities.flatMap(e =>
        e.relation === 'affected' && e.ownerRef ? [e.ownerRef] : [],
      );
  return unique([
    ...(incident.commanderRef ? [incident.commanderRef] : []),
    ...owners,
  ]);
}

/** The draft is written: the IC and owning teams learn that it is due. */
export function draftedNotice(
  incident: Pick<
    Incident,
    'id' | 'ref' | 'title' | 'commanderRef' | 'entities' | 'restricted'
  >,
  dueAt: string | undefined,
): NotifyEffect[] {
  const recipients = postmortemRecipients(incident);
  if (recipients.length === 0) return [];
  return [
    {
      type: 'notify',
      key: `postmortem:${incident.id}:drafted`,
      recipients,
      payload: {
        title: `Postmortem of ${incident.ref} drafted${
          dueAt ? `: due ${formatTime(dueAt)}` : ''
        }`,
        description: incident.restricted ? undefined : incident.title,
        link: `/incidents/${incident.ref}`,
        severity: 'normal',
        topic: POSTMORTEM_TOPIC,
      },
    },
  ];
}

/**
 * A postmortem is past its due time: once per due time (the key), whichever replica's job
 * finds it first.
 */
export function overdueNotice(
  incident: Pick<
    Incident,
    'id' | 'ref' | 'title' | 'commanderRef' | 'entities' | 'restricted'
  >,
  dueAt: string,
): NotifyEffect[] {
  const recipients = postmortemRecipients(incident);
  if (recipients.length === 0) return [];
  return [
    {
      type: 'notify',
      key: `postmortem:${incident.id}:overdue:${dueAt}`,
      recipients,
      payload: {
        title: `Postmortem of ${incident.ref} is overdue (was due ${formatTime(
          dueAt,
        )})`,
        description: incident.restricted ? undefined : incident.title,
        link: `/incidents/${incident.ref}`,
        severity: 'high',
        topic: POSTMORTEM_TOPIC,
      },
    },
  ];
}

/** The review meeting is scheduled or moved: its attendees are invited. */
export function reviewMeetingNotice(
  incident: Pick<Incident, 'id' | 'ref'>,
  meeting: ReviewMeeting,
): NotifyEffect[] {
  return [
    {
      type: 'notify',
      key: `postmortem:${incident.id}:review:${meeting.at}`,
      recipients: unique(meeting.attendeeRefs),
      payload: {
        title: `Postmortem review of ${incident.ref}: ${formatTime(
          meeting.at,
        )}`,
        description: `Invited: ${meeting.attendeeRefs
          .map(shortRef)
          .join(', ')}`,
        link: `/incidents/${incident.ref}`,
        severity: 'normal',
        topic: POSTMORTEM_TOPIC,
      },
    },
  ];
}

/** Monday 00:00 UTC of the week of `now`, as YYYY-MM-DD: the cadence's key. */
export function weekOf(now: Date): string {
  const day = (now.getUTCDay() + 6) % 7;
  const monday = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - day),
  );
  return monday.toISOString().slice(0, 10);
}

/**
 * The spec's maintenance cadence ("track all action items until resolved"): each owning
 * team hears of its overdue items once per week (the key holds team and week).
 */
export function weeklyCadenceNotices(
  byOwner: Map<string, ActionItem[]>,
  now: Date,
): NotifyEffect[] {
  const week = weekOf(now);
  return [...byOwner.entries()]
    .filter(([, items]) => items.length > 0)
    .map(([ownerRef, items]) => ({
      type: 'notify' as const,
      key: `action-items:${lower(ownerRef)}:week:${week}`,
      recipients: [ownerRef],
      payload: {
        title: `${items.length}${
          items.length >= 50 ? '+' : ''
        } overdue action item${items.length === 1 ? '' : 's'} for ${shortRef(
          ownerRef,
        )}`,
        description: items
          .slice(0, 10)
          .map(
            i =>
              `${i.priority} ${i.title} (${i.incidentRef}, due ${i.dueAt!.slice(
                0,
                10,
              )})`,
          )
          .join('\n'),
        link: '/postmortems',
        severity: 'normal' as const,
        topic: ACTION_ITEMS_TOPIC,
      },
    }));
}
