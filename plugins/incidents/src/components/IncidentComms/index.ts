export { IncidentComms } from './IncidentComms';
export type { IncidentCommsProps } from './IncidentComms';
export { CommsUpdateForm } from './CommsUpdateForm';
export type { CommsUpdateFormProps } from './CommsUpdateForm';
