export { IncidentPages } from './IncidentPages';
export type { IncidentPagesProps } from './IncidentPages';
export { PageStatus } from './PageStatus';
