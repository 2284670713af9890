import { useRouteRef } from '@backstage/core-plugin-api';
import {
  incidentRouteRef,
  myPagesRouteRef,
  postmortemRouteRef,
  rootRouteRef,
  unroutedAlertsRouteRef,
} from '../routes';

/**
 * useRouteRef, or undefined when the app has not mounted the route: a legacy app may add
 * the entity tab without the incidents page, and the tab must still render.
 */
function useOptionalRouteRef<T>(resolve: () => T): T | undefined {
  try {
    return resolve();
  } catch {
    return undefined;
  }
}

/** Link to an incident page by its reference, if the incidents page is mounted. */
export function useIncidentLink(): ((ref: string) => string) | undefined {
  // useRouteRef runs all of its hooks before it throws for an unmounted route, so calling
  // it inside try keeps the hook order stable.
  // eslint-disable-next-line react-hooks/rules-of-hooks
  const route = useOptionalRouteRef(() => useRouteRef(incidentRouteRef));
  return route ? (ref: string) => route({ id: ref }) : undefined;
}

/** Link to the incidents list, if the incidents page is mounted. */
export function useIncidentsRootLink(): string | undefined {
  // eslint-disable-next-line react-hooks/rules-of-hooks
  const route = useOptionalRouteRef(() => useRouteRef(rootRouteRef));
  return route?.();
}

/** Link to the unrouted-alerts inbox, if the incidents page is mounted. */
export function useUnroutedAlertsLink(): string | undefined {
  // eslint-disable-next-line react-hooks/rules-of-hooks
  const route = useOptionalRouteRef(() => useRouteRef(unroutedAlertsRouteRef));
  return route?.();
}

/** Link to the signed-in user's pages, if the incidents page is mounted. */
export function useMyPagesLink(): string | undefined {
  // eslint-disable-next-line react-hooks/rules-of-hooks
  const route = useOptionalRouteRef(() => useRouteRef(myPagesRouteRef));
  return route?.();
}

/** Link to the read view of an incident's postmortem, if the Postmortems page is mounted. */
export function usePostmortemLink(): ((ref: string) => string) | undefined {
  // eslint-disable-next-line react-hooks/rules-of-hooks
  const route = useOptionalRouteRef(() => useRouteRef(postmortemRouteRef));
  return route ? (ref: string) => route({ id: ref }) : undefined;
}
