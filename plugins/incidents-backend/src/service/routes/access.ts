import {
  AuditorService,
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
import { JsonObject } from '@backstage/types';
import { Request } from 'express';
import { IncidentsStore } from '../../database/IncidentsStore';
import { VisibilityScope } from '../../domain/visibility';
import { IncidentAuditEventId, audited } from '../audit';
import { authorize } from '../authorize';
import { parseIncidentKey } from '../incidentKey';
import { IncidentVisibility } from '../visibility';

/** Credentials, permissions, incident look-up and audited writes, shared by the routers. */
export class RouteAccess {
  constructor(
    private readonly deps: {
      httpAuth: HttpAuthService;
      permissions: PermissionsService;
      auditor: AuditorService;
      store: IncidentsStore;
      visibility: IncidentVisibility;
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

  /**
   * A write recorded as the audit event `eventId`: the caller must be a user (checked before
   * the event opens, so that a 401 is not audited); inside the event, `permission` must be
   * allowed, then `action` runs and reports its result and the event's metadata.
   */
  async write<T>(
    req: Request,
    audit: {
      eventId: IncidentAuditEventId;
      meta: JsonObject;
      permission: Parameters<typeof authorize>[2];
    },
    action: (
      credentials: BackstageCredentials<BackstageUserPrincipal>,
    ) => Promise<{ result: T; meta?: JsonObject }>,
  ): Promise<T> {
    const credentials = await this.writer(req);
    return audited(
      this.deps.auditor,
      { eventId: audit.eventId, request: req, meta: audit.meta },
      async () => {
        await this.authorize(credentials, audit.permission);
        return action(credentials);
      },
    );
  }

  /** What the caller may see of restricted incidents. */
  visibleTo(credentials: BackstageCredentials): Promise<VisibilityScope> {
    return this.deps.visibility.scopeFor(credentials);
  }

  /**
   * The incident of a path parameter, if the caller may see it: a restricted incident they
   * may not see is a 404 like an unknown one (its existence is not revealed), for reads and
   * writes alike.
   */
  async incident(
    param: string,
    credentials: BackstageCredentials,
  ): Promise<Incident> {
    const incident = await this.deps.store.getIncident(
      parseIncidentKey(param),
      { visibleTo: await this.visibleTo(credentials) },
    );
    if (!incident) {
      throw new NotFoundError(`Incident ${param} not found`);
    }
    return incident;
  }

  /** The key of a visible incident to write to, after {@link RouteAccess.incident}. */
  async incidentKey(
    param: string,
    credentials: BackstageCredentials,
  ): Promise<{ id: string }> {
    const { id } = await this.incident(param, credentials);
    return { id };
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
