import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationSeverity } from '@backstage/plugin-notifications-common';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  Incident,
  OnCallPage,
  PAGE_NOTIFICATION_TOPIC,
  ROLES,
  RoleId,
  Severity,
} from '@firebreak/plugin-incidents-common';

const SEVERITY: Record<Severity, NotificationSeverity> = {
  SEV1: 'critical',
  SEV2: 'high',
  SEV3: 'normal',
  SEV4: 'low',
};

type IncidentSummary = Pick<Incident, 'id' | 'ref' | 'title' | 'severity'>;

/**
 * Tells people through Backstage notifications: in the portal, and by email or Slack where
 * those notification processors are installed. Pages are recorded before they are sent, so a
 * failed send is logged rather than thrown: the page stays visible and escalates as usual.
 */
export class ResponseNotifier {
  constructor(
    private readonly deps: {
      notifications: NotificationService;
      logger: LoggerService;
    },
  ) {}

  /** One page: to the person paged, or to every member of the group paged. */
  async page(
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
  ): Promise<void> {
    const recipient = page.targetUserRef ?? page.targetGroupRef;
    if (!recipient) {
      return;
    }
    const escalated =
      page.escalationLevel > 0 ? ' (escalated: not acknowledged in time)' : '';
    await this.send(recipient, {
      title: `Paged: ${incident.ref} ${incident.severity} ${incident.title}`,
      description: `${page.reason}${escalated}. Acknowledge by ${page.ackDueAt}.`,
      link: `/incidents/${incident.ref}`,
      severity: SEVERITY[incident.severity],
      topic: PAGE_NOTIFICATION_TOPIC,
      scope: page.id,
    });
  }

  /** Someone now holds a role. */
  async roleAssigned(
    incident: IncidentSummary,
    role: RoleId,
    userRef: string,
    note?: string,
  ): Promise<void> {
    await this.send(userRef, {
      title: `${incident.ref}: you are ${ROLES[role].title.toLocaleLowerCase(
        'en-US',
      )}`,
      description: `${incident.severity} ${incident.title}${
        note ? ` — ${note}` : ''
      }`,
      link: `/incidents/${incident.ref}`,
      severity: SEVERITY[incident.severity],
      topic: 'firebreak-role',
      scope: `${incident.id}:${role}`,
    });
  }

  /**
   * A SEV4 reached the owning team's backlog. Not for a restricted incident: the owning
   * group is not in its audience, and the notification would tell them it exists.
   */
  async backlogAssigned(
    incident: IncidentSummary & Pick<Incident, 'restricted'>,
    groupRef: string,
  ): Promise<void> {
    if (incident.restricted) {
      return;
    }
    await this.send(groupRef, {
      title: `${incident.ref} is in your backlog`,
      description: `${incident.severity} ${incident.title}: no incident commander; tracked in the backlog.`,
      link: `/incidents/${incident.ref}`,
      severity: SEVERITY[incident.severity],
      topic: 'firebreak-backlog',
      scope: `${incident.id}:backlog`,
    });
  }

  private async send(
    entityRef: string,
    payload: Parameters<NotificationService['send']>[0]['payload'],
  ): Promise<void> {
    try {
      await this.deps.notifications.send({
        recipients: { type: 'entity', entityRef: [entityRef] },
        payload,
      });
    } catch (error) {
      this.deps.logger.warn(
        `Could not notify ${entityRef} (${payload.topic}): ${
          (error as Error).message
        }`,
      );
    }
  }
}
