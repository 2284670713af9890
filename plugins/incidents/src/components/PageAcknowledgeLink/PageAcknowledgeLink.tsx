import { useApi } from '@backstage/core-plugin-api';
import Alert from '@material-ui/lab/Alert';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { incidentsApiRef } from '../../api';
import { errorMessage } from '../../utils';

/** The query parameter of a page notification's link (`?acknowledgePage=<page id>`). */
export const ACKNOWLEDGE_PAGE_PARAM = 'acknowledgePage';

/**
 * Acknowledges the page named in the URL, once: a page notification links to its incident
 * with `?acknowledgePage=<id>`, so opening the notification is the acknowledgement. Says what
 * happened, drops the parameter (a reload does not acknowledge again) and lets the page
 * refresh what the acknowledgement changed.
 */
export function PageAcknowledgeLink(props: { onAcknowledged: () => void }) {
  const { onAcknowledged } = props;
  const api = useApi(incidentsApiRef);
  const [params, setParams] = useSearchParams();
  const pageId = params.get(ACKNOWLEDGE_PAGE_PARAM);
  const started = useRef<string>();
  const [outcome, setOutcome] = useState<
    { ok: true; by?: string } | { ok: false; message: string }
  >();

  useEffect(() => {
    if (!pageId || started.current === pageId) return;
    started.current = pageId;
    api.acknowledgePage(pageId).then(
      page => {
        setOutcome({ ok: true, by: page.acknowledgedBy });
        onAcknowledged();
      },
      error => setOutcome({ ok: false, message: errorMessage(error) }),
    );
    setParams(
      current => {
        const next = new URLSearchParams(current);
        next.delete(ACKNOWLEDGE_PAGE_PARAM);
        return next;
      },
      { replace: true },
    );
  }, [api, pageId, setParams, onAcknowledged]);

  if (!outcome) return null;
  return outcome.ok ? (
    <Alert
      severity="success"
      role="status"
      onClose={() => setOutcome(undefined)}
    >
      Page acknowledged: it stops escalating.
    </Alert>
  ) : (
    <Alert severity="error" onClose={() => setOutcome(undefined)}>
      Could not acknowledge the page: {outcome.message}
    </Alert>
  );
}
