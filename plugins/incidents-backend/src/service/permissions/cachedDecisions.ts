import { PermissionsService } from '@backstage/backend-plugin-api';
import {
  AuthorizePermissionRequest,
  AuthorizePermissionResponse,
} from '@backstage/plugin-permission-common';
import { ShortLivedCache, callerKey } from '../../catalog/shortLived';

/**
 * The permission service, with the policy's decisions on basic permissions (no resource:
 * `incident.create`, `incident.restricted.create`, `incident.alert.route`,
 * `incident.insights.read`) kept for `ttlMs` per caller, as the read decision is
 * (`incidents.cache.seconds`). An on-call engineer declaring, or an alert storm's
 * declarations, then ask the permission backend once in that time, not once per request. A decision on one incident (a resource ref) and every
 * conditional decision are asked for each time; so is any call without a known caller.
 */
export function withCachedDecisions(
  permissions: PermissionsService,
  ttlMs: number,
): PermissionsService {
  if (ttlMs <= 0) return permissions;
  const cache = new ShortLivedCache<AuthorizePermissionResponse[]>({ ttlMs });
  return {
    authorize(requests, options) {
      const call = () => permissions.authorize(requests, options);
      const caller = callerKey(options.credentials);
      if (!caller || !requests.every(isBasic)) return call();
      const names = requests.map(r => r.permission.name).join(',');
      return cache.get(`${caller}|${names}`, call);
    },
    authorizeConditional(requests, options) {
      return permissions.authorizeConditional(requests, options);
    },
  };
}

function isBasic(request: AuthorizePermissionRequest): boolean {
  return request.permission.type === 'basic' && !('resourceRef' in request);
}
