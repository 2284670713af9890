import { Link } from '@backstage/core-components';
import { SearchDocument } from '@backstage/plugin-search-common';
import { HighlightedSearchResultText } from '@backstage/plugin-search-react';
import { ResultHighlight } from '@backstage/plugin-search-common';
import Chip from '@material-ui/core/Chip';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';

// Shared classes, not `Box`: each Box adds a style sheet of its own, once per result.
const useStyles = makeStyles(theme => ({
  secondary: { display: 'block' },
  chips: {
    display: 'flex',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(0.5),
  },
}));

/** Props of {@link IncidentSearchResultListItem}. @public */
export interface IncidentSearchResultListItemProps {
  result?: SearchDocument;
  highlight?: ResultHighlight;
  rank?: number;
  icon?: ReactNode;
}

/** A search result of type `incidents`: an incident or a published postmortem. @public */
export function IncidentSearchResultListItem(
  props: IncidentSearchResultListItemProps,
) {
  const { result, highlight, icon } = props;
  const classes = useStyles();
  if (!result) return null;
  const doc = result as SearchDocument & {
    kind?: string;
    severity?: string;
    status?: string;
  };
  const text = doc.text.length > 300 ? `${doc.text.slice(0, 300)}…` : doc.text;
  return (
    <ListItem alignItems="flex-start" divider>
      {icon && <ListItemIcon>{icon as JSX.Element}</ListItemIcon>}
      <ListItemText
        primary={
          <Link to={doc.location}>
            {highlight?.fields.title ? (
              <HighlightedSearchResultText
                text={highlight.fields.title}
                preTag={highlight.preTag}
                postTag={highlight.postTag}
              />
            ) : (
              doc.title
            )}
          </Link>
        }
        secondary={
          <span className={classes.secondary}>
            <span className={classes.chips}>
              <Chip
                size="small"
                label={doc.kind === 'postmortem' ? 'Postmortem' : 'Incident'}
              />
              {doc.severity && <Chip size="small" label={doc.severity} />}
              {doc.status && (
                <Chip size="small" variant="outlined" label={doc.status} />
              )}
            </span>
            {highlight?.fields.text ? (
              <HighlightedSearchResultText
                text={highlight.fields.text}
                preTag={highlight.preTag}
                postTag={highlight.postTag}
              />
            ) : (
              text
            )}
          </span>
        }
      />
    </ListItem>
  );
}
