/**
 * Backstage Search collator of Firebreak incidents and published postmortems.
 *
 * @packageDocumentation
 */
export { searchModuleIncidentsCollator as default } from './module';
export { IncidentsCollatorFactory } from './IncidentsCollatorFactory';
export type { IncidentDocument } from './types';
