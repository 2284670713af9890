import { IndexableDocument } from '@backstage/plugin-search-common';

/** A search document of an incident or a published postmortem. @public */
export interface IncidentDocument extends IndexableDocument {
  /** Whether the document is an incident or a published postmortem. */
  kind: 'incident' | 'postmortem';
  /** The incident's reference, such as `INC-42`. */
  incidentRef: string;
  /** The incident's severity, such as `SEV2`. */
  severity: string;
  /** The incident's phase, or the postmortem's status. */
  status: string;
  /** References of the catalog entities the incident affects. */
  entityRefs: string[];
}
