import type {
  Incident,
  IncidentEventPayload,
  IncidentSignalKind,
  StatusPagePublication,
} from '@firebreak/plugin-incidents-common';

/**
 * What a change causes outside the database, as values: the plan of a change returns them,
 * the transaction that writes the change writes them into the outbox, and the delivery
 * worker sends them (at least once; `key` is the idempotency key).
 */

/** A Backstage notification to users or groups (entity refs). */
export interface NotifyEffect {
  type: 'notify';
  /** Idempotency key; also the notification's scope unless `scope` says otherwise. */
  key: string;
  /** Notifications of one scope replace each other (a redelivery updates, not duplicates). */
  scope?: string;
  recipients: string[];
  payload: {
    title: string;
    description?: string;
    link?: string;
    severity?: 'critical' | 'high' | 'normal' | 'low';
    topic?: string;
  };
}

/** An email sent through the plugin's SMTP transport; one recipient each, so none sees another. */
export interface EmailEffect {
  type: 'email';
  key: string;
  to: string;
  subject: string;
  text: string;
}

/** A public update pushed to every installed StatusPageProvider. */
export interface StatusPageEffect {
  type: 'status-page';
  key: string;
  publication: StatusPagePublication;
}

/** A live-update signal; for a restricted incident, only to its audience at delivery. */
export interface SignalEffect {
  type: 'signal';
  key: string;
  incidentId: string;
  incidentRef: string;
  version: number;
  restricted: boolean;
  kind: IncidentSignalKind;
}

/** An event on Backstage's EventsService, topic `incidents`, for other plugins. */
export interface EventEffect {
  type: 'event';
  key: string;
  payload: IncidentEventPayload;
}

export type Effect =
  | NotifyEffect
  | SignalEffect
  | EventEffect
  | EmailEffect
  | StatusPageEffect;

/** The effect types the delivery worker knows. */
export type EffectType = Effect['type'];

/**
 * Every committed change is announced: a signal for the screens showing the incident, and an
 * event for other plugins. `changeId` makes the keys unique per change (the incident's version
 * does not move on a timeline-only change).
 */
export function announcement(
  incident: Pick<
    Incident,
    'id' | 'ref' | 'version' | 'severity' | 'phase' | 'restricted'
  >,
  change: {
    kind: IncidentSignalKind;
    actor: string;
    at: string;
    changeId: string;
  },
): Effect[] {
  const key = `${incident.id}:${change.changeId}:${change.kind}`;
  return [
    {
      type: 'signal',
      key: `signal:${key}`,
      incidentId: incident.id,
      incidentRef: incident.ref,
      version: incident.version,
      restricted: incident.restricted,
      kind: change.kind,
    },
    {
      type: 'event',
      key: `event:${key}`,
      payload: {
        eventType: `incident.${change.kind}`,
        idempotencyKey: `event:${key}`,
        incidentId: incident.id,
        incidentRef: incident.ref,
        version: incident.version,
        severity: incident.severity,
        phase: incident.phase,
        restricted: incident.restricted,
        actor: change.actor,
        at: change.at,
      },
    },
  ];
}
