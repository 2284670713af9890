import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  IncidentsPolicyGroups,
  decideIncidentPermission,
  readIncidentsPolicyGroups,
} from '@firebreak/plugin-incidents-backend';

/**
 * The demo portal's policy: the incidents plugin's default decisions (see the README's
 * Security section), with platform reliability and the privacy office as responder groups
 * (`incidents.restricted.viewerGroups`) and leadership reading everything
 * (`incidents.restricted.readerGroups`); every other plugin's permission is allowed.
 */
export class DemoPermissionPolicy implements PermissionPolicy {
  static fromConfig(config: Config): DemoPermissionPolicy {
    // incidents.restricted.viewerGroups and .readerGroups (leadership in the demo).
    return new DemoPermissionPolicy(readIncidentsPolicyGroups(config));
  }

  constructor(private readonly groups: IncidentsPolicyGroups) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    return (
      decideIncidentPermission(request, user, this.groups) ?? {
        result: AuthorizeResult.ALLOW,
      }
    );
  }
}

/** Installs {@link DemoPermissionPolicy} in the permission backend. */
export const demoPermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'firebreak-demo-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(DemoPermissionPolicy.fromConfig(config));
      },
    });
  },
});
