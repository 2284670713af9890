import {
  CommsUpdate,
  incidentCommsPublishPermission,
  postCommsUpdateSchema,
} from '@firebreak/plugin-incidents-common';
import Router from 'express-promise-router';
import { readSlaRecords } from '../../database/sla/slaRecords';
import { CommsService } from '../../response/comms/CommsService';
import { Clock } from '../../domain/clock';
import { parseInput } from '../validation';
import { RouteAccess } from './access';
import { Knex } from 'knex';
import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { IncidentsStore } from '../../database/IncidentsStore';
import { jsonBody } from '../json';
import { IncidentVisibility } from '../visibility';

/** Stakeholder communication and SLA records of an incident (see openapi.yaml). */
export function createCommsRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  store: IncidentsStore;
  visibility: IncidentVisibility;
  comms: CommsService;
  db: Knex;
  clock: Clock;
}) {
  const { comms, clock } = options;
  const access = new RouteAccess(options);
  const router = Router();
  router.use('/v1/incidents/:id/comms', jsonBody());

  router.get('/v1/incidents/:id/sla', async (req, res) => {
    const credentials = await access.reader(req);
    const incident = await access.incident(req.params.id, credentials);
    res.json({ items: await readSlaRecords(options.db, incident.id) });
  });

  router.get('/v1/incidents/:id/comms', async (req, res) => {
    const credentials = await access.reader(req);
    const incident = await access.incident(req.params.id, credentials);
    res.json(await comms.read(incident));
  });

  router.get('/v1/incidents/:id/comms/executive-summary', async (req, res) => {
    const credentials = await access.reader(req);
    const incident = await access.incident(req.params.id, credentials);
    res.json(await comms.executiveSummary(incident, clock.now()));
  });

  router.post('/v1/incidents/:id/comms/updates', async (req, res) => {
    const update = await access.write<CommsUpdate>(
      req,
      {
        eventId: 'incident-comms-publish',
        meta: { incident: req.params.id },
      },
      async credentials => {
        // Decided for this incident: a policy may let its responders publish only.
        const key = await access.incidentKey(
          req.params.id,
          credentials,
          incidentCommsPublishPermission,
        );
        const incident = await access.incident(key.id, credentials);
        const input = parseInput(
          postCommsUpdateSchema,
          req.body,
          'request body',
        );
        const actor = credentials.principal.userEntityRef;
        const { incident: written, result } = await comms.post(
          incident,
          { id: incident.id },
          input,
          { actor, now: clock.now() },
        );
        return {
          result,
          meta: {
            incidentId: written.id,
            incidentRef: written.ref,
            audience: result.audience,
            updateId: result.id,
          },
        };
      },
    );
    res.status(201).json(update);
  });

  return router;
}
