import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { incidentsApiRef } from '../api';
import { OPEN_PAGE_COUNT_LIMIT } from '../utils';
import { useIncidentsSignal } from './useIncidentSignal';

const POLL_MS = 60_000;

/**
 * How many pages to the signed-in user (or their groups) wait for an acknowledgement.
 * Refreshes on page signals, and every minute for pages whose signal did not reach us.
 */
export function useOpenPageCount(): number | undefined {
  const api = useApi(incidentsApiRef);
  const state = useAsyncRetry(async () => {
    const { items } = await api.listPages({
      mine: true,
      status: 'open',
      limit: OPEN_PAGE_COUNT_LIMIT,
    });
    return items.length;
  }, [api]);
  useIncidentsSignal(signal => {
    if (['pages', 'acknowledged'].includes(signal.kind)) state.retry();
  });
  useInterval(state.retry, POLL_MS);
  return state.value;
}
