import {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { readGroupRef } from '../domain/groupRefs';
import { Config } from '@backstage/config';
import {
  DEFAULT_RESTRICTED_VIEWER_GROUPS,
  VisibilityScope,
  visibilityScope,
} from '../domain/visibility';

const KEY = 'incidents.restricted.viewerGroups';

function isPrincipal<T extends 'user' | 'service'>(
  credentials: BackstageCredentials,
  type: T,
): credentials is BackstageCredentials<
  T extends 'user' ? BackstageUserPrincipal : BackstageServicePrincipal
> {
  return (credentials.principal as { type?: string }).type === type;
}

/**
 * Reads `incidents.restricted.viewerGroups`: the groups whose members see every restricted
 * incident. Throws an error naming the key for a ref that is not a group.
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

/** Turns a caller's credentials into what they may see of restricted incidents. */
export class IncidentVisibility {
  static fromConfig(
    config: Config,
    userInfo: UserInfoService,
  ): IncidentVisibility {
    return new IncidentVisibility(userInfo, readRestrictedViewerGroups(config));
  }

  constructor(
    private readonly userInfo: UserInfoService,
    private readonly viewerGroupRefs: readonly string[],
  ) {}

  async scopeFor(credentials: BackstageCredentials): Promise<VisibilityScope> {
    if (isPrincipal(credentials, 'service')) {
      return visibilityScope({ type: 'service' }, this.viewerGroupRefs);
    }
    if (!isPrincipal(credentials, 'user')) {
      return { kind: 'audience', refs: [] };
    }
    const info = await this.userInfo.getUserInfo(credentials);
    return visibilityScope(
      {
        type: 'user',
        userEntityRef: info.userEntityRef,
        ownershipEntityRefs: info.ownershipEntityRefs,
      },
      this.viewerGroupRefs,
    );
  }
}
