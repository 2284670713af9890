import { LoadRequest } from './httpLoad';

/**
 * The write path `make bench` and `bench:by-hand declare` measure: a SEV2 declared on
 * checkout as the guest, with IC assignment and paging.
 */
export function declarationRequest(
  base: string,
  headers: Record<string, string>,
): LoadRequest {
  return {
    url: `${base}/api/incidents/v1/incidents`,
    method: 'POST',
    headers,
    body: JSON.stringify({
      title: 'Bench declaration',
      summary: 'Declared by the bench',
      customerImpact: 'None: benchmark',
      severity: 'SEV2',
      affectedEntityRefs: ['component:default/checkout'],
    }),
  };
}
