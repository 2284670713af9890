import { OPEN_PHASES } from '@firebreak/plugin-incidents-common';
import { filterFromQuery, phasesForStatus } from './listing';

describe('phasesForStatus', () => {
  it('expands open to every open phase', () => {
    expect(phasesForStatus(['open'])).toEqual(OPEN_PHASES);
    expect(phasesForStatus(['open'])).not.toContain('closed');
  });

  it('combines specific phases with open', () => {
    expect(phasesForStatus(['closed', 'triage'])).toEqual(['triage', 'closed']);
    expect(phasesForStatus(['open', 'closed'])).toHaveLength(
      OPEN_PHASES.length + 1,
    );
  });
});

describe('filterFromQuery', () => {
  it('normalises entity refs and drops empty filters', () => {
    expect(
      filterFromQuery({
        entityRef: ['component:checkout', 'component:default/checkout'],
        status: undefined,
        severity: [],
        q: '',
        limit: 25,
      }),
    ).toEqual({
      entityRefs: ['component:default/checkout'],
      phases: undefined,
      severities: undefined,
      q: undefined,
    });
  });
});
