import { useApi } from '@backstage/core-plugin-api';
import { Incident, PageTotal } from '@firebreak/plugin-incidents-common';
import { ListIncidentsOptions, incidentsApiRef } from '../api';
import { useCursorPages } from './useCursorPages';

export interface IncidentListState {
  items: Incident[];
  nextCursor?: string;
  /** How many match (up to the API's cap), when the options asked for it. */
  total?: PageTotal;
  /** First page loading (after a filter change or reload). */
  loading: boolean;
  /** A further page loading. */
  loadingMore: boolean;
  error?: Error;
  loadMore(): void;
  reload(): void;
}

/** A cursor-paged incident list: first page on mount / filter change, then "load more". */
export function useIncidentList(
  options: ListIncidentsOptions,
): IncidentListState {
  const api = useApi(incidentsApiRef);
  const key = JSON.stringify(options);
  const { append: _append, ...pages } = useCursorPages<Incident>(key, cursor =>
    api.listIncidents(
      cursor
        ? { ...JSON.parse(key), cursor, includeTotal: false }
        : JSON.parse(key),
    ),
  );
  return pages;
}
