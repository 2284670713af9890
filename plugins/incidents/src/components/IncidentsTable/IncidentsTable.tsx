import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Incident, PHASE_INFO } from '@firebreak/plugin-incidents-common';
import { useIncidentLink } from '../../hooks';
import { RelativeTime } from '../RelativeTime';
import { SeverityChip } from '../SeverityChip';
import { SlaDue } from '../SlaDue';

const useStyles = makeStyles(theme => ({
  ref: {
    fontWeight: theme.typography.fontWeightMedium as number,
    whiteSpace: 'nowrap',
  },
  nowrap: { whiteSpace: 'nowrap' },
  entities: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
  empty: { padding: theme.spacing(2, 0) },
  restricted: { marginLeft: theme.spacing(1) },
}));

/** Props of {@link IncidentsTable}. @public */
export interface IncidentsTableProps {
  incidents: Incident[];
  /** Accessible name of the table, e.g. "Open incidents". */
  label: string;
  /** Adds an "Affected" column with the affected entities. */
  showEntities?: boolean;
  emptyMessage?: string;
  /** Compact layout for cards. */
  dense?: boolean;
}

/** Incidents as a table: reference, title, severity, phase, SLA time left, age. @public */
export function IncidentsTable(props: IncidentsTableProps) {
  const { incidents, label, showEntities, emptyMessage, dense } = props;
  const classes = useStyles();
  const incidentLink = useIncidentLink();

  if (incidents.length === 0) {
    return (
      <Typography color="textSecondary" className={classes.empty}>
        {emptyMessage ?? 'No incidents.'}
      </Typography>
    );
  }

  return (
    <TableContainer>
      <Table aria-label={label} size={dense ? 'small' : 'medium'}>
        <TableHead>
          <TableRow>
            <TableCell>Incident</TableCell>
            <TableCell>Title</TableCell>
            <TableCell>Severity</TableCell>
            <TableCell>Phase</TableCell>
            {showEntities && <TableCell>Affected</TableCell>}
            <TableCell>SLA</TableCell>
            <TableCell>Declared</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {incidents.map(incident => (
            <TableRow
              key={incident.id}
              data-testid={`incident-row-${incident.ref}`}
            >
              <TableCell className={classes.ref}>
                {incidentLink ? (
                  <Link to={incidentLink(incident.ref)}>{incident.ref}</Link>
                ) : (
                  incident.ref
                )}
              </TableCell>
              <TableCell>
                {incidentLink ? (
                  <Link to={incidentLink(incident.ref)}>{incident.title}</Link>
                ) : (
                  incident.title
                )}
                {incident.restricted && (
                  <Chip
                    size="small"
                    label="Restricted"
                    className={classes.restricted}
                  />
                )}
              </TableCell>
              <TableCell>
                <SeverityChip severity={incident.severity} />
              </TableCell>
              <TableCell className={classes.nowrap}>
                {PHASE_INFO[incident.phase]?.title ?? incident.phase}
              </TableCell>
              {showEntities && (
                <TableCell>
                  <div className={classes.entities}>
                    {incident.entities
                      .filter(e => e.relation === 'affected')
                      .map(e => (
                        <EntityRefLink
                          key={e.entityRef}
                          entityRef={e.entityRef}
                        />
                      ))}
                  </div>
                </TableCell>
              )}
              <TableCell data-testid="sla-due">
                <SlaDue dueAt={incident.slaDueAt} />
              </TableCell>
              <TableCell className={classes.nowrap}>
                <RelativeTime value={incident.declaredAt} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
