import { SearchResultListItemBlueprint } from '@backstage/plugin-search-react/alpha';

/**
 * Renders search results of type `incidents` (incidents and published postmortems from
 * `@firebreak/plugin-search-backend-module-incidents`) in the portal's search page.
 *
 * @alpha
 */
export const incidentsSearchResultListItem = SearchResultListItemBlueprint.make(
  {
    params: {
      predicate: result => result.type === 'incidents',
      component: () =>
        import('../components/IncidentSearchResultListItem').then(
          m => m.IncidentSearchResultListItem as any,
        ),
    },
  },
);
