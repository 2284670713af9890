import {
  BackstageCredentials,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  createConditionAuthorizer,
} from '@backstage/plugin-permission-node';
import { Knex } from 'knex';
import { readIncidentAccessResources } from '../database/visibility';
import {
  IncidentsPolicyGroups,
  decideIncidentPermission,
} from '../service/permissions/defaultPolicy';
import { incidentPermissionResourceRef } from '../service/permissions/resource';

/**
 * The plugin's permissions service deciding with `policy` in process, as the permission
 * backend would: services are allowed; a user's query gets the policy's decision (conditions
 * included, for the plugin to turn into SQL); a user's request on one incident has the
 * conditions applied, by the plugin's registered rules, to that incident as loaded from
 * `knex` (what the permission backend asks the plugin's apply-conditions endpoint for).
 */
export function permissionsWithPolicy(policy: PermissionPolicy, knex: Knex) {
  return createServiceFactory({
    service: coreServices.permissions,
    deps: {
      registry: coreServices.permissionsRegistry,
      userInfo: coreServices.userInfo,
    },
    factory({ registry, userInfo }) {
      const typeOf = (credentials: BackstageCredentials) =>
        (credentials.principal as { type: string }).type;
      const userOf = async (credentials: BackstageCredentials) =>
        typeOf(credentials) === 'user'
          ? { credentials, info: await userInfo.getUserInfo(credentials) }
          : undefined;
      const isService = (credentials: BackstageCredentials) =>
        typeOf(credentials) === 'service';
      const allowAll = (items: readonly unknown[]) =>
        items.map(() => ({ result: AuthorizeResult.ALLOW } as const));
      return {
        async authorizeConditional(queries, { credentials }) {
          if (isService(credentials)) return allowAll(queries);
          const user = await userOf(credentials);
          return Promise.all(
            queries.map(q => policy.handle({ permission: q.permission }, user)),
          ) as any;
        },
        async authorize(requests, { credentials }) {
          if (isService(credentials)) return allowAll(requests);
          const user = await userOf(credentials);
          const applies = createConditionAuthorizer(
            registry.getPermissionRuleset(incidentPermissionResourceRef),
          );
          return Promise.all(
            requests.map(async r => {
              const decision = await policy.handle(
                { permission: r.permission },
                user,
              );
              if (decision.result !== AuthorizeResult.CONDITIONAL) {
                return { result: decision.result };
              }
              const [resource] = await readIncidentAccessResources(knex, [
                r.resourceRef!,
              ]);
              return {
                result: applies(decision, resource)
                  ? AuthorizeResult.ALLOW
                  : AuthorizeResult.DENY,
              };
            }),
          );
        },
      };
    },
  });
}

/** The plugin's default decisions, everything else allowed (as the demo portal does). */
export function defaultIncidentsPolicy(
  groups: IncidentsPolicyGroups,
): PermissionPolicy {
  return {
    async handle(request, user): Promise<PolicyDecision> {
      return (
        decideIncidentPermission(request, user, groups) ?? {
          result: AuthorizeResult.ALLOW,
        }
      );
    },
  };
}
