import { SignalsService } from '@backstage/plugin-signals-node';
import {
  INCIDENTS_SIGNAL_CHANNEL,
  IncidentSignal,
  incidentSignalChannel,
} from '@firebreak/plugin-incidents-common';
import { IncidentChangeListener } from './IncidentEvents';

/**
 * Publishes every committed change as a signal, on the incident's channel (its page) and on
 * the list channel (list views), so that other people's screens refresh. Signals carry no
 * incident content: clients refetch with their own permissions.
 */
export function signalsListener(
  signals: SignalsService,
): IncidentChangeListener {
  return async ({ incident, kind }) => {
    const message: IncidentSignal = {
      incidentId: incident.id,
      incidentRef: incident.ref,
      version: incident.version,
      kind,
    };
    await signals.publish({
      recipients: { type: 'broadcast' },
      channel: incidentSignalChannel(incident.id),
      message,
    });
    await signals.publish({
      recipients: { type: 'broadcast' },
      channel: INCIDENTS_SIGNAL_CHANNEL,
      message,
    });
  };
}
