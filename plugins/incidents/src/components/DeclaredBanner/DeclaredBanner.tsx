import { Link } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import { Incident } from '@firebreak/plugin-incidents-common';
import { useIncidentLink } from '../../hooks';

/** Confirms a declaration with the new incident's reference. */
export function DeclaredBanner(props: { incident: Incident; onClose(): void }) {
  const { incident, onClose } = props;
  const incidentLink = useIncidentLink();
  return (
    <Alert severity="success" onClose={onClose}>
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
