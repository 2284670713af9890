import { SignalPayload, SignalsService } from '@backstage/plugin-signals-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { EventsService } from '@backstage/plugin-events-node';
import {
  INCIDENTS_EVENTS_TOPIC,
  INCIDENTS_SIGNAL_CHANNEL,
  IncidentSignal,
  IncidentSignalBatch,
} from '@firebreak/plugin-incidents-common';
import { IncidentAudience, signalRecipients } from '../../domain/visibility';
import { EffectHandlers } from './OutboxDelivery';
import { SignalCoalescer } from './SignalCoalescer';

/**
 * How each effect type leaves: notifications through Backstage's notification service (the
 * effect key is the notification's scope, so a redelivery updates it in place), signals
 * through the signals service, events through the EventsService on topic `incidents`.
 */
export function createEffectHandlers(deps: {
  notifications: NotificationService;
  signals: SignalsService;
  events?: EventsService;
  /** The incident's audience now; undefined for an unknown incident. */
  audienceOf: (incidentId: string) => Promise<IncidentAudience | undefined>;
  /** `incidents.restricted.viewerGroups`. */
  viewerGroupRefs: readonly string[];
  /** Communication: SMTP email and status page providers (see ../comms). */
  email?: EffectHandlers['email'];
  'status-page'?: EffectHandlers['status-page'];
}): EffectHandlers {
  const missing = (type: string) => async (effect: { key: string }) => {
    throw new Error(`No ${type} delivery is set up for ${effect.key}`);
  };
  const publish = (
    recipients: SignalPayload['recipients'],
    message: IncidentSignal | IncidentSignalBatch,
  ) =>
    deps.signals.publish({
      recipients,
      channel: INCIDENTS_SIGNAL_CHANNEL,
      message,
    });
  // What every screen may hear goes out in batches under load; a restricted incident's
  // signals go one by one, each to its own audience.
  const broadcast = new SignalCoalescer(message =>
    publish({ type: 'broadcast' }, message),
  );
  return {
    email: deps.email ?? missing('email'),
    'status-page': deps['status-page'] ?? missing('status page'),

    async notify(effect) {
      await deps.notifications.send({
        recipients: { type: 'entity', entityRef: effect.recipients },
        payload: { ...effect.payload, scope: effect.scope ?? effect.key },
      });
    },

    async signal(effect) {
      // Signals carry no incident content: clients refetch with their own permissions. A
      // signal about a restricted incident still tells that it exists, so those go only to
      // its audience as it is now; an unknown incident gets none.
      // One channel for every incident: the incident page keeps the messages of its own.
      const message: IncidentSignal = {
        incidentId: effect.incidentId,
        incidentRef: effect.incidentRef,
        version: effect.version,
        kind: effect.kind,
      };
      if (!effect.restricted) {
        await broadcast.publish(message);
        return;
      }
      const audience = await deps.audienceOf(effect.incidentId);
      if (!audience) {
        return;
      }
      const refs = signalRecipients(audience, deps.viewerGroupRefs);
      await publish(
        refs ? { type: 'user', entityRef: refs } : { type: 'broadcast' },
        message,
      );
    },

    async event(effect) {
      await deps.events?.publish({
        topic: INCIDENTS_EVENTS_TOPIC,
        eventPayload: effect.payload,
        metadata: { idempotencyKey: effect.key },
      });
    },
  };
}
