import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import Router from 'express-promise-router';
import { demoSignInRefusal } from './demoSignInAllowed';

/** A catalog user the demo sign-in page offers, with the teams they belong to. */
export type DemoUser = {
  userEntityRef: string;
  displayName: string;
  teams: { groupEntityRef: string; displayName: string }[];
};

function displayName(entity: Entity): string {
  const profile = entity.spec?.profile as { displayName?: string } | undefined;
  return profile?.displayName ?? entity.metadata.title ?? entity.metadata.name;
}

function toDemoUsers(users: Entity[], groups: Entity[]): DemoUser[] {
  const groupNames = new Map(
    groups.map(group => [stringifyEntityRef(group), displayName(group)]),
  );
  return users
    .map(user => ({
      userEntityRef: stringifyEntityRef(user),
      displayName: displayName(user),
      teams: (user.relations ?? [])
        .filter(relation => relation.type === 'memberOf')
        .map(relation => ({
          groupEntityRef: relation.targetRef,
          displayName: groupNames.get(relation.targetRef) ?? relation.targetRef,
        })),
    }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/**
 * Plugin `demo-sign-in`: `GET /users` lists the catalog's users with their teams for the demo
 * sign-in page, before anyone is signed in. Refused wherever the demo auth provider is.
 */
export const demoUsersPlugin = createBackendPlugin({
  pluginId: 'demo-sign-in',
  register(reg) {
    reg.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        config: coreServices.rootConfig,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
      },
      async init({ httpRouter, config, auth, catalog }) {
        const refusal = demoSignInRefusal(config);
        const router = Router();
        router.get('/users', async (_req, res) => {
          if (refusal) throw new NotAllowedError(refusal);
          const credentials = await auth.getOwnServiceCredentials();
          const fields = ['kind', 'metadata', 'spec.profile', 'relations'];
          const [users, groups] = await Promise.all([
            catalog.getEntities(
              { filter: { kind: 'User' }, fields },
              { credentials },
            ),
            catalog.getEntities(
              { filter: { kind: 'Group' }, fields },
              { credentials },
            ),
          ]);
          res.json({ users: toDemoUsers(users.items, groups.items) });
        });
        httpRouter.use(router);
        httpRouter.addAuthPolicy({ path: '/users', allow: 'unauthenticated' });
      },
    });
  },
});
