import { Incident } from '@firebreak/plugin-incidents-common';
import { IncidentChange, IncidentFieldChanges } from './types';

/** The editable fields of an incident (PATCH body without its version). */
export type IncidentEdits = Pick<
  IncidentFieldChanges,
  | 'title'
  | 'summary'
  | 'customerImpact'
  | 'severity'
  | 'regions'
  | 'costImpact'
  | 'dataExposure'
>;

const EDITABLE_FIELDS = [
  'title',
  'summary',
  'customerImpact',
  'severity',
  'regions',
  'costImpact',
  'dataExposure',
] as const;

/** One field an update changed, as recorded on the timeline. */
export interface FieldChange {
  field: (typeof EDITABLE_FIELDS)[number];
  before: unknown;
  after: unknown;
}

const LABELS: Record<FieldChange['field'], string> = {
  title: 'title',
  summary: 'summary',
  customerImpact: 'customer impact',
  severity: 'severity',
  regions: 'regions',
  costImpact: 'cost impact',
  dataExposure: 'data exposure',
};

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Compares the requested edits with the incident and returns the change to apply, with a
 * timeline entry listing every changed field with its old and new value. Edits that change
 * nothing return undefined so that no write (and no version bump) happens.
 */
export function decideUpdate(
  incident: Pick<Incident, FieldChange['field']>,
  edits: IncidentEdits,
): IncidentChange | undefined {
  const changes: FieldChange[] = [];
  const fields: IncidentFieldChanges = {};
  for (const field of EDITABLE_FIELDS) {
    const after = edits[field];
    if (after === undefined || sameValue(incident[field], after)) {
      continue;
    }
    changes.push({ field, before: incident[field], after });
    Object.assign(fields, { [field]: after });
  }
  if (changes.length === 0) {
    return undefined;
  }

  const described = changes.map(c => {
    if (c.field === 'severity') {
      return `severity ${String(c.before)} → ${String(c.after)}`;
    }
    if (typeof c.after === 'boolean') {
      return `${LABELS[c.field]} ${c.after ? 'flagged' : 'cleared'}`;
    }
    return LABELS[c.field];
  });
  return {
    fields,
    timeline: [
      {
        kind: 'update',
        body: `Updated ${described.join(', ')}`,
        details: { changes: changes.map(c => ({ ...c })) },
      },
    ],
  };
}
