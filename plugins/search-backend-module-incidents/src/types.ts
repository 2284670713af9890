import { IndexableDocument } from '@backstage/plugin-search-common';

/** A search document of an incident or a published postmortem. @public */
export interface IncidentDocument extends IndexableDocument {
  kind: 'incident' | 'postmortem';
  incidentRef: string;
  severity: string;
  /** The incident's phase, or the postmortem's status. */
  status: string;
  entityRefs: string[];
}
