import {
  Incident,
  OnCallPage,
  PAGE_NOTIFICATION_TOPIC,
  ROLES,
  RoleId,
  Severity,
} from '@firebreak/plugin-incidents-common';
import { NotifyEffect } from '../effects';
import { formatTime } from './time';

const SEVERITY: Record<Severity, NotifyEffect['payload']['severity']> = {
  SEV1: 'critical',
  SEV2: 'high',
  SEV3: 'normal',
  SEV4: 'low',
};

type IncidentSummary = Pick<Incident, 'id' | 'ref' | 'title' | 'severity'>;

/** The link of a page notification: the incident page acknowledges the page when opened. */
export function pageAcknowledgeLink(incidentRef: string, pageId: string) {
  return `/incidents/${incidentRef}?acknowledgePage=${encodeURIComponent(
    pageId,
  )}`;
}

/** The notification of one page: to the person paged, or to the whole group paged. */
export function pageNotice(
  incident: IncidentSummary,
  page: Pick<
    OnCallPage,
    | 'id'
    | 'reason'
    | 'ackDueAt'
    | 'escalationLevel'
    | 'targetUserRef'
    | 'targetGroupRef'
  >,
): NotifyEffect[] {
  const recipient = page.targetUserRef ?? page.targetGroupRef;
  if (!recipient) {
    return [];
  }
  const escalated =
    page.escalationLevel > 0 ? ' (escalated: not acknowledged in time)' : '';
  return [
    {
      type: 'notify',
      key: `page:${page.id}`,
      recipients: [recipient],
      payload: {
        title: `Paged: ${incident.ref} ${incident.severity} ${incident.title}`,
        description: `${page.reason}${escalated}. Acknowledge by ${formatTime(
          page.ackDueAt,
        )}.`,
        link: pageAcknowledgeLink(incident.ref, page.id),
        severity: SEVERITY[incident.severity],
        topic: PAGE_NOTIFICATION_TOPIC,
      },
    },
  ];
}

/** A page that is no longer needed (acknowledged by someone else, cancelled, resolved). */
export function pageClosedNotice(
  incident: IncidentSummary,
  page: Pick<OnCallPage, 'id' | 'targetUserRef' | 'targetGroupRef'>,
  why: string,
): NotifyEffect[] {
  const recipient = page.targetUserRef ?? page.targetGroupRef;
  if (!recipient) {
    return [];
  }
  // The page's scope: its notification is updated in place.
  return [
    {
      type: 'notify',
      key: `page:${page.id}:closed`,
      scope: `page:${page.id}`,
      recipients: [recipient],
      payload: {
        title: `No longer paged: ${incident.ref} ${incident.title}`,
        description: why,
        link: `/incidents/${incident.ref}`,
        severity: 'low',
        topic: `${PAGE_NOTIFICATION_TOPIC}-closed`,
      },
    },
  ];
}

/** Someone now holds a role. */
export function roleAssignedNotice(
  incident: IncidentSummary,
  assignment: { role: RoleId; userRef: string; note?: string },
  changeId: string,
): NotifyEffect {
  const { role, userRef, note } = assignment;
  return {
    type: 'notify',
    key: `role:${incident.id}:${role}:${changeId}`,
    recipients: [userRef],
    payload: {
      title: `${incident.ref}: you are ${ROLES[role].title.toLocaleLowerCase(
        'en-US',
      )}`,
      description: `${incident.severity} ${incident.title}${
        note ? ` — ${note}` : ''
      }`,
      link: `/incidents/${incident.ref}`,
      severity: SEVERITY[incident.severity],
      topic: 'firebreak-role',
    },
  };
}

/** A SEV4 reached the owning team's backlog (once per incident). */
export function backlogNotice(
  incident: IncidentSummary,
  groupRef: string,
): NotifyEffect {
  return {
    type: 'notify',
    key: `backlog:${incident.id}`,
    recipients: [groupRef],
    payload: {
      title: `${incident.ref} is in your backlog`,
      description: `${incident.severity} ${incident.title}: no incident commander; tracked in the backlog.`,
      link: `/incidents/${incident.ref}`,
      severity: SEVERITY[incident.severity],
      topic: 'firebreak-backlog',
    },
  };
}
