/*
 * The Firebreak demo portal backend: the pieces a typical Backstage adopter runs, plus the
 * Firebreak incidents backend.
 */
import { createBackend } from '@backstage/backend-defaults';
import { demoPermissionPolicyModule } from './permissions/demoPermissionPolicy';
import { authModuleDemoProvider, demoUsersPlugin } from './demoSignIn';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
// Development only: the visitor picks which catalog user to be (refused in production).
backend.add(authModuleDemoProvider);
backend.add(demoUsersPlugin);
// Off unless `auth.providers.guest` is configured: the load and scale-out tests sign in as
// the guest against the backend built and run as in production.
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));

// The demo policy: the incidents plugin's default access rules (restricted incidents for their
// audience only), everything else allowed. Adopters bring their own policy.
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(demoPermissionPolicyModule);

backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
// On PostgreSQL (production) the search index lives in the database: replicas share it and
// none rebuilds 100,000 incidents in its heap. On SQLite (make start) it logs that it is not
// supported and search keeps its in-memory Lunr index.
backend.add(import('@backstage/plugin-search-backend-module-pg'));
// Incidents and published postmortems (never restricted ones) in the portal's search.
backend.add(import('@firebreak/plugin-search-backend-module-incidents'));

// The events bus carries signals and catalog events between backend replicas.
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.add(import('@firebreak/plugin-incidents-backend'));

backend.start();
