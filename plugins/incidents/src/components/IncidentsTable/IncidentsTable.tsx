import { Link } from '@backstage/core-components';
import { EntityLink } from '../EntityLink';
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
import { useIncidentLink, usePostmortemLink } from '../../hooks';
import { formatDuration, formatTimestamp, shortRef } from '../../utils';
import { RelativeTime } from '../RelativeTime';
import { SeverityChip } from '../SeverityChip';
import { SlaDue } from '../SlaDue';

const useStyles = makeStyles(theme => ({
  ref: {
    fontWeight: theme.typography.fontWeightMedium as number,
    whiteSpace: 'nowrap',
  },
  nowrap: { whiteSpace: 'nowrap' },
  // A long title wraps anywhere rather than squeezing the other columns.
  title: { overflowWrap: 'anywhere', minWidth: '12rem' },
  via: { display: 'block' },
  // Whole entity names: a narrow card wraps between them, never inside one.
  entities: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    minWidth: '8rem',
    '& > *': { whiteSpace: 'nowrap' },
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
  /**
   * The entity whose page lists these incidents: an incident that does not affect it but
   * one of its dependencies says "via payments-api (dependency)".
   */
  viewedFrom?: string;
  /** Closed incidents: adds when each was resolved, how long it lasted, its postmortem. */
  history?: boolean;
}

/**
 * The affected entities an incident reaches `entityRef` through as a dependency, when it
 * neither affects it nor one of its parts.
 */
export function dependencyOf(
  incident: Incident,
  entityRef: string | undefined,
): string[] {
  // Found through a part of the entity (or a sub-team): that is where it comes from.
  if (!entityRef || incident.via?.length) return [];
  const affected = incident.entities.filter(e => e.relation === 'affected');
  const ref = entityRef.toLocaleLowerCase('en-US');
  return affected.some(e => e.entityRef.toLocaleLowerCase('en-US') === ref)
    ? []
    : affected.map(e => e.entityRef);
}

/** From declaration to resolution (or closing), e.g. `2h 5m`; undefined while open. */
export function incidentDuration(incident: Incident): string | undefined {
  const end = incident.resolvedAt ?? incident.closedAt;
  return end
    ? formatDuration(Date.parse(end) - Date.parse(incident.declaredAt))
    : undefined;
}

/** Incidents as a table: reference, title, severity, phase, SLA time left, age. @public */
export function IncidentsTable(props: IncidentsTableProps) {
  const { incidents, label, showEntities, emptyMessage, dense, viewedFrom } =
    props;
  const history = !!props.history;
  const classes = useStyles();
  const incidentLink = useIncidentLink();
  const postmortemLink = usePostmortemLink();

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
            <TableCell className={classes.nowrap}>Incident</TableCell>
            <TableCell>Title</TableCell>
            <TableCell className={classes.nowrap}>Severity</TableCell>
            <TableCell className={classes.nowrap}>Phase</TableCell>
            {showEntities && <TableCell>Affected</TableCell>}
            <TableCell className={classes.nowrap}>SLA</TableCell>
            <TableCell className={classes.nowrap}>Declared</TableCell>
            {history && (
              <>
                <TableCell className={classes.nowrap}>Resolved</TableCell>
                <TableCell className={classes.nowrap}>Duration</TableCell>
                <TableCell className={classes.nowrap}>Postmortem</TableCell>
              </>
            )}
          </TableRow>
        </TableHead>
        <TableBody>
          {incidents.map(incident => {
            const via = dependencyOf(incident, viewedFrom);
            const resolvedAt = incident.resolvedAt ?? incident.closedAt;
            return (
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
                <TableCell className={classes.title}>
                  {incidentLink ? (
                    <Link to={incidentLink(incident.ref)}>
                      {incident.title}
                    </Link>
                  ) : (
                    incident.title
                  )}
                  {incident.via?.length ? (
                    <Typography
                      variant="caption"
                      color="textSecondary"
                      className={classes.via}
                      data-testid="incident-part-via"
                    >
                      via {incident.via.map(ref => shortRef(ref)).join(', ')}
                    </Typography>
                  ) : null}
                  {via.length > 0 && (
                    <Typography
                      variant="caption"
                      color="textSecondary"
                      className={classes.via}
                      data-testid="incident-via"
                    >
                      via {via.map(ref => shortRef(ref)).join(', ')}{' '}
                      (dependency)
                    </Typography>
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
                          <EntityLink
                            key={e.entityRef}
                            entityRef={e.entityRef}
                          />
                        ))}
                    </div>
                  </TableCell>
                )}
                <TableCell data-testid="sla-due" className={classes.nowrap}>
                  <SlaDue dueAt={incident.slaDueAt} />
                </TableCell>
                <TableCell className={classes.nowrap}>
                  <RelativeTime value={incident.declaredAt} />
                </TableCell>
                {history && (
                  <>
                    <TableCell className={classes.nowrap}>
                      {resolvedAt ? (
                        <time dateTime={resolvedAt}>
                          {formatTimestamp(resolvedAt)}
                        </time>
                      ) : (
                        '—'
                      )}
                    </TableCell>
                    <TableCell className={classes.nowrap}>
                      {incidentDuration(incident) ?? '—'}
                    </TableCell>
                    <TableCell className={classes.nowrap}>
                      {postmortemLink ? (
                        <Link
                          to={postmortemLink(incident.ref)}
                          aria-label={`Postmortem of ${incident.ref}`}
                        >
                          Postmortem
                        </Link>
                      ) : (
                        '—'
                      )}
                    </TableCell>
                  </>
                )}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
