import { useApi } from '@backstage/core-plugin-api';
import { Incident, PageTotal } from '@firebreak/plugin-incidents-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ListIncidentsOptions, incidentsApiRef } from '../api';

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
  const [reloads, setReloads] = useState(0);
  const [state, setState] = useState<{
    items: Incident[];
    nextCursor?: string;
    total?: PageTotal;
    loading: boolean;
    loadingMore: boolean;
    error?: Error;
  }>({ items: [], loading: true, loadingMore: false });
  // Bumped on every new first page, so late answers for an older query are dropped.
  const generation = useRef(0);

  useEffect(() => {
    const current = ++generation.current;
    setState(s => ({ ...s, loading: true, error: undefined }));
    api.listIncidents(JSON.parse(key)).then(
      page => {
        if (current === generation.current) {
          setState({
            items: page.items,
            nextCursor: page.nextCursor,
            total: page.total,
            loading: false,
            loadingMore: false,
          });
        }
      },
      error => {
        if (current === generation.current) {
          setState({ items: [], loading: false, loadingMore: false, error });
        }
      },
    );
  }, [api, key, reloads]);

  const loadMore = useCallback(() => {
    const cursor = state.nextCursor;
    if (!cursor || state.loadingMore) {
      return;
    }
    const current = generation.current;
    setState(s => ({ ...s, loadingMore: true }));
    api.listIncidents({ ...JSON.parse(key), cursor, includeTotal: false }).then(
      page => {
        if (current === generation.current) {
          setState(s => ({
            ...s,
            items: [
              ...s.items,
              ...page.items.filter(i => !s.items.some(o => o.id === i.id)),
            ],
            nextCursor: page.nextCursor,
            total: s.total,
            loadingMore: false,
          }));
        }
      },
      error => {
        if (current === generation.current) {
          setState(s => ({ ...s, loadingMore: false, error }));
        }
      },
    );
  }, [api, key, state.nextCursor, state.loadingMore]);

  const reload = useCallback(() => setReloads(n => n + 1), []);

  return { ...state, loadMore, reload };
}
