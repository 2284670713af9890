import { Link } from '@backstage/core-components';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { Incident } from '@firebreak/plugin-incidents-common';
import { useIncidentLink } from '../../hooks';

// A title without spaces wraps rather than pushing the page sideways.
const useStyles = makeStyles({
  message: { overflowWrap: 'anywhere', minWidth: 0 },
});

/** Confirms a declaration with the new incident's reference. */
export function DeclaredBanner(props: { incident: Incident; onClose(): void }) {
  const { incident, onClose } = props;
  const incidentLink = useIncidentLink();
  const classes = useStyles();
  return (
    <Alert severity="success" onClose={onClose} classes={classes}>
      Declared{' '}
      {incidentLink ? (
        <Link to={incidentLink(incident.ref)}>{incident.ref}</Link>
      ) : (
        <strong>{incident.ref}</strong>
      )}
      : {incident.title}
    </Alert>
  );
}
