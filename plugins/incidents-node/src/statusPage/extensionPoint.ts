import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { StatusPageProvider } from './types';

/**
 * Lets backend modules of the `incidents` plugin receive public status page updates.
 *
 * @public
 */
export interface IncidentsStatusPageExtensionPoint {
  /** Adds a provider; every public update goes to every provider. */
  addStatusPageProvider(provider: StatusPageProvider): void;
}

/**
 * Extension point through which a backend module installs a {@link StatusPageProvider}.
 *
 * @public
 * @example
 * ```ts
 * export default createBackendModule({
 *   pluginId: 'incidents',
 *   moduleId: 'my-statuspage',
 *   register(reg) {
 *     reg.registerInit({
 *       deps: { statusPage: incidentsStatusPageExtensionPoint },
 *       async init({ statusPage }) {
 *         statusPage.addStatusPageProvider(new MyHostedStatusPage());
 *       },
 *     });
 *   },
 * });
 * ```
 */
export const incidentsStatusPageExtensionPoint =
  createExtensionPoint<IncidentsStatusPageExtensionPoint>({
    id: 'incidents.status-page',
  });
