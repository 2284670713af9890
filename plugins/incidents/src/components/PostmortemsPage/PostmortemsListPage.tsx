import {
  Content,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  POSTMORTEM_STATUSES,
  POSTMORTEM_STATUS_TITLES,
  PostmortemSummary,
  SEVERITIES,
} from '@firebreak/plugin-incidents-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { useEffect, useState } from 'react';
import { ListPostmortemsOptions, incidentsApiRef } from '../../api';
import { PostmortemsTable } from '../PostmortemsTable';

const refOf = (kind: string, value: string) => {
  const v = value.trim();
  if (!v) return undefined;
  return v.includes(':') ? v : `${kind}:default/${v}`;
};

/**
 * The leadership list: postmortems filtered by severity, owning team (with sub-teams),
 * system (with its parts), resolution date range and status (including overdue).
 */
export function PostmortemsListPage() {
  const api = useApi(incidentsApiRef);
  const [severity, setSeverity] = useState('');
  const [status, setStatus] = useState('');
  const [team, setTeam] = useState('');
  const [systemName, setSystemName] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [items, setItems] = useState<PostmortemSummary[]>([]);
  const [cursor, setCursor] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error>();

  const options: ListPostmortemsOptions = {
    limit: 25,
    ...(severity
      ? { severity: severity as ListPostmortemsOptions['severity'] }
      : {}),
    ...(status ? { status: status as ListPostmortemsOptions['status'] } : {}),
    ...(refOf('group', team) ? { ownerRef: refOf('group', team) } : {}),
    ...(refOf('system', systemName)
      ? { entityRef: refOf('system', systemName) }
      : {}),
    ...(from ? { from: `${from}T00:00:00.000Z` } : {}),
    ...(to ? { to: `${to}T23:59:59.999Z` } : {}),
  };
  const key = JSON.stringify(options);

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    api
      .listPostmortems(JSON.parse(key))
      .then(page => {
        if (cancelled) return;
        setItems(page.items);
        setCursor(page.nextCursor);
        setError(undefined);
      })
      .catch(e => !cancelled && setError(e))
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [api, key]);

  const more = async () => {
    const page = await api.listPostmortems({ ...options, cursor });
    setItems(list => [...list, ...page.items]);
    setCursor(page.nextCursor);
  };

  return (
    <Content>
      <InfoCard title="Postmortems">
        <Box display="flex" flexWrap="wrap" gridGap={16} mb={2}>
          <TextField
            select
            label="Severity"
            value={severity}
            onChange={e => setSeverity(e.target.value)}
            style={{ minWidth: 120 }}
          >
            <MenuItem value="">All</MenuItem>
            {SEVERITIES.map(s => (
              <MenuItem key={s} value={s}>
                {s}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            select
            label="Status"
            value={status}
            onChange={e => setStatus(e.target.value)}
            style={{ minWidth: 140 }}
          >
            <MenuItem value="">All</MenuItem>
            {POSTMORTEM_STATUSES.map(s => (
              <MenuItem key={s} value={s}>
                {POSTMORTEM_STATUS_TITLES[s]}
              </MenuItem>
            ))}
            <MenuItem value="overdue">Overdue</MenuItem>
          </TextField>
          <TextField
            label="Owning team"
            placeholder="payments"
            value={team}
            onChange={e => setTeam(e.target.value)}
          />
          <TextField
            label="System"
            placeholder="shop"
            value={systemName}
            onChange={e => setSystemName(e.target.value)}
          />
          <TextField
            label="Resolved from"
            type="date"
            InputLabelProps={{ shrink: true }}
            value={from}
            onChange={e => setFrom(e.target.value)}
          />
          <TextField
            label="Resolved to"
            type="date"
            InputLabelProps={{ shrink: true }}
            value={to}
            onChange={e => setTo(e.target.value)}
          />
        </Box>
        {error && <ResponseErrorPanel error={error} />}
        {loading ? <Progress /> : <PostmortemsTable items={items} />}
        {cursor && (
          <Box mt={2}>
            <Button onClick={more}>Load more</Button>
          </Box>
        )}
      </InfoCard>
    </Content>
  );
}
