import { Link } from '@backstage/core-components';
import { EntityLink } from '../EntityLink';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import OpenInNewIcon from '@material-ui/icons/OpenInNew';
import { AlertStatus, IncidentAlert } from '@firebreak/plugin-incidents-common';
import { ReactNode } from 'react';
import { useIncidentLink } from '../../hooks';
import { RelativeTime } from '../RelativeTime';
import { SeverityChip } from '../SeverityChip';

const useStyles = makeStyles(theme => ({
  item: {
    display: 'block',
    paddingLeft: 0,
    paddingRight: 0,
  },
  heading: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  name: { fontWeight: theme.typography.fontWeightBold as number },
  firing: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  acknowledged: {
    backgroundColor: theme.palette.warning.dark,
    color: theme.palette.warning.contrastText,
  },
  resolved: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  labels: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
    margin: theme.spacing(0.5, 0),
    padding: 0,
    listStyle: 'none',
  },
  label: { fontFamily: 'monospace', fontSize: '0.75rem' },
  annotations: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(1.5),
    rowGap: 2,
    margin: theme.spacing(0.5, 0),
    fontSize: theme.typography.body2.fontSize,
  },
  annotationKey: { color: theme.palette.text.secondary },
  annotationValue: {
    margin: 0,
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
  },
  links: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginTop: theme.spacing(0.5),
  },
  link: { display: 'inline-flex', alignItems: 'center', gap: 4 },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    marginTop: theme.spacing(1),
  },
}));

const STATUS_LABEL: Record<AlertStatus, string> = {
  firing: 'Firing',
  acknowledged: 'Acknowledged',
  resolved: 'Resolved',
};

const isUrl = (value: string) => /^https?:\/\//i.test(value);

function ExternalLink(props: { href: string; children: ReactNode }) {
  const classes = useStyles();
  return (
    <Link
      to={props.href}
      target="_blank"
      rel="noopener noreferrer"
      className={classes.link}
    >
      {props.children}
      <OpenInNewIcon fontSize="inherit" aria-hidden />
    </Link>
  );
}

/** One alert's status as a coloured chip. */
export function AlertStatusChip(props: { status: AlertStatus }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={STATUS_LABEL[props.status] ?? props.status}
      className={classes[props.status]}
    />
  );
}

/** Props of {@link AlertsList}. @public */
export interface AlertsListProps {
  /** The alerts to list, in the order given. */
  alerts: IncidentAlert[];
  /** Accessible name of the list. */
  label: string;
  /** Show the entity each alert is routed to. */
  showEntity?: boolean;
  /** Show the incident each alert belongs to. */
  showIncident?: boolean;
  /** Buttons for an alert (the unrouted inbox's "Route" and "Declare incident"). */
  actions?(alert: IncidentAlert): ReactNode;
}

/**
 * Alerts with their status, labels, annotations and links, the first being the source graph
 * (Prometheus `generatorURL`, Events `client_url`).
 *
 * @public
 */
export function AlertsList(props: AlertsListProps) {
  const { alerts, label, showEntity, showIncident, actions } = props;
  const classes = useStyles();
  const incidentLink = useIncidentLink();

  return (
    <List aria-label={label} disablePadding>
      {alerts.map(alert => {
        const annotations = Object.entries(alert.annotations ?? {}).filter(
          ([key]) => key !== 'summary',
        );
        const labels = Object.entries(alert.labels ?? {});
        return (
          <ListItem
            key={alert.id}
            divider
            className={classes.item}
            data-testid="alert"
            aria-label={`${alert.name} (${STATUS_LABEL[alert.status]})`}
          >
            <div className={classes.heading}>
              <AlertStatusChip status={alert.status} />
              {alert.severity && <SeverityChip severity={alert.severity} />}
              <Typography
                variant="body1"
                component="span"
                className={classes.name}
              >
                {alert.name}
              </Typography>
              <Typography
                variant="caption"
                color="textSecondary"
                component="span"
              >
                <RelativeTime value={alert.startsAt} prefix="started " />
                {alert.endsAt && alert.status === 'resolved' && (
                  <>
                    {' · '}
                    <RelativeTime value={alert.endsAt} prefix="resolved " />
                  </>
                )}
                {alert.occurrences > 1 && ` · fired ${alert.occurrences} times`}
                {` · ${alert.source === 'events' ? 'Events' : 'Alertmanager'}`}
              </Typography>
            </div>
            {alert.summary && alert.summary !== alert.name && (
              <Typography variant="body2">{alert.summary}</Typography>
            )}
            {(showEntity || showIncident) && (
              <Typography variant="body2" color="textSecondary">
                {showEntity && alert.entityRef && (
                  <>
                    On <EntityLink entityRef={alert.entityRef} />{' '}
                  </>
                )}
                {showIncident &&
                  alert.incidentRef &&
                  (incidentLink ? (
                    <Link to={incidentLink(alert.incidentRef)}>
                      {alert.incidentRef}
                    </Link>
                  ) : (
                    alert.incidentRef
                  ))}
              </Typography>
            )}
            {!alert.entityRef && alert.routeNote && (
              <Typography variant="body2" color="textSecondary">
                Unrouted: {alert.routeNote}
              </Typography>
            )}
            {labels.length > 0 && (
              <ul className={classes.labels} aria-label="Labels">
                {labels.map(([key, value]) => (
                  <li key={key}>
                    <Chip
                      size="small"
                      variant="outlined"
                      className={classes.label}
                      label={`${key}=${value}`}
                    />
                  </li>
                ))}
              </ul>
            )}
            {annotations.length > 0 && (
              <dl className={classes.annotations} aria-label="Annotations">
                {annotations.map(([key, value]) => (
                  <div key={key} style={{ display: 'contents' }}>
                    <dt className={classes.annotationKey}>{key}</dt>
                    <dd className={classes.annotationValue}>
                      {isUrl(value) ? (
                        <ExternalLink href={value}>{value}</ExternalLink>
                      ) : (
                        value
                      )}
                    </dd>
                  </div>
                ))}
              </dl>
            )}
            {(alert.generatorUrl || alert.links.length > 0) && (
              <div className={classes.links}>
                {alert.generatorUrl && (
                  <ExternalLink href={alert.generatorUrl}>
                    Source graph
                  </ExternalLink>
                )}
                {alert.links
                  .filter(l => l.href !== alert.generatorUrl)
                  .map(l => (
                    <ExternalLink key={l.href} href={l.href}>
                      {l.text || l.href}
                    </ExternalLink>
                  ))}
              </div>
            )}
            {actions && <div className={classes.actions}>{actions(alert)}</div>}
          </ListItem>
        );
      })}
    </List>
  );
}
