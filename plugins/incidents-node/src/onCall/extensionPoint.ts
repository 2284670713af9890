import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { OnCallProvider } from './types';

/**
 * Lets backend modules of the `incidents` plugin replace how on-call engineers are found.
 *
 * @public
 */
export interface IncidentsOnCallExtensionPoint {
  /**
   * Replaces the default, app-config based {@link ConfigOnCallProvider}. Only one provider can
   * be installed: a second call is a wiring mistake and the incidents backend rejects it.
   */
  setOnCallProvider(provider: OnCallProvider): void;
}

/**
 * Extension point through which a backend module installs its own {@link OnCallProvider}.
 *
 * @public
 * @example
 * ```ts
 * export default createBackendModule({
 *   pluginId: 'incidents',
 *   moduleId: 'my-oncall',
 *   register(reg) {
 *     reg.registerInit({
 *       deps: { oncall: incidentsOnCallExtensionPoint },
 *       async init({ oncall }) {
 *         oncall.setOnCallProvider(new MyOnCallProvider());
 *       },
 *     });
 *   },
 * });
 * ```
 */
export const incidentsOnCallExtensionPoint =
  createExtensionPoint<IncidentsOnCallExtensionPoint>({
    id: 'incidents.oncall',
  });
