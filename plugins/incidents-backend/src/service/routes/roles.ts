import {
  IncidentRolesResponse,
  ROLE_IDS,
  RoleSuggestionsResponse,
  assignRoleSchema,
  handoffRoleSchema,
  incidentRoleAssignPermission,
} from '@firebreak/plugin-incidents-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import Router from 'express-promise-router';
import { requireCatalogUsers } from '../../catalog/users';
import { RoleService } from '../../response/RoleService';
import { parseInput } from '../validation';
import { RouteAccess, pathParam } from './access';

/** Roles of an incident: list, assign/reassign, hand off, suggestions. */
export function createRolesRouter(options: {
  access: RouteAccess;
  roles: RoleService;
  catalog: CatalogService;
}) {
  const { access, roles, catalog } = options;
  const router = Router();

  const respond = async (
    incidentId: string,
  ): Promise<IncidentRolesResponse> => ({
    incidentId,
    roles: await roles.slots(incidentId),
  });

  router.get('/v1/incidents/:id/roles', async (req, res) => {
    const credentials = await access.reader(req);
    const incident = await access.incident(req.params.id, credentials);
    res.json(await respond(incident.id));
  });

  router.get('/v1/incidents/:id/roles/suggestions', async (req, res) => {
    const credentials = await access.reader(req);
    const incident = await access.incident(req.params.id, credentials);
    const body: RoleSuggestionsResponse = {
      items: await roles.suggestions(incident, credentials),
    };
    res.json(body);
  });

  router.put('/v1/incidents/:id/roles', async (req, res) => {
    const body = await access.write(
      req,
      {
        eventId: 'incident-role-assign',
        meta: { incident: req.params.id },
      },
      async credentials => {
        const key = await access.incidentKey(
          req.params.id,
          credentials,
          incidentRoleAssignPermission,
        );
        const request = parseInput(assignRoleSchema, req.body, 'request body');
        await requireCatalogUsers(
          catalog,
          [{ field: 'userRef', userRef: request.userRef }],
          credentials,
        );
        const { incident, changed } = await roles.change(
          key,
          {
            role: request.role,
            userRef: request.userRef,
            expectedVersion: request.version,
            note: request.note,
          },
          { actor: credentials.principal.userEntityRef },
        );
        return {
          result: await respond(incident.id),
          meta: {
            incidentId: incident.id,
            incidentRef: incident.ref,
            role: request.role,
            userRef: request.userRef,
            changed,
          },
        };
      },
    );
    res.json(body);
  });

  router.post('/v1/incidents/:id/roles/:role/handoff', async (req, res) => {
    const body = await access.write(
      req,
      {
        eventId: 'incident-role-handoff',
        meta: { incident: req.params.id, role: req.params.role },
      },
      async credentials => {
        const key = await access.incidentKey(
          req.params.id,
          credentials,
          incidentRoleAssignPermission,
        );
        const role = pathParam('role', req.params.role, ROLE_IDS);
        const request = parseInput(handoffRoleSchema, req.body, 'request body');
        await requireCatalogUsers(
          catalog,
          [{ field: 'toUserRef', userRef: request.toUserRef }],
          credentials,
        );
        const { incident } = await roles.change(
          key,
          {
            role,
            userRef: request.toUserRef,
            note: request.note,
            expectedVersion: request.version,
            handoff: true,
          },
          { actor: credentials.principal.userEntityRef },
        );
        return {
          result: await respond(incident.id),
          meta: {
            incidentId: incident.id,
            incidentRef: incident.ref,
            role,
            toUserRef: request.toUserRef,
          },
        };
      },
    );
    res.json(body);
  });

  return router;
}
