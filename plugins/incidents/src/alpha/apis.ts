import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { IncidentsClient, incidentsApiRef } from '../api';

/**
 * The incidents API, on the discovery and fetch APIs.
 *
 * @alpha
 */
export const incidentsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: incidentsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new IncidentsClient({ discoveryApi, fetchApi }),
    }),
});
