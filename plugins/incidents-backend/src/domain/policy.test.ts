import { ConfigReader } from '@backstage/config';
import { DEFAULT_SEVERITY_LEVELS } from '@firebreak/plugin-incidents-common';
import { readSeverityOverrides, resolvePolicy } from './policy';

const config = (severities: object) =>
  new ConfigReader({ incidents: { severities } });

describe('resolvePolicy', () => {
  it('serves the spec defaults, most severe first', () => {
    const policy = resolvePolicy();
    expect(policy.severities.map(s => s.id)).toEqual([
      'SEV1',
      'SEV2',
      'SEV3',
      'SEV4',
    ]);
    expect(policy.severities[0]).toEqual(DEFAULT_SEVERITY_LEVELS.SEV1);
    expect(policy.severities[1].sla).toEqual({
      acknowledgeMinutes: 60,
      mitigationMinutes: 240,
      resolutionMinutes: 1440,
    });
  });

  it('applies overrides field by field', () => {
    const policy = resolvePolicy({
      SEV2: {
        title: 'High',
        sla: { acknowledgeMinutes: 30 },
        postmortem: { dueWithinMinutes: 2880 },
      },
    });
    const sev2 = policy.severities[1];
    expect(sev2.title).toBe('High');
    expect(sev2.definition).toBe(DEFAULT_SEVERITY_LEVELS.SEV2.definition);
    expect(sev2.sla).toEqual({
      acknowledgeMinutes: 30,
      mitigationMinutes: 240,
      resolutionMinutes: 1440,
    });
    expect(sev2.postmortem).toEqual({ required: true, dueWithinMinutes: 2880 });
    expect(policy.severities[0]).toEqual(DEFAULT_SEVERITY_LEVELS.SEV1);
  });

  it('drops the default deadline of a postmortem made optional', () => {
    const policy = resolvePolicy({ SEV1: { postmortem: { required: false } } });
    expect(policy.severities[0].postmortem).toEqual({ required: false });
  });

  it('does not share arrays with the defaults', () => {
    const policy = resolvePolicy();
    policy.severities[0].examples.push('mutated');
    expect(DEFAULT_SEVERITY_LEVELS.SEV1.examples).not.toContain('mutated');
  });
});

describe('readSeverityOverrides', () => {
  it('returns nothing without config', () => {
    expect(readSeverityOverrides(new ConfigReader({}))).toEqual({});
  });

  it('reads durations in every supported form', () => {
    const overrides = readSeverityOverrides(
      config({
        SEV1: {
          title: 'Sev one',
          examples: ['Everything is down'],
          communication: ['Page the CTO'],
          responseTime: '10m',
          sla: {
            acknowledge: { minutes: 5 },
            mitigation: 'PT2H',
            resolution: '1 day',
          },
          postmortem: { required: true, dueWithin: { hours: 24 } },
        },
      }),
    );
    expect(resolvePolicy(overrides).severities[0]).toEqual({
      ...DEFAULT_SEVERITY_LEVELS.SEV1,
      title: 'Sev one',
      examples: ['Everything is down'],
      communication: ['Page the CTO'],
      responseTimeMinutes: 10,
      sla: {
        acknowledgeMinutes: 5,
        mitigationMinutes: 120,
        resolutionMinutes: 1440,
      },
      postmortem: { required: true, dueWithinMinutes: 1440 },
    });
  });

  it('refuses unknown severities', () => {
    expect(() =>
      readSeverityOverrides(config({ SEV5: { title: 'x' } })),
    ).toThrow("Invalid config key 'incidents.severities.SEV5'");
  });

  it('refuses malformed and zero durations', () => {
    expect(() =>
      readSeverityOverrides(config({ SEV1: { responseTime: 'soon' } })),
    ).toThrow();
    expect(() =>
      readSeverityOverrides(config({ SEV1: { sla: { acknowledge: '0m' } } })),
    ).toThrow('must be longer than zero');
  });
});
