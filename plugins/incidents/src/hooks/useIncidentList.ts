import { useApi } from '@backstage/core-plugin-api';
import { Incident } from '@firebreak/plugin-incidents-common';
import { ListIncidentsOptions, incidentsApiRef } from '../api';
import { CursorPagesState, useCursorPages } from './useCursorPages';

/** The pages of incidents loaded so far, and how to load more (no `append`: lists reload). */
export type IncidentListState = Omit<CursorPagesState<Incident>, 'append'>;

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
