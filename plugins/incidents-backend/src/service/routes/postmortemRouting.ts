import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Knex } from 'knex';
import { PostmortemService } from '../../response/postmortems/PostmortemService';
import { Clock } from '../../domain/clock';
import { RouteAccess } from './access';

/** What the postmortem and action-item routers are built from. */
export interface PostmortemRouterOptions {
  access: RouteAccess;
  postmortems: PostmortemService;
  catalog: CatalogService;
  db: Knex;
  clock: Clock;
}

/** Who writes and when: the caller, now. */
export const writeContext = (
  credentials: BackstageCredentials<BackstageUserPrincipal>,
  clock: Clock,
) => ({
  actor: credentials.principal.userEntityRef,
  at: clock.now().toISOString(),
});
