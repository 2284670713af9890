import Tooltip from '@material-ui/core/Tooltip';
import { ReactElement } from 'react';

/** A permission, by its name (the plugin's permissions are in incidents-common). */
type Permission = { name: string };

const RESPONDERS =
  'by default, only its responders (the declarer, role holders and paged people) and the owners of the services it affects can';

/** Why a control is disabled, by the permission the policy denied (its default decisions). */
const REASONS: Record<string, string> = {
  'incident.create': 'You need incident.create to declare incidents.',
  'incident.update': `You need incident.update on this incident: ${RESPONDERS} edit it.`,
  'incident.role.assign': `You need incident.role.assign on this incident: ${RESPONDERS} assign its roles.`,
  'incident.page': `You need incident.page on this incident: ${RESPONDERS} page people for it.`,
  'incident.postmortem.update': `You need incident.postmortem.update on this incident: ${RESPONDERS} edit its postmortem.`,
  'incident.postmortem.publish': `You need incident.postmortem.publish on this incident: ${RESPONDERS} publish its postmortem, and leadership.`,
  'incident.actionItem.update': `You need incident.actionItem.update on this incident: ${RESPONDERS} edit its action items.`,
  'incident.comms.publish': `You need incident.comms.publish on this incident: ${RESPONDERS} post its updates.`,
  'incident.alert.route': 'You need incident.alert.route to route alerts.',
  'incident.insights.read':
    'You need incident.insights.read to see the insights: by default, leadership and the responder groups have it.',
};

/** The sentence saying why `permission` was denied. */
export function deniedReason(permission: Permission): string {
  return (
    REASONS[permission.name] ?? `You need the ${permission.name} permission.`
  );
}

/**
 * `children` (a control disabled when `allowed` is false) with a tooltip saying which
 * permission is missing and who has it; nothing extra while the decision is loading or when
 * the control is allowed.
 */
export function PermissionTooltip(props: {
  permission: Permission;
  allowed: boolean;
  loading?: boolean;
  children: ReactElement;
}) {
  const { permission, allowed, loading, children } = props;
  if (allowed || loading) return children;
  return (
    <Tooltip title={deniedReason(permission)}>
      {/* A disabled button gets no pointer events: the span takes the hover. */}
      <span>{children}</span>
    </Tooltip>
  );
}
