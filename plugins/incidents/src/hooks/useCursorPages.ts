import { PageTotal } from '@firebreak/plugin-incidents-common';
import { useCallback, useEffect, useRef, useState } from 'react';

/** One page of a keyset-paged list, as the API answers it. */
export interface CursorPage<T> {
  items: T[];
  nextCursor?: string;
  total?: PageTotal;
}

export interface CursorPagesState<T> {
  items: T[];
  nextCursor?: string;
  /** How many match (up to the API's cap), when the first page said. */
  total?: PageTotal;
  /** First page loading (after a change of `key` or a reload). */
  loading: boolean;
  /** A further page loading. */
  loadingMore: boolean;
  error?: Error;
  loadMore(): void;
  reload(): void;
  /** Adds an item the server just created, when the last page is already loaded. */
  append(item: T): void;
}

/**
 * A cursor-paged list: the first page when `key` changes (or on reload), then "load more";
 * answers that arrive for an older key are dropped, and an item seen twice is kept once.
 * `fetchPage(cursor)` reads the first page without a cursor.
 */
export function useCursorPages<T extends { id: string }>(
  key: string,
  fetchPage: (cursor?: string) => Promise<CursorPage<T>>,
): CursorPagesState<T> {
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const [reloads, setReloads] = useState(0);
  const [state, setState] = useState<
    Omit<CursorPagesState<T>, 'loadMore' | 'reload' | 'append'>
  >({ items: [], loading: true, loadingMore: false });
  // Bumped on every new first page, so late answers for an older query are dropped.
  const generation = useRef(0);

  useEffect(() => {
    const current = ++generation.current;
    setState(s => ({ ...s, loading: true, error: undefined }));
    fetchRef.current().then(
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
  }, [key, reloads]);

  const loadMore = useCallback(() => {
    const cursor = state.nextCursor;
    if (!cursor || state.loadingMore) {
      return;
    }
    const current = generation.current;
    setState(s => ({ ...s, loadingMore: true }));
    fetchRef.current(cursor).then(
      page => {
        if (current === generation.current) {
          setState(s => ({
            ...s,
            items: [
              ...s.items,
              ...page.items.filter(i => !s.items.some(o => o.id === i.id)),
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
  }, [state.nextCursor, state.loadingMore]);

  const reload = useCallback(() => setReloads(n => n + 1), []);

  const append = useCallback((item: T) => {
    setState(s =>
      s.nextCursor || s.items.some(i => i.id === item.id)
        ? s
        : { ...s, items: [...s.items, item] },
    );
  }, []);

  return { ...state, loadMore, reload, append };
}
