import { Link } from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import AnnouncementIcon from '@material-ui/icons/Announcement';
import ArrowForwardIcon from '@material-ui/icons/ArrowForward';
import AttachFileIcon from '@material-ui/icons/AttachFile';
import ChatBubbleOutlineIcon from '@material-ui/icons/ChatBubbleOutline';
import EditIcon from '@material-ui/icons/Edit';
import NotificationsActiveIcon from '@material-ui/icons/NotificationsActive';
import PersonIcon from '@material-ui/icons/Person';
import SendIcon from '@material-ui/icons/Send';
import TimerIcon from '@material-ui/icons/Timer';
import WarningIcon from '@material-ui/icons/Warning';
import WhatshotIcon from '@material-ui/icons/Whatshot';
import {
  TimelineEntry,
  TimelineKind,
} from '@firebreak/plugin-incidents-common';
import { ComponentType, memo } from 'react';
import { ActorLink } from '../ActorLink';
import { RelativeTime } from '../RelativeTime';
import { safeHref, withLocalTimestamps } from '../../utils';

const KINDS: Record<TimelineKind, { label: string; icon: ComponentType<any> }> =
  {
    declared: { label: 'Declared', icon: WhatshotIcon },
    status: { label: 'Status update', icon: AnnouncementIcon },
    note: { label: 'Note', icon: ChatBubbleOutlineIcon },
    evidence: { label: 'Evidence', icon: AttachFileIcon },
    update: { label: 'Updated', icon: EditIcon },
    transition: { label: 'Workflow', icon: ArrowForwardIcon },
    role: { label: 'Role', icon: PersonIcon },
    page: { label: 'Page', icon: NotificationsActiveIcon },
    alert: { label: 'Alert', icon: WarningIcon },
    comms: { label: 'Communication', icon: SendIcon },
    sla: { label: 'SLA', icon: TimerIcon },
  };

const useStyles = makeStyles(theme => ({
  item: { alignItems: 'flex-start', paddingLeft: 0, paddingRight: 0 },
  icon: { minWidth: 40, marginTop: theme.spacing(1) },
  meta: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  body: { whiteSpace: 'pre-wrap', wordBreak: 'break-word' },
  badges: { display: 'flex', gap: theme.spacing(1), marginTop: 4 },
}));

/**
 * One entry. Memoised: "Load more" appends to the same array, so the entries already shown
 * keep their objects and are not rendered again (a long timeline grows 100 at a time).
 */
const Entry = memo(function TimelineItem(props: { entry: TimelineEntry }) {
  const { entry } = props;
  const classes = useStyles();
  const kind = KINDS[entry.kind] ?? {
    label: entry.kind,
    icon: AnnouncementIcon,
  };
  const Icon = kind.icon;
  const details = entry.details ?? {};
  const url = typeof details.url === 'string' ? details.url : undefined;

  return (
    <ListItem
      component="li"
      className={classes.item}
      data-testid="timeline-entry"
      divider
    >
      <ListItemIcon className={classes.icon}>
        <Icon titleAccess={kind.label} color="action" />
      </ListItemIcon>
      <ListItemText
        disableTypography
        primary={
          <div className={classes.meta}>
            <Typography variant="subtitle2" component="span">
              {kind.label}
            </Typography>
            <Typography
              variant="caption"
              color="textSecondary"
              component="span"
            >
              <ActorLink actor={entry.actor} /> ·{' '}
              <RelativeTime value={entry.at} />
            </Typography>
          </div>
        }
        secondary={
          <>
            <Typography variant="body2" className={classes.body}>
              {withLocalTimestamps(entry.body)}
            </Typography>
            {url && (
              <Typography variant="body2">
                {safeHref(url) ? (
                  <Link to={url} target="_blank" rel="noopener noreferrer">
                    {url}
                  </Link>
                ) : (
                  url
                )}
              </Typography>
            )}
            {(details.mitigated === true || details.verifiesFix === true) && (
              <div className={classes.badges}>
                {details.mitigated === true && (
                  <Chip size="small" label="Impact mitigated" />
                )}
                {details.verifiesFix === true && (
                  <Chip size="small" label="Verifies the fix" />
                )}
              </div>
            )}
          </>
        }
      />
    </ListItem>
  );
});

/** Props of {@link IncidentTimeline}. @public */
export interface IncidentTimelineProps {
  entries: TimelineEntry[];
}

/**
 * An incident's timeline, oldest first: kind icon, actor, time, body, evidence link.
 *
 * @public
 */
export function IncidentTimeline(props: IncidentTimelineProps) {
  const { entries } = props;
  if (entries.length === 0) {
    return (
      <Typography color="textSecondary">
        Nothing on the timeline yet.
      </Typography>
    );
  }
  return (
    <List component="ol" aria-label="Timeline" disablePadding>
      {entries.map(entry => (
        <Entry key={entry.id} entry={entry} />
      ))}
    </List>
  );
}
