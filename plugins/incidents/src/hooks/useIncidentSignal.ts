import { useSignal } from '@backstage/plugin-signals-react';
import {
  INCIDENTS_SIGNAL_CHANNEL,
  IncidentSignal,
  incidentSignalChannel,
} from '@firebreak/plugin-incidents-common';
import { useEffect, useRef } from 'react';

/**
 * Calls `onSignal` whenever the backend signals a committed change, to one incident (its
 * channel) or, without `incidentId`, to any incident (the list channel). Without the signals
 * plugin in the app this does nothing: pages then refresh on the user's own actions only.
 */
export function useIncidentSignal(
  incidentId: string | undefined,
  onSignal: (signal: IncidentSignal) => void,
): { isSignalsAvailable: boolean } {
  const channel = incidentId
    ? incidentSignalChannel(incidentId)
    : INCIDENTS_SIGNAL_CHANNEL;
  const { lastSignal, isSignalsAvailable } =
    useSignal<IncidentSignal>(channel);
  // The latest callback, so that a re-render does not re-fire an old signal.
  const callback = useRef(onSignal);
  callback.current = onSignal;
  useEffect(() => {
    if (lastSignal) {
      callback.current(lastSignal);
    }
  }, [lastSignal]);
  return { isSignalsAvailable };
}
