export { PermissionTooltip, deniedReason } from './PermissionTooltip';
