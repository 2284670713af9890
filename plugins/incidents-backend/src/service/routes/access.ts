import {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  Incident,
  incidentReadPermission,
} from '@firebreak/plugin-incidents-common';
import { Request } from 'express';
import { IncidentsStore } from '../../database/IncidentsStore';
import { authorize } from '../authorize';
import { parseIncidentKey } from '../incidentKey';

/** Credentials, permission and incident look-up shared by the response sub-routers. */
export class RouteAccess {
  constructor(
    private readonly deps: {
      httpAuth: HttpAuthService;
      permissions: PermissionsService;
      store: IncidentsStore;
    },
  ) {}

  /** Users and services with `incident.read`. */
  async reader(
    req: Request,
  ): Promise<
    BackstageCredentials<BackstageUserPrincipal | BackstageServicePrincipal>
  > {
    const credentials = await this.deps.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorize(this.deps.permissions, credentials, incidentReadPermission);
    return credentials;
  }

  /** Writes need a user: their ref is recorded as the actor. */
  writer(req: Request): Promise<BackstageCredentials<BackstageUserPrincipal>> {
    return this.deps.httpAuth.credentials(req, { allow: ['user'] });
  }

  authorize(
    credentials: BackstageCredentials,
    permission: Parameters<typeof authorize>[2],
  ): Promise<void> {
    return authorize(this.deps.permissions, credentials, permission);
  }

  async incident(param: string): Promise<Incident> {
    const incident = await this.deps.store.getIncident(parseIncidentKey(param));
    if (!incident) {
      throw new NotFoundError(`Incident ${param} not found`);
    }
    return incident;
  }
}

/** A path parameter that must be one of `allowed`: 400 naming it otherwise. */
export function pathParam<T extends string>(
  name: string,
  value: string,
  allowed: readonly T[],
): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new InputError(
      `Invalid path: ${name}: must be one of ${allowed.join(
        ', ',
      )}, got '${value}'`,
    );
  }
  return value as T;
}
