import {
  AuditorService,
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { BasicPermission } from '@backstage/plugin-permission-common';
import { Incident } from '@firebreak/plugin-incidents-common';
import { JsonObject } from '@backstage/types';
import { Request } from 'express';
import { IncidentsStore } from '../../database/IncidentsStore';
import { VisibilityScope } from '../../domain/visibility';
import { IncidentAuditEventId, audited } from '../audit';
import { IncidentPermission, authorize } from '../authorize';
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

  /**
   * Users and services the policy lets read some incidents (`incident.read` allowed or
   * conditional); what they see is {@link RouteAccess.visibleTo}.
   */
  async reader(
    req: Request,
  ): Promise<
    BackstageCredentials<BackstageUserPrincipal | BackstageServicePrincipal>
  > {
    const credentials = await this.deps.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const scope = await this.visibleTo(credentials);
    if (scope.kind === 'none') {
      throw new NotAllowedError(
        "Not allowed: permission 'incident.read' was denied",
      );
    }
    return credentials;
  }

  /** Writes need a user: their ref is recorded as the actor. */
  writer(req: Request): Promise<BackstageCredentials<BackstageUserPrincipal>> {
    return this.deps.httpAuth.credentials(req, { allow: ['user'] });
  }

  authorize(
    credentials: BackstageCredentials,
    permission: BasicPermission | IncidentPermission,
    incidentId?: string,
  ): Promise<void> {
    return authorize(
      this.deps.permissions,
      credentials,
      permission,
      incidentId,
    );
  }

  /**
   * A write recorded as the audit event `eventId`: the caller must be a user (checked before
   * the event opens, so that a 401 is not audited); inside the event, a basic `permission`
   * must be allowed, then `action` runs and reports its result and the event's metadata. A
   * permission on an incident is checked by `action`, once it knows the incident
   * ({@link RouteAccess.incidentKey}).
   */
  async write<T>(
    req: Request,
    audit: {
      eventId: IncidentAuditEventId;
      meta: JsonObject;
      permission?: BasicPermission;
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
        if (audit.permission) {
          await this.authorize(credentials, audit.permission);
        }
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
    const visibleTo = await this.visibleTo(credentials);
    if (visibleTo.kind === 'none') {
      throw new NotAllowedError(
        "Not allowed: permission 'incident.read' was denied",
      );
    }
    const incident = await this.deps.store.getIncident(
      parseIncidentKey(param),
      { visibleTo },
    );
    if (!incident) {
      throw new NotFoundError(`Incident ${param} not found`);
    }
    return incident;
  }

  /**
   * The key of a visible incident to write to, after {@link RouteAccess.incident}, once the
   * policy allows `permission` on it (403 otherwise; a hidden incident stays a 404).
   */
  async incidentKey(
    param: string,
    credentials: BackstageCredentials,
    permission?: IncidentPermission,
  ): Promise<{ id: string }> {
    const { id } = await this.incident(param, credentials);
    if (permission) {
      await this.authorize(credentials, permission, id);
    }
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
