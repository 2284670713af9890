import { useApi } from '@backstage/core-plugin-api';
import { TimelineEntry } from '@firebreak/plugin-incidents-common';
import { incidentsApiRef } from '../api';
import { useCursorPages } from './useCursorPages';

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
  const { items, ...pages } = useCursorPages<TimelineEntry>(
    incidentId,
    cursor =>
      api.getTimeline(incidentId, {
        ...(cursor ? { cursor } : {}),
        limit: PAGE_SIZE,
      }),
  );
  return { ...pages, entries: items };
}
