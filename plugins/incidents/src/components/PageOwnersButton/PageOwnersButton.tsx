import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import NotificationsActiveIcon from '@material-ui/icons/NotificationsActive';
import {
  Incident,
  OnCallPage,
  incidentPagePermission,
} from '@firebreak/plugin-incidents-common';
import { useState } from 'react';
import { PageOwnersDialog } from '../PageOwnersDialog';
import { PermissionTooltip } from '../PermissionTooltip';

/** Props of {@link PageOwnersButton}. @public */
export interface PageOwnersButtonProps {
  /** The incident to page for. */
  incident: Incident;
  /** Called with the pages sent. */
  onPaged(pages: OnCallPage[]): void;
}

/**
 * The "Page owners" button and its dialog; disabled without the `incident.page` permission.
 *
 * @public
 */
export function PageOwnersButton(props: PageOwnersButtonProps) {
  const { incident, onPaged } = props;
  const [open, setOpen] = useState(false);
  const { allowed, loading } = usePermission({
    permission: incidentPagePermission,
    resourceRef: incident.id,
  });
  const button = (
    <Button
      variant="outlined"
      color="secondary"
      size="small"
      startIcon={<NotificationsActiveIcon />}
      onClick={() => setOpen(true)}
      disabled={!allowed}
    >
      Page owners
    </Button>
  );
  return (
    <>
      <PermissionTooltip
        permission={incidentPagePermission}
        allowed={allowed}
        loading={loading}
      >
        {button}
      </PermissionTooltip>
      <PageOwnersDialog
        open={open}
        incident={incident}
        onClose={() => setOpen(false)}
        onPaged={pages => {
          setOpen(false);
          onPaged(pages);
        }}
      />
    </>
  );
}
