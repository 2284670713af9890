import {
  BackstageCredentials,
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { readGroupRef } from '../domain/groupRefs';
import { Config } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ConditionTransformer,
  createConditionTransformer,
} from '@backstage/plugin-permission-node';
import { incidentReadPermission } from '@firebreak/plugin-incidents-common';
import {
  DEFAULT_RESTRICTED_VIEWER_GROUPS,
  IncidentAccessFilter,
  VisibilityScope,
} from '../domain/visibility';
import { ShortLivedCache, callerKey } from '../catalog/shortLived';
import { incidentPermissionResourceRef } from './permissions/resource';
import { IncidentsPolicyGroups } from './permissions/defaultPolicy';

const KEY = 'incidents.restricted.viewerGroups';

/**
 * Reads `incidents.restricted.viewerGroups`: the groups told about every restricted incident
 * (live updates), and the groups a policy may let see them (see the README's Security
 * section). Throws an error naming the key for a ref that is not a group.
 *
 * @public
 */
export function readRestrictedViewerGroups(config: Config): string[] {
  const values = config.getOptionalStringArray(KEY);
  if (!values) {
    return [...DEFAULT_RESTRICTED_VIEWER_GROUPS];
  }
  return values.map((value, index) =>
    readGroupRef(value, `${KEY}[${index}]`, 'group:default/privacy'),
  );
}

const READER_KEY = 'incidents.restricted.readerGroups';

/**
 * The default policy's groups from config: `incidents.restricted.viewerGroups` work on and
 * see every incident, `incidents.restricted.readerGroups` (default none) read every incident
 * and the insights. The plugin tells both about changes of restricted incidents (live
 * updates), so a policy built on them keeps live updates and reads in agreement. Throws an
 * error naming the key for a ref that is not a group.
 *
 * @public
 */
export function readIncidentsPolicyGroups(
  config: Config,
): IncidentsPolicyGroups {
  return {
    responderGroups: readRestrictedViewerGroups(config),
    readAllGroups: (config.getOptionalStringArray(READER_KEY) ?? []).map(
      (value, index) =>
        readGroupRef(
          value,
          `${READER_KEY}[${index}]`,
          'group:default/leadership',
        ),
    ),
  };
}

/**
 * Turns a caller's credentials into what they may read: the permission policy's decision on
 * `incident.read` (ALLOW: everything, DENY: nothing, CONDITIONAL: the incidents matching its
 * conditions, applied in SQL).
 */
export class IncidentVisibility {
  static create(options: {
    permissions: PermissionsService;
    permissionsRegistry: PermissionsRegistryService;
    /** How long the policy's decision is reused for the same caller (0: asked per request). */
    cacheMs?: number;
  }): IncidentVisibility {
    return new IncidentVisibility(
      options.permissions,
      createConditionTransformer(
        options.permissionsRegistry.getPermissionRuleset(
          incidentPermissionResourceRef,
        ),
      ),
      options.cacheMs ?? 0,
    );
  }

  /** One decision per request: the routes ask for it more than once. */
  private readonly decided = new WeakMap<
    BackstageCredentials,
    Promise<VisibilityScope>
  >();

  /** The same caller's decision of a moment ago (`incidents.cache.seconds`). */
  private readonly recent: ShortLivedCache<VisibilityScope> | undefined;

  constructor(
    private readonly permissions: PermissionsService,
    private readonly transform: ConditionTransformer<IncidentAccessFilter>,
    cacheMs = 0,
  ) {
    this.recent =
      cacheMs > 0 ? new ShortLivedCache({ ttlMs: cacheMs }) : undefined;
  }

  scopeFor(credentials: BackstageCredentials): Promise<VisibilityScope> {
    let scope = this.decided.get(credentials);
    if (!scope) {
      const caller = this.recent && callerKey(credentials);
      scope = caller
        ? this.recent!.get(caller, () => this.decide(credentials))
        : this.decide(credentials);
      this.decided.set(credentials, scope);
      scope.catch(() => this.decided.delete(credentials));
    }
    return scope;
  }

  private async decide(
    credentials: BackstageCredentials,
  ): Promise<VisibilityScope> {
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission: incidentReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) {
      return { kind: 'all' };
    }
    if (decision.result === AuthorizeResult.CONDITIONAL) {
      return {
        kind: 'conditions',
        criteria: this.transform(decision.conditions),
      };
    }
    return { kind: 'none' };
  }
}
