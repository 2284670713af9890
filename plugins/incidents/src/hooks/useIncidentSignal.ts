import { useSignal } from '@backstage/plugin-signals-react';
import {
  INCIDENTS_SIGNAL_CHANNEL,
  IncidentSignal,
  incidentSignalChannel,
} from '@firebreak/plugin-incidents-common';
import { useEffect, useRef } from 'react';

function useSignalCallback(
  channel: string,
  enabled: boolean,
  onSignal: (signal: IncidentSignal) => void,
): { isSignalsAvailable: boolean } {
  const { lastSignal, isSignalsAvailable } = useSignal<IncidentSignal>(channel);
  // The latest callback, so that a re-render does not re-fire an old signal.
  const callback = useRef(onSignal);
  callback.current = onSignal;
  const enabledRef = useRef(enabled);
  enabledRef.current = enabled;
  useEffect(() => {
    if (lastSignal && enabledRef.current) {
      callback.current(lastSignal);
    }
  }, [lastSignal]);
  return { isSignalsAvailable };
}

/**
 * Calls `onSignal` whenever the backend signals a committed change to one incident (on its
 * channel). Until `incidentId` is known, nothing is called. Without the signals plugin in the
 * app this does nothing: pages then refresh on the user's own actions only.
 */
export function useIncidentSignal(
  incidentId: string | undefined,
  onSignal: (signal: IncidentSignal) => void,
): { isSignalsAvailable: boolean } {
  return useSignalCallback(
    incidentSignalChannel(incidentId ?? 'none'),
    incidentId !== undefined,
    onSignal,
  );
}

/** Calls `onSignal` on every committed change to any incident (the list channel). */
export function useIncidentsSignal(
  onSignal: (signal: IncidentSignal) => void,
): { isSignalsAvailable: boolean } {
  return useSignalCallback(INCIDENTS_SIGNAL_CHANNEL, true, onSignal);
}
