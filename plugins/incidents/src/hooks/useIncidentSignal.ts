import { useApiHolder } from '@backstage/core-plugin-api';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  INCIDENTS_SIGNAL_CHANNEL,
  IncidentSignal,
  incidentSignalsIn,
} from '@firebreak/plugin-incidents-common';
import { useEffect, useRef } from 'react';

/**
 * Calls `onSignal` for each change announced on the incidents channel that `accepts`, one
 * call per change (two changes in quick succession are two calls, whether they came as two
 * messages or as one batch). Without the signals plugin in the app this does nothing: pages
 * then refresh on the user's own actions only.
 */
function useSignalCallback(
  enabled: boolean,
  accepts: (signal: IncidentSignal) => boolean,
  onSignal: (signal: IncidentSignal) => void,
): { isSignalsAvailable: boolean } {
  const signals = useApiHolder().get(signalApiRef);
  // The latest callbacks, so that a re-render neither resubscribes nor calls an old one.
  const latest = useRef({ accepts, onSignal });
  latest.current = { accepts, onSignal };
  useEffect(() => {
    if (!signals || !enabled) return undefined;
    const { unsubscribe } = signals.subscribe(
      INCIDENTS_SIGNAL_CHANNEL,
      message => {
        for (const signal of incidentSignalsIn(message)) {
          if (latest.current.accepts(signal)) latest.current.onSignal(signal);
        }
      },
    );
    return unsubscribe;
  }, [signals, enabled]);
  return { isSignalsAvailable: signals !== undefined };
}

/**
 * Calls `onSignal` whenever the backend signals a committed change to one incident. Until
 * `incidentId` is known, nothing is called.
 */
export function useIncidentSignal(
  incidentId: string | undefined,
  onSignal: (signal: IncidentSignal) => void,
): { isSignalsAvailable: boolean } {
  return useSignalCallback(
    incidentId !== undefined,
    signal => signal.incidentId === incidentId,
    onSignal,
  );
}

/** Calls `onSignal` on every committed change to any incident (list views). */
export function useIncidentsSignal(
  onSignal: (signal: IncidentSignal) => void,
): { isSignalsAvailable: boolean } {
  return useSignalCallback(true, () => true, onSignal);
}
