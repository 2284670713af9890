import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import Router from 'express-promise-router';
import { DatabaseChecklistStore } from '../../database/DatabaseChecklistStore';
import { IncidentsStore } from '../../database/IncidentsStore';
import { IncidentEvents } from '../../events/IncidentEvents';
import { OnCallResolver } from '../../oncall/OnCallResolver';
import { SeverityResponse } from '../../roles/SeverityResponse';
import { PagingService } from '../../paging/PagingService';
import { RoleService } from '../../roles/RoleService';
import { Clock } from '../clock';
import { IncidentVisibility } from '../visibility';
import { RouteAccess } from './access';
import { createChecklistRouter } from './checklist';
import { createOnCallRouter } from './oncall';
import { createPagesRouter } from './pages';
import { createRolesRouter } from './roles';

/** The pieces behind the response routes (on-call, roles, checklist, pages). */
export interface ResponseServices {
  onCall: OnCallResolver;
  roles: RoleService;
  paging: PagingService;
  checklist: DatabaseChecklistStore;
  events: IncidentEvents;
  /** Re-applies the incident commander assignment when an edit changes the severity. */
  severity?: SeverityResponse;
}

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
      events: options.events,
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
