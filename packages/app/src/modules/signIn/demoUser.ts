import { IdentityApi } from '@backstage/core-plugin-api';

/** A catalog user the demo sign-in offers (GET /api/demo-sign-in/users). */
export type DemoUser = {
  userEntityRef: string;
  displayName: string;
  teams: { groupEntityRef: string; displayName: string }[];
};

/** Must match packages/backend/src/demoSignIn: the auth provider reads the choice from it. */
export const DEMO_USER_HEADER = 'x-firebreak-demo-user';

const STORAGE_KEY = 'firebreak.demoSignIn.userEntityRef';

/** The remembered choice when the visitor entered through Backstage's guest sign-in. */
export const GUEST_CHOICE = 'guest';

export const rememberedDemoUser = () =>
  window.localStorage.getItem(STORAGE_KEY) ?? undefined;

export const rememberDemoUser = (userEntityRef: string) =>
  window.localStorage.setItem(STORAGE_KEY, userEntityRef);

export const forgetDemoUser = () => window.localStorage.removeItem(STORAGE_KEY);

/** Signing out forgets the choice, so the next visit offers the users again. */
export function forgetOnSignOut(identity: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    signOut: async () => {
      forgetDemoUser();
      await identity.signOut();
    },
  };
}
