import Button from '@material-ui/core/Button';
import WhatshotIcon from '@material-ui/icons/Whatshot';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Incident,
  incidentCreatePermission,
} from '@firebreak/plugin-incidents-common';
import { useState } from 'react';
import { DeclareIncidentDialog } from '../DeclareIncidentDialog';
import { PermissionTooltip } from '../PermissionTooltip';

/** Props of {@link DeclareIncidentButton}. @public */
export interface DeclareIncidentButtonProps {
  /** Prefills the affected entities. */
  entityRefs?: string[];
  onDeclared(incident: Incident): void;
}

/**
 * The "Declare incident" button and its dialog; disabled without the
 * `incident.create` permission.
 *
 * @public
 */
export function DeclareIncidentButton(props: DeclareIncidentButtonProps) {
  const { entityRefs, onDeclared } = props;
  const [open, setOpen] = useState(false);
  const { allowed, loading } = usePermission({
    permission: incidentCreatePermission,
  });

  const button = (
    <Button
      variant="contained"
      color="secondary"
      startIcon={<WhatshotIcon />}
      onClick={() => setOpen(true)}
      disabled={!allowed}
    >
      Declare incident
    </Button>
  );

  return (
    <>
      <PermissionTooltip
        permission={incidentCreatePermission}
        allowed={allowed}
        loading={loading}
      >
        {button}
      </PermissionTooltip>
      <DeclareIncidentDialog
        open={open}
        onClose={() => setOpen(false)}
        initialEntityRefs={entityRefs}
        onDeclared={incident => {
          setOpen(false);
          onDeclared(incident);
        }}
      />
    </>
  );
}
