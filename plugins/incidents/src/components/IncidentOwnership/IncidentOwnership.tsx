import { EntityLink } from '../EntityLink';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { IncidentEntity } from '@firebreak/plugin-incidents-common';
import { owningGroups } from '../../utils';

const useStyles = makeStyles(theme => ({
  heading: {
    marginTop: theme.spacing(2),
    '&:first-child': { marginTop: 0 },
  },
  owners: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
  cell: { wordBreak: 'break-word' },
}));

function EntitiesTable(props: { label: string; entities: IncidentEntity[] }) {
  const classes = useStyles();
  return (
    <Table size="small" aria-label={props.label}>
      <TableHead>
        <TableRow>
          <TableCell>Entity</TableCell>
          <TableCell>Owner</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.entities.map(entity => (
          <TableRow key={entity.entityRef}>
            <TableCell className={classes.cell}>
              <EntityLink entityRef={entity.entityRef} />
            </TableCell>
            <TableCell className={classes.cell}>
              {entity.ownerRef ? (
                <EntityLink entityRef={entity.ownerRef} defaultKind="group" />
              ) : (
                <Typography variant="body2" color="textSecondary">
                  No owner
                </Typography>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Props of {@link IncidentOwnership}. @public */
export interface IncidentOwnershipProps {
  entities: IncidentEntity[];
}

/**
 * Owners and blast radius: the affected entities with their owning groups (resolved by the
 * backend, falling back to the system's and domain's owner), and the downstream entities that
 * depend on them, with theirs.
 *
 * @public
 */
export function IncidentOwnership(props: IncidentOwnershipProps) {
  const { entities } = props;
  const classes = useStyles();
  const affected = entities.filter(e => e.relation === 'affected');
  const downstream = entities.filter(e => e.relation === 'downstream');
  const owners = owningGroups(entities);

  return (
    <div>
      <Typography
        variant="subtitle2"
        component="h3"
        className={classes.heading}
      >
        Owning teams
      </Typography>
      {owners.length > 0 ? (
        <div className={classes.owners}>
          {owners.map(owner => (
            <EntityLink key={owner} entityRef={owner} defaultKind="group" />
          ))}
        </div>
      ) : (
        <Typography variant="body2" color="textSecondary">
          No affected entity has an owning group.
        </Typography>
      )}
      <Typography
        variant="subtitle2"
        component="h3"
        className={classes.heading}
      >
        Affected ({affected.length})
      </Typography>
      <EntitiesTable label="Affected entities" entities={affected} />
      <Typography
        variant="subtitle2"
        component="h3"
        className={classes.heading}
      >
        Downstream ({downstream.length})
      </Typography>
      {downstream.length > 0 ? (
        <EntitiesTable label="Downstream entities" entities={downstream} />
      ) : (
        <Typography variant="body2" color="textSecondary">
          Nothing in the catalog depends on the affected entities.
        </Typography>
      )}
    </div>
  );
}
