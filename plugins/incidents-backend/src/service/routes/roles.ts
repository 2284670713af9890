import { AuditorService } from '@backstage/backend-plugin-api';
import {
  IncidentRolesResponse,
  ROLE_IDS,
  RoleSuggestionsResponse,
  assignRoleSchema,
  handoffRoleSchema,
  incidentUpdatePermission,
} from '@firebreak/plugin-incidents-common';
import Router from 'express-promise-router';
import { RoleService } from '../../roles/RoleService';
import { audited } from '../audit';
import { parseIncidentKey } from '../incidentKey';
import { parseInput } from '../validation';
import { RouteAccess, pathParam } from './access';

/** Roles of an incident: list, assign/reassign, hand off, suggestions. */
export function createRolesRouter(options: {
  access: RouteAccess;
  roles: RoleService;
  auditor: AuditorService;
}) {
  const { access, roles, auditor } = options;
  const router = Router();

  const respond = async (
    incidentId: string,
  ): Promise<IncidentRolesResponse> => ({
    incidentId,
    roles: await roles.slots(incidentId),
  });

  router.get('/v1/incidents/:id/roles', async (req, res) => {
    await access.reader(req);
    const incident = await access.incident(req.params.id);
    res.json(await respond(incident.id));
  });

  router.get('/v1/incidents/:id/roles/suggestions', async (req, res) => {
    const credentials = await access.reader(req);
    const incident = await access.incident(req.params.id);
    const body: RoleSuggestionsResponse = {
      items: await roles.suggestions(incident, credentials),
    };
    res.json(body);
  });

  router.put('/v1/incidents/:id/roles', async (req, res) => {
    const credentials = await access.writer(req);
    const body = await audited(
      auditor,
      {
        eventId: 'incident-role-assign',
        request: req,
        meta: { incident: req.params.id },
      },
      async () => {
        await access.authorize(credentials, incidentUpdatePermission);
        const key = parseIncidentKey(req.params.id);
        const request = parseInput(assignRoleSchema, req.body, 'request body');
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
    const credentials = await access.writer(req);
    const body = await audited(
      auditor,
      {
        eventId: 'incident-role-handoff',
        request: req,
        meta: { incident: req.params.id, role: req.params.role },
      },
      async () => {
        await access.authorize(credentials, incidentUpdatePermission);
        const key = parseIncidentKey(req.params.id);
        const role = pathParam('role', req.params.role, ROLE_IDS);
        const request = parseInput(handoffRoleSchema, req.body, 'request body');
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
