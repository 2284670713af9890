import {
  Content,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  SEVERITIES,
  Severity,
  incidentInsightsReadPermission,
} from '@firebreak/plugin-incidents-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { incidentsApiRef } from '../../api';
import { useIncidentLink } from '../../hooks';
import { errorStatus, shortRef } from '../../utils';
import { deniedReason } from '../PermissionTooltip';
import { SeverityChip } from '../SeverityChip';
import { ChartBar, InsightsChart } from './InsightsChart';

const COLORS: Record<string, string> = {
  SEV1: '#b71c1c',
  SEV2: '#e65100',
  SEV3: '#f6c343',
  SEV4: '#757575',
};
const DAY = 24 * 3600_000;
const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const percent = (ratio?: number) =>
  ratio === undefined ? '—' : `${Math.round(ratio * 100)}%`;
function minutes(m?: number): string {
  if (m === undefined) return '—';
  return m >= 120 ? `${Math.round(m / 6) / 10}h` : `${Math.round(m)}m`;
}

/** What the drill-down lists: the incidents behind the bar clicked last. */
interface Drill {
  key: string;
  title: string;
  query: { from: string; to: string; severity?: Severity[]; ownerRef?: string };
}

function Figure(props: { label: string; value: string }) {
  return (
    <Box>
      <Typography variant="h4">{props.value}</Typography>
      <Typography variant="body2" color="textSecondary">
        {props.label}
      </Typography>
    </Box>
  );
}

/**
 * The leadership view: MTTA, MTTR, time to mitigation, SLA compliance per milestone,
 * incidents per week by severity and by owning team, action-item completion, over a
 * selectable range, drawn with recharts; a click on a bar lists the incidents behind it (a
 * week, a week's severity, a team).
 *
 * @public
 */
export function InsightsPage() {
  const api = useApi(incidentsApiRef);
  const incidentLink = useIncidentLink();
  const [from, setFrom] = useState(isoDate(new Date(Date.now() - 84 * DAY)));
  const [to, setTo] = useState(isoDate(new Date(Date.now() + DAY)));
  const [drillInto, setDrillInto] = useState<Drill>();
  const range = { from: `${from}T00:00:00.000Z`, to: `${to}T00:00:00.000Z` };
  const insights = useAsync(() => api.getInsights(range), [api, from, to]);
  const drill = useAsync(async () => {
    if (!drillInto) return undefined;
    return api.getInsightsIncidents(drillInto.query);
  }, [api, drillInto]);

  const data = insights.value;
  const weeks: ChartBar[] = (data?.weeks ?? []).map(w => ({
    key: w.weekStart,
    label: w.weekStart.slice(5),
    values: { ...w.bySeverity, mttr: w.mttrMinutes ?? 0 },
  }));
  /** The incidents declared in the week of `bar`, of one severity when one is given. */
  const drillWeek = (bar: ChartBar, severity?: Severity) => {
    const start = new Date(`${bar.key}T00:00:00.000Z`);
    setDrillInto({
      key: bar.key,
      title: `${
        severity ? `${severity} incidents` : 'Incidents'
      } of the week of ${bar.key}`,
      query: {
        from: start.toISOString(),
        to: new Date(start.getTime() + 7 * DAY).toISOString(),
        ...(severity ? { severity: [severity] } : {}),
      },
    });
  };
  const chart = { selected: drillInto?.key };

  return (
    <Content>
      <Box display="flex" style={{ gap: 16 }} mb={2}>
        <TextField
          label="From"
          type="date"
          InputLabelProps={{ shrink: true }}
          value={from}
          onChange={e => setFrom(e.target.value)}
        />
        <TextField
          label="To"
          type="date"
          InputLabelProps={{ shrink: true }}
          value={to}
          onChange={e => setTo(e.target.value)}
        />
      </Box>
      {insights.loading && <Progress />}
      {insights.error &&
        (errorStatus(insights.error) === 403 ? (
          <Alert severity="info">
            {deniedReason(incidentInsightsReadPermission)}
          </Alert>
        ) : (
          <ResponseErrorPanel error={insights.error} />
        ))}
      {data && (
        <Grid container spacing={3}>
          <Grid item xs={12}>
            <InfoCard title="Response">
              <Box display="flex" flexWrap="wrap" style={{ gap: 48 }}>
                <Figure
                  label="Incidents"
                  value={String(data.totals.incidents)}
                />
                <Figure
                  label="MTTA (to acknowledge)"
                  value={minutes(data.totals.mttaMinutes)}
                />
                <Figure
                  label="Time to mitigation"
                  value={minutes(data.totals.mitigationMinutes)}
                />
                <Figure
                  label="MTTR (detection to resolution)"
                  value={minutes(data.totals.mttrMinutes)}
                />
                {data.sla.map(s => (
                  <Figure
                    key={s.milestone}
                    label={`SLA met: ${s.milestone} (${s.met}/${s.measured})`}
                    value={percent(s.ratio)}
                  />
                ))}
                <Figure
                  label={`Action items done or dropped (${
                    data.actionItems.done + data.actionItems.wontDo
                  }/${data.actionItems.total}, ${
                    data.actionItems.overdue
                  } overdue)`}
                  value={percent(data.actionItems.completion)}
                />
              </Box>
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={6}>
            <InfoCard title="Incidents per week, by severity (click a bar)">
              <InsightsChart
                {...chart}
                label="Incidents per week, by severity"
                bars={weeks}
                series={SEVERITIES.map(s => ({
                  key: s,
                  name: s,
                  color: COLORS[s],
                }))}
                onSelect={(bar, severity) =>
                  drillWeek(bar, severity as Severity)
                }
              />
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={6}>
            <InfoCard title="MTTR per week (minutes)">
              <InsightsChart
                {...chart}
                label="MTTR per week"
                bars={weeks}
                series={[{ key: 'mttr', name: 'MTTR', color: '#1976d2' }]}
                unit="m"
                onSelect={bar => drillWeek(bar)}
              />
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={6}>
            <InfoCard title="Incidents by owning team">
              <InsightsChart
                {...chart}
                label="Incidents by owning team"
                bars={data.byOwner.map(o => ({
                  key: o.ownerRef,
                  label: shortRef(o.ownerRef),
                  values: { incidents: o.incidents },
                }))}
                series={[
                  { key: 'incidents', name: 'Incidents', color: '#6a1b9a' },
                ]}
                onSelect={bar =>
                  setDrillInto({
                    key: bar.key,
                    title: `Incidents of ${bar.label} and its sub-teams`,
                    query: { ...range, ownerRef: bar.key },
                  })
                }
              />
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={6}>
            <InfoCard title={drillInto?.title ?? 'Drill-down'}>
              {!drillInto && (
                <Typography color="textSecondary">
                  Click a bar to list the incidents behind it.
                </Typography>
              )}
              {drill.loading && <Progress />}
              {drill.error && <ResponseErrorPanel error={drill.error} />}
              {drill.value?.items.map(i => (
                <Box
                  key={i.id}
                  display="flex"
                  alignItems="center"
                  style={{ gap: 8 }}
                  mb={1}
                >
                  <SeverityChip severity={i.severity} />
                  {incidentLink ? (
                    <Link to={incidentLink(i.ref)}>{i.ref}</Link>
                  ) : (
                    i.ref
                  )}
                  <Typography variant="body2">{i.title}</Typography>
                </Box>
              ))}
            </InfoCard>
          </Grid>
        </Grid>
      )}
    </Content>
  );
}
