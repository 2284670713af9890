import { identityApiRef, useApiHolder } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { refKey } from '@firebreak/plugin-incidents-common';

/** The signed-in user: their entity ref and the refs they own through (their groups). */
export interface CurrentUser {
  userEntityRef: string;
  ownershipEntityRefs: string[];
}

/**
 * The signed-in user, or undefined while loading or when the app has no identity API (so
 * that components still render in isolation).
 */
export function useCurrentUser(): CurrentUser | undefined {
  const identityApi = useApiHolder().get(identityApiRef);
  const { value } = useAsync(async () => {
    if (!identityApi) return undefined;
    const identity = await identityApi.getBackstageIdentity();
    return {
      userEntityRef: identity.userEntityRef,
      ownershipEntityRefs: identity.ownershipEntityRefs ?? [],
    };
  }, [identityApi]);
  return value;
}

/**
 * Whether a page is addressed to `user`: a personal page to them, or a page to a whole group
 * they belong to (as the backend decides who may acknowledge it).
 */
export function isAddressedTo(
  page: { targetUserRef?: string; targetGroupRef?: string },
  user: CurrentUser | undefined,
): boolean {
  if (!user) return false;
  if (page.targetUserRef) {
    return refKey(page.targetUserRef) === refKey(user.userEntityRef);
  }
  return (
    !!page.targetGroupRef &&
    user.ownershipEntityRefs.some(
      ref => refKey(ref) === refKey(page.targetGroupRef!),
    )
  );
}
