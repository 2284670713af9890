import {
  COMMS_AUDIENCE_INFO,
  ComponentState,
  CommsAudience,
  CommsDuty,
  Incident,
  Severity,
  owningGroups,
} from '@firebreak/plugin-incidents-common';
import { NewTimelineEntry } from '../types';
import { severityOf } from '../sla/slaText';
import { CommsEffect } from './commsEffects';
import { dutiesDoneBy } from './duties';

/** Severity -> what the status page shows while the incident is unresolved. */
export const IMPACT_OF_SEVERITY: Record<Severity, ComponentState> = {
  SEV1: 'major-outage',
  SEV2: 'partial-outage',
  SEV3: 'degraded',
  SEV4: 'operational',
};

export interface CommsUpdateFacts {
  incident: Incident;
  duties: CommsDuty[];
  audience: CommsAudience;
  title?: string;
  body: string;
  author: string;
  now: Date;
  /** Chosen by the caller so effects can name it before the write commits. */
  updateId: string;
  leadershipGroupRef?: string;
  /** Customer contacts of the affected systems (customer notices). */
  customerEmails: string[];
  /** Confirmed status page subscribers (status page updates). */
  subscribers: { id: string; email: string; unsubscribeUrl: string }[];
  /** Status page components the incident affects. */
  components: { id: string; title: string }[];
  publicIncidentId: string;
  statusPageUrl: string;
}

export type CommsUpdatePlan =
  | { refused: true; message: string }
  | {
      refused: false;
      duties: CommsDuty[];
      timeline: NewTimelineEntry;
      effects: CommsEffect[];
      /** The public headline of a status page update. */
      publicTitle?: string;
    };

/**
 * Posting one stakeholder update: the duties it does, its timeline entry (author and
 * audience) and how it is delivered. Refused for a closed incident, for a restricted one on
 * the status page, and when the audience has nobody to receive it.
 */
export function planCommsUpdate(facts: CommsUpdateFacts): CommsUpdatePlan {
  const { incident, audience, updateId } = facts;
  if (incident.phase === 'closed') {
    return {
      refused: true,
      message: `${incident.ref} is closed: updates can be posted until it is closed`,
    };
  }
  if (audience === 'status-page' && incident.restricted) {
    return {
      refused: true,
      message: `${incident.ref} is restricted: it is never published on the status page. Allowed audiences: internal, executive, customers`,
    };
  }
  const effects = effectsFor(facts);
  if ('refused' in effects) {
    return effects;
  }
  const info = COMMS_AUDIENCE_INFO[audience];
  const publicTitle =
    audience === 'status-page' ? facts.title || defaultTitle(facts) : undefined;
  return {
    refused: false,
    publicTitle,
    duties: dutiesDoneBy(facts.duties, audience, {
      updateId,
      actor: facts.author,
      at: facts.now,
    }),
    timeline: {
      kind: 'comms',
      body: `${info.title}${facts.title ? ` — ${facts.title}` : ''}: ${
        facts.body
      }`,
      details: {
        audience,
        updateId,
        ...(facts.title ? { title: facts.title } : {}),
        recipients: effects.length,
      },
    },
    effects,
  };
}

function defaultTitle(facts: CommsUpdateFacts): string {
  const names = facts.components.map(c => c.title).join(', ');
  return names ? `Service disruption: ${names}` : 'Service disruption';
}

function effectsFor(
  facts: CommsUpdateFacts,
): CommsEffect[] | { refused: true; message: string } {
  const { incident, audience, updateId } = facts;
  const key = `comms:${updateId}`;
  const link = `/incidents/${incident.ref}`;
  switch (audience) {
    case 'internal': {
      const recipients = [
        ...(incident.commanderRef ? [incident.commanderRef] : []),
        ...owningGroups(incident.entities),
      ];
      return recipients.length === 0
        ? []
        : [
            {
              type: 'notify',
              key: `${key}:notify`,
              recipients,
              payload: {
                title: `Update on ${incident.ref}: ${
                  facts.title ?? incident.title
                }`,
                description: facts.body,
                link,
                severity: severityOf(incident.severity),
                topic: 'incident-update',
              },
            },
          ];
    }
    case 'executive':
      if (!facts.leadershipGroupRef) {
        return {
          refused: true,
          message:
            'No leadership group is configured (incidents.communication.leadershipGroup): an executive summary has nobody to go to',
        };
      }
      return [
        {
          type: 'notify',
          key: `${key}:notify`,
          recipients: [facts.leadershipGroupRef],
          payload: {
            title: facts.title ?? `Executive summary: ${incident.ref}`,
            description: facts.body,
            link,
            severity: severityOf(incident.severity),
            topic: 'incident-executive-summary',
          },
        },
      ];
    case 'customers':
      if (facts.customerEmails.length === 0) {
        return {
          refused: true,
          message:
            'No customer contacts are configured for the affected systems (incidents.communication.customers)',
        };
      }
      return facts.customerEmails.map(email => ({
        type: 'email' as const,
        key: `${key}:email:${email}`,
        to: email,
        subject: facts.title ?? 'Service incident notice',
        text: `${facts.body}\n\nCurrent status: ${facts.statusPageUrl}\n`,
      }));
    case 'status-page': {
      const title = facts.title || defaultTitle(facts);
      const resolved = Boolean(incident.resolvedAt);
      const impact = resolved
        ? 'operational'
        : IMPACT_OF_SEVERITY[incident.severity];
      return [
        {
          type: 'status-page' as const,
          key: `${key}:status-page`,
          publication: {
            incidentId: facts.publicIncidentId,
            updateId,
            title,
            body: facts.body,
            impact,
            resolved,
            components: facts.components,
            at: facts.now.toISOString(),
          },
        },
        ...facts.subscribers.map(s => ({
          type: 'email' as const,
          key: `${key}:subscriber:${s.id}`,
          to: s.email,
          subject: `Status update: ${title}`,
          text: `${facts.body}\n\nFull status: ${facts.statusPageUrl}\nUnsubscribe: ${s.unsubscribeUrl}\n`,
        })),
      ];
    }
    default:
      return [];
  }
}
