import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  OnCallResponse,
  onCallQuerySchema,
} from '@firebreak/plugin-incidents-common';
import Router from 'express-promise-router';
import { resolveOwnership } from '../../catalog/ownership';
import { OnCallResolver } from '../../response/OnCallResolver';
import { Clock } from '../../domain/clock';
import { parseInput } from '../validation';
import { RouteAccess } from './access';

/**
 * GET /v1/oncall?groupRef=... (or ?entityRef=... for the owner group of an entity, with the
 * system → domain fallback): who is on call now and next, and the group's lead.
 */
export function createOnCallRouter(options: {
  access: RouteAccess;
  catalog: CatalogService;
  onCall: OnCallResolver;
  clock: Clock;
}) {
  const { access, catalog, onCall, clock } = options;
  const router = Router();

  router.get('/v1/oncall', async (req, res) => {
    const credentials = await access.reader(req);
    const query = parseInput(onCallQuerySchema, req.query, 'query');
    let groupRef = query.groupRef;
    if (query.entityRef) {
      if (query.entityRef.startsWith('group:')) {
        groupRef = query.entityRef;
      } else {
        const ownership = await resolveOwnership(
          catalog,
          [query.entityRef],
          credentials,
        );
        const owned = ownership.affected.get(query.entityRef);
        if (!owned) {
          throw new NotFoundError(
            `Entity ${query.entityRef} not found in the catalog`,
          );
        }
        if (!owned.ownerRef?.toLocaleLowerCase('en-US').startsWith('group:')) {
          throw new NotFoundError(
            `Entity ${query.entityRef} has no owning group (nor has its system or domain)`,
          );
        }
        groupRef = owned.ownerRef;
      }
    }
    const at = clock.now();
    const answer = (await onCall.forGroups([groupRef!], at, credentials)).get(
      groupRef!.toLocaleLowerCase('en-US'),
    )!;
    const result = answer.result;
    const body: OnCallResponse = {
      groupRef: groupRef!,
      ...(query.entityRef ? { entityRef: query.entityRef } : {}),
      ...(answer.scheduleId ? { scheduleId: answer.scheduleId } : {}),
      hasSchedule: Boolean(result),
      ...(result?.current ? { current: result.current } : {}),
      ...(result?.next ? { next: result.next } : {}),
      ...(answer.leadRef ? { leadRef: answer.leadRef } : {}),
      rotation: answer.rotation,
      at: at.toISOString(),
    };
    res.json(body);
  });

  return router;
}
