import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { PHASE_INFO, severityRank } from '@firebreak/plugin-incidents-common';
import { useIncidentLink, useIncidentList } from '../../hooks';
import { RelativeTime } from '../RelativeTime';
import { SeverityChip } from '../SeverityChip';

const useStyles = makeStyles(theme => ({
  item: {
    gap: theme.spacing(1.5),
    alignItems: 'flex-start',
    overflowWrap: 'anywhere',
  },
  chip: { marginTop: 2 },
}));

/**
 * Entity overview card: the incidents currently open against the entity, most severe first.
 *
 * @public
 */
export function EntityOpenIncidentsCard() {
  const classes = useStyles();
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const open = useIncidentList({ entityRef, status: 'open', limit: 10 });
  const incidentLink = useIncidentLink();
  const incidents = [...open.items].sort(
    (a, b) => severityRank(a.severity) - severityRank(b.severity),
  );

  return (
    <InfoCard title="Open incidents" variant="gridItem">
      {open.loading && <Progress />}
      {open.error && <ResponseErrorPanel error={open.error} />}
      {!open.loading && !open.error && incidents.length === 0 && (
        <Typography color="textSecondary">No open incidents.</Typography>
      )}
      {incidents.length > 0 && (
        <List dense disablePadding aria-label="Open incidents">
          {incidents.map(incident => (
            <ListItem key={incident.id} disableGutters className={classes.item}>
              <span className={classes.chip}>
                <SeverityChip severity={incident.severity} />
              </span>
              <ListItemText
                primary={
                  incidentLink ? (
                    <Link to={incidentLink(incident.ref)}>
                      {incident.ref} {incident.title}
                    </Link>
                  ) : (
                    `${incident.ref} ${incident.title}`
                  )
                }
                secondary={
                  incident.phase === 'declared' ? (
                    // The phase already says it: "Declared 14m ago".
                    <RelativeTime
                      value={incident.declaredAt}
                      prefix="Declared "
                    />
                  ) : (
                    <>
                      {PHASE_INFO[incident.phase]?.title ?? incident.phase} ·{' '}
                      <RelativeTime
                        value={incident.declaredAt}
                        prefix="declared "
                      />
                    </>
                  )
                }
              />
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
}
