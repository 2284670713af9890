import { SignalPayload, SignalsService } from '@backstage/plugin-signals-node';
import {
  INCIDENTS_SIGNAL_CHANNEL,
  IncidentSignal,
  incidentSignalChannel,
} from '@firebreak/plugin-incidents-common';
import { IncidentAudience, signalRecipients } from '../domain/visibility';
import { IncidentChangeListener } from './IncidentEvents';

/**
 * Publishes every committed change as a signal, on the incident's channel (its page) and on
 * the list channel (list views), so that other people's screens refresh. Signals carry no
 * incident content: clients refetch with their own permissions. Even so, a signal about a
 * restricted incident tells that it exists: those go only to its audience (declarer, role
 * holders, paged users and groups, viewer groups), read after the change; the others are
 * broadcast. When the audience cannot be read, nothing is sent.
 */
export function signalsListener(
  signals: SignalsService,
  options: {
    /** The incident's audience now; undefined for an unknown incident. */
    audienceOf: (incidentId: string) => Promise<IncidentAudience | undefined>;
    /** `incidents.restricted.viewerGroups`. */
    viewerGroupRefs: readonly string[];
  },
): IncidentChangeListener {
  return async ({ incident, kind }) => {
    let recipients: SignalPayload['recipients'] = { type: 'broadcast' };
    // `restricted` is fixed at declaration: when the event carries it, it is current.
    if (incident.restricted !== false) {
      const audience = await options.audienceOf(incident.id);
      if (!audience) {
        return;
      }
      const refs = signalRecipients(audience, options.viewerGroupRefs);
      if (refs) {
        recipients = { type: 'user', entityRef: refs };
      }
    }
    const message: IncidentSignal = {
      incidentId: incident.id,
      incidentRef: incident.ref,
      version: incident.version,
      kind,
    };
    await signals.publish({
      recipients,
      channel: incidentSignalChannel(incident.id),
      message,
    });
    await signals.publish({
      recipients,
      channel: INCIDENTS_SIGNAL_CHANNEL,
      message,
    });
  };
}
