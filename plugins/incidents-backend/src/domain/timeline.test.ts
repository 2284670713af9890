import { decideTimelineEntry } from './timeline';

const now = new Date('2025-02-06T10:00:00.000Z');

describe('decideTimelineEntry', () => {
  it('appends a note without touching the incident', () => {
    expect(
      decideTimelineEntry({}, { kind: 'note', body: 'Looking at logs' }, now),
    ).toEqual({
      fields: {},
      timeline: [{ kind: 'note', body: 'Looking at logs', details: {} }],
    });
  });

  it('records the mitigation milestone from a mitigated status update', () => {
    expect(
      decideTimelineEntry(
        {},
        { kind: 'status', body: 'Traffic rerouted', mitigated: true },
        now,
      ),
    ).toEqual({
      fields: { mitigatedAt: now.toISOString() },
      timeline: [
        {
          kind: 'status',
          body: 'Traffic rerouted',
          details: { mitigated: true },
        },
      ],
    });
  });

  it('keeps an earlier mitigation time', () => {
    const change = decideTimelineEntry(
      { mitigatedAt: '2025-02-06T09:00:00.000Z' },
      { kind: 'status', body: 'Still mitigated', mitigated: true },
      now,
    );
    expect(change.fields).toEqual({});
  });

  it('does not mark mitigation for a plain status update', () => {
    const change = decideTimelineEntry(
      {},
      { kind: 'status', body: 'Investigating' },
      now,
    );
    expect(change).toEqual({
      fields: {},
      timeline: [{ kind: 'status', body: 'Investigating', details: {} }],
    });
  });

  it('records whether evidence verifies the fix', () => {
    const change = decideTimelineEntry(
      {},
      {
        kind: 'evidence',
        body: 'Error rate back to baseline',
        url: 'https://grafana.example.com/d/abc',
        verifiesFix: true,
      },
      now,
    );
    expect(change.timeline[0].details).toEqual({
      url: 'https://grafana.example.com/d/abc',
      verifiesFix: true,
    });
    expect(
      decideTimelineEntry(
        {},
        { kind: 'evidence', body: 'Dashboard', url: 'https://g.example.com' },
        now,
      ).timeline[0].details,
    ).toEqual({ url: 'https://g.example.com', verifiesFix: false });
  });
});
