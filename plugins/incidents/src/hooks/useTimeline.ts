import { useApi } from '@backstage/core-plugin-api';
import { TimelineEntry } from '@firebreak/plugin-incidents-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { incidentsApiRef } from '../api';

const PAGE_SIZE = 100;

export interface TimelineState {
  entries: TimelineEntry[];
  nextCursor?: string;
  loading: boolean;
  loadingMore: boolean;
  error?: Error;
  loadMore(): void;
  reload(): void;
  /** Adds an entry the server just created, when the newest page is already loaded. */
  append(entry: TimelineEntry): void;
}

/** An incident's timeline, oldest first, paged with a cursor. */
export function useTimeline(incidentId: string): TimelineState {
  const api = useApi(incidentsApiRef);
  const [reloads, setReloads] = useState(0);
  const [state, setState] = useState<{
    entries: TimelineEntry[];
    nextCursor?: string;
    loading: boolean;
    loadingMore: boolean;
    error?: Error;
  }>({ entries: [], loading: true, loadingMore: false });
  const generation = useRef(0);

  useEffect(() => {
    const current = ++generation.current;
    setState(s => ({ ...s, loading: true, error: undefined }));
    api.getTimeline(incidentId, { limit: PAGE_SIZE }).then(
      page => {
        if (current === generation.current) {
          setState({
            entries: page.items,
            nextCursor: page.nextCursor,
            loading: false,
            loadingMore: false,
          });
        }
      },
      error => {
        if (current === generation.current) {
          setState(s => ({ ...s, loading: false, error }));
        }
      },
    );
  }, [api, incidentId, reloads]);

  const loadMore = useCallback(() => {
    const cursor = state.nextCursor;
    if (!cursor || state.loadingMore) {
      return;
    }
    const current = generation.current;
    setState(s => ({ ...s, loadingMore: true }));
    api.getTimeline(incidentId, { cursor, limit: PAGE_SIZE }).then(
      page => {
        if (current === generation.current) {
          setState(s => ({
            ...s,
            entries: [
              ...s.entries,
              ...page.items.filter(e => !s.entries.some(o => o.id === e.id)),
            ],
            nextCursor: page.nextCursor,
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
  }, [api, incidentId, state.nextCursor, state.loadingMore]);

  const reload = useCallback(() => setReloads(n => n + 1), []);

  const append = useCallback((entry: TimelineEntry) => {
    setState(s =>
      s.nextCursor || s.entries.some(e => e.id === entry.id)
        ? s
        : { ...s, entries: [...s.entries, entry] },
    );
  }, []);

  return { ...state, loadMore, reload, append };
}
