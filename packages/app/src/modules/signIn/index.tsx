import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';

/**
 * The demo portal lets the visitor sign in as any catalog user (auth provider `demo`, see
 * packages/backend/src/demoSignIn), so every journey can be walked from its own seat.
 */
const demoSignInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => (await import('./DemoSignInPage')).DemoSignInPage,
  },
});

export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [demoSignInPage],
});
