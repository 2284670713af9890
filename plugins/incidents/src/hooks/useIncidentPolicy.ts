import { useApi } from '@backstage/core-plugin-api';
import {
  DEFAULT_SEVERITY_LEVELS,
  IncidentPolicy,
  SEVERITIES,
  Severity,
  SeverityLevel,
} from '@firebreak/plugin-incidents-common';
import useAsync from 'react-use/esm/useAsync';
import { IncidentsApi, incidentsApiRef } from '../api';

// The policy only changes when the backend's config does; one request per page load is enough.
const cache = new WeakMap<IncidentsApi, Promise<IncidentPolicy>>();

function loadPolicy(api: IncidentsApi): Promise<IncidentPolicy> {
  let pending = cache.get(api);
  if (!pending) {
    pending = api.getPolicy();
    pending.catch(() => cache.delete(api));
    cache.set(api, pending);
  }
  return pending;
}

const DEFAULT_LEVELS = SEVERITIES.map(s => DEFAULT_SEVERITY_LEVELS[s]);

export interface IncidentPolicyState {
  /** The served policy's levels, or the spec's defaults until (or unless) it loads. */
  severities: SeverityLevel[];
  loading: boolean;
  error?: Error;
  level(severity: Severity): SeverityLevel;
}

/** The severity policy served by the backend (config may override the spec's defaults). */
export function useIncidentPolicy(): IncidentPolicyState {
  const api = useApi(incidentsApiRef);
  const { value, loading, error } = useAsync(() => loadPolicy(api), [api]);
  const severities = value?.severities?.length
    ? value.severities
    : DEFAULT_LEVELS;
  return {
    severities,
    loading,
    error,
    level: (severity: Severity) =>
      severities.find(l => l.id === severity) ??
      DEFAULT_SEVERITY_LEVELS[severity],
  };
}
