import { DEFAULT_SEVERITY_LEVELS, SEVERITIES, severityRank } from './severity';

describe('severity policy (the spec tables as data)', () => {
  it.each([
    ['SEV1', 15, 15, 60, 4 * 60],
    ['SEV2', 60, 60, 4 * 60, 24 * 60],
    ['SEV3', 4 * 60, 4 * 60, 24 * 60, 7 * 24 * 60],
    ['SEV4', 24 * 60, 24 * 60, 7 * 24 * 60, 30 * 24 * 60],
  ] as const)(
    '%s: response %d min, acknowledge %d, mitigation %d, resolution %d',
    (id, response, ack, mitigation, resolution) => {
      const level = DEFAULT_SEVERITY_LEVELS[id];
      expect(level.responseTimeMinutes).toBe(response);
      expect(level.sla).toEqual({
        acknowledgeMinutes: ack,
        mitigationMinutes: mitigation,
        resolutionMinutes: resolution,
      });
    },
  );

  it('requires postmortems for SEV1 within 48 hours and SEV2 within a week only', () => {
    expect(DEFAULT_SEVERITY_LEVELS.SEV1.postmortem).toEqual({
      required: true,
      dueWithinMinutes: 48 * 60,
    });
    expect(DEFAULT_SEVERITY_LEVELS.SEV2.postmortem).toEqual({
      required: true,
      dueWithinMinutes: 7 * 24 * 60,
    });
    expect(DEFAULT_SEVERITY_LEVELS.SEV3.postmortem.required).toBe(false);
    expect(DEFAULT_SEVERITY_LEVELS.SEV4.postmortem.required).toBe(false);
  });

  it('ranks SEV1 as the most severe', () => {
    expect(
      [...SEVERITIES].sort((a, b) => severityRank(b) - severityRank(a)),
    ).toEqual(['SEV4', 'SEV3', 'SEV2', 'SEV1']);
  });

  it('carries the communication duties and examples of the spec', () => {
    expect(DEFAULT_SEVERITY_LEVELS.SEV1.communication).toContain(
      'Immediate executive notification',
    );
    expect(DEFAULT_SEVERITY_LEVELS.SEV2.examples).toContain('Region outage');
    expect(DEFAULT_SEVERITY_LEVELS.SEV4.communication).toEqual([
      'Internal tracking only',
    ]);
  });
});
