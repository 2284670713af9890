import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import Router from 'express-promise-router';
import { IncidentsStore } from '../../database/IncidentsStore';
import { ResponseServices } from '../../response/createResponse';
import { Clock } from '../../domain/clock';
import { IncidentVisibility } from '../visibility';
import { RouteAccess } from './access';
import { createChecklistRouter } from './checklist';
import { createOnCallRouter } from './oncall';
import { createPagesRouter } from './pages';
import { createRolesRouter } from './roles';

/** Mounts the response sub-routers; see ../../schema/openapi.yaml. */
export function createResponseRouter(
  options: ResponseServices & {
    store: IncidentsStore;
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    auditor: AuditorService;
    catalog: CatalogService;
    visibility: IncidentVisibility;
    clock: Clock;
  },
) {
  const access = new RouteAccess(options);
  const router = Router();
  router.use(
    createOnCallRouter({
      access,
      catalog: options.catalog,
      onCall: options.onCall,
      clock: options.clock,
    }),
  );
  router.use(
    createRolesRouter({
      access,
      roles: options.roles,
      catalog: options.catalog,
    }),
  );
  router.use(
    createChecklistRouter({
      access,
      checklist: options.checklist,
      clock: options.clock,
    }),
  );
  router.use(
    createPagesRouter({
      access,
      paging: options.paging,
    }),
  );
  return router;
}
