import {
  Incident,
  timelineEntrySchema,
} from '@firebreak/plugin-incidents-common';
import type { z } from 'zod';
import { IncidentChange } from './types';

/** A user timeline entry after validation. */
export type UserTimelineEntry = z.output<typeof timelineEntrySchema>;

/**
 * The change a user's timeline entry makes: the entry itself, and for a status update that
 * reports impact mitigated, the mitigation milestone when it is not recorded yet (the spec's
 * "mitigation status log").
 */
export function decideTimelineEntry(
  incident: Pick<Incident, 'mitigatedAt'>,
  entry: UserTimelineEntry,
  now: Date,
): IncidentChange {
  if (entry.kind === 'note') {
    return {
      fields: {},
      timeline: [{ kind: 'note', body: entry.body, details: {} }],
    };
  }
  if (entry.kind === 'status') {
    const mitigated = entry.mitigated === true;
    const recordsMitigation = mitigated && !incident.mitigatedAt;
    return {
      fields: recordsMitigation ? { mitigatedAt: now.toISOString() } : {},
      timeline: [
        {
          kind: 'status',
          body: entry.body,
          details: mitigated ? { mitigated: true } : {},
        },
      ],
    };
  }
  return {
    fields: {},
    timeline: [
      {
        kind: 'evidence',
        body: entry.body,
        details: { url: entry.url, verifiesFix: entry.verifiesFix === true },
      },
    ],
  };
}
