import { Config } from '@backstage/config';

/**
 * The demo sign-in lets anyone pick any catalog user, so it exists only where nobody real
 * signs in: a development backend whose config is not the production one
 * (app-config.production.yaml sets `auth.environment: production`).
 */
export function demoSignInRefusal(config: Config): string | undefined {
  if (process.env.NODE_ENV !== 'development') {
    return 'The demo sign-in is only available in a development backend';
  }
  if (config.getOptionalString('auth.environment') === 'production') {
    return 'The demo sign-in is refused under the production config (auth.environment: production)';
  }
  if (!config.has('auth.providers.demo')) {
    return 'The demo sign-in is not configured (auth.providers.demo)';
  }
  return undefined;
}

/** The request header naming the catalog user the visitor chose. */
export const DEMO_USER_HEADER = 'x-firebreak-demo-user';
