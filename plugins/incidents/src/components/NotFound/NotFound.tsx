import { Content, EmptyState } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import { Link as RouterLink } from 'react-router-dom';
import { useIncidentsRootLink } from '../../hooks';

/** A path under the incidents page that names nothing: neither a section nor an incident. */
export function NotFound() {
  const root = useIncidentsRootLink();
  return (
    <Content>
      <EmptyState
        missing="info"
        title="Page not found"
        description="There is nothing at this address. Incidents are addressed by their reference, like INC-42."
        action={
          root ? (
            <Button
              variant="contained"
              color="primary"
              component={RouterLink}
              to={root}
            >
              All incidents
            </Button>
          ) : undefined
        }
      />
    </Content>
  );
}
