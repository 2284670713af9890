export { IncidentWorkflow } from './IncidentWorkflow';
export type { IncidentWorkflowProps } from './IncidentWorkflow';
