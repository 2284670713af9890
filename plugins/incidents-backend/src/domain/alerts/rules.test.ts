import { ConfigReader } from '@backstage/config';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  DEFAULT_ALERT_RULES,
  compileRule,
  evaluateRules,
  readAlertRules,
} from './rules';

const rules = DEFAULT_ALERT_RULES.map(r => compileRule(r));

/** The alerting rules of the shipped Prometheus rules file, with their labels. */
function shippedRules(): { alert: string; labels: Record<string, string> }[] {
  const text = readFileSync(
    path.resolve(
      __dirname,
      '../../../../../examples/alerting/prometheus/rules/firebreak-triggers.yml',
    ),
    'utf8',
  );
  return text
    .split(/\n\s+- alert: /)
    .slice(1)
    .map(block => {
      const alert = block.split('\n')[0].trim();
      const labelBlock = /\n(\s+)labels:\n((?:\1\s+\S.*\n)+)/.exec(block);
      const labels: Record<string, string> = { alertname: alert };
      for (const line of labelBlock?.[2].split('\n') ?? []) {
        const m = /^\s+([a-z_]+):\s*'?([^'\s]+)'?\s*$/.exec(line);
        if (m) labels[m[1]] = m[2];
      }
      return { alert, labels };
    });
}

describe('declaration rules', () => {
  it('declares every shipped trigger at the spec severity', () => {
    const shipped = shippedRules();
    expect(shipped.map(r => r.labels.firebreak_trigger).sort()).toEqual([
      'api_latency_p95',
      'auth_failure_rate',
      'db_connection_failures',
      'error_rate_critical',
      'error_rate_major',
      'feature_availability',
      'payment_failures',
      'security_data_exfiltration',
      'security_unauthorized_access',
      'support_ticket_spike',
    ]);
    const outcome = Object.fromEntries(
      shipped.map(({ labels }) => {
        const o = evaluateRules(rules, {
          source: 'alertmanager',
          labels: { ...labels, service: 'checkout' },
        });
        return [labels.firebreak_trigger, [o.severity, o.restricted, o.roles]];
      }),
    );
    expect(outcome).toEqual({
      error_rate_critical: ['SEV1', false, []],
      auth_failure_rate: ['SEV1', false, []],
      db_connection_failures: ['SEV1', false, []],
      payment_failures: ['SEV1', false, []],
      security_unauthorized_access: ['SEV1', true, ['privacy-officer']],
      security_data_exfiltration: ['SEV1', true, ['privacy-officer']],
      error_rate_major: ['SEV2', false, []],
      api_latency_p95: ['SEV2', false, []],
      feature_availability: ['SEV2', false, []],
      support_ticket_spike: ['SEV2', false, []],
    });
  });

  it('puts both error rate triggers in one incident group', () => {
    const group = (trigger: string, severity: string) =>
      evaluateRules(rules, {
        source: 'alertmanager',
        labels: { firebreak_trigger: trigger, severity },
      }).group;
    expect(group('error_rate_critical', 'sev1')).toBe('error-rate');
    expect(group('error_rate_major', 'sev2')).toBe('error-rate');
    expect(group('payment_failures', 'sev1')).toBeUndefined();
  });

  it('follows the label contract for triggers it does not know', () => {
    const o = evaluateRules(rules, {
      source: 'alertmanager',
      labels: {
        alertname: 'Custom',
        severity: 'sev2',
        firebreak_restricted: 'true',
      },
    });
    expect(o).toMatchObject({
      severity: 'SEV2',
      restricted: true,
      ruleIds: ['severity-label-sev2', 'restricted-label'],
    });
    expect(
      evaluateRules(rules, {
        source: 'alertmanager',
        labels: { severity: 'warning' },
      }),
    ).toEqual({ ruleIds: [], restricted: false, roles: [] });
  });

  it('maps Events v2 severities: critical SEV1, error SEV2, warning and info record only', () => {
    const sev = (severity: string) =>
      evaluateRules(rules, { source: 'events', labels: { severity } }).severity;
    expect([
      sev('critical'),
      sev('error'),
      sev('warning'),
      sev('info'),
    ]).toEqual(['SEV1', 'SEV2', undefined, undefined]);
    // Alertmanager alerts labelled severity=critical are not Events.
    expect(
      evaluateRules(rules, {
        source: 'alertmanager',
        labels: { severity: 'critical' },
      }).severity,
    ).toBeUndefined();
  });

  it('reads rules from config, replacing the defaults', () => {
    const configured = readAlertRules(
      new ConfigReader({
        incidents: {
          alerts: {
            rules: [
              {
                id: 'warnings',
                source: 'events',
                match: { severity: 'warning' },
                severity: 'SEV3',
              },
              {
                id: 'shop',
                match: { service: '/checkout|payments-.*/' },
                severity: 'SEV2',
                roles: ['finops-specialist'],
              },
            ],
          },
        },
      }),
    );
    expect(configured.map(r => r.id)).toEqual(['warnings', 'shop']);
    expect(
      evaluateRules(configured, {
        source: 'events',
        labels: { severity: 'warning' },
      }).severity,
    ).toBe('SEV3');
    expect(
      evaluateRules(configured, {
        source: 'alertmanager',
        labels: { service: 'payments-api' },
      }),
    ).toMatchObject({ severity: 'SEV2', roles: ['finops-specialist'] });
    expect(
      evaluateRules(configured, {
        source: 'alertmanager',
        labels: { service: 'checkout-2' },
      }).severity,
    ).toBeUndefined();
  });

  it('refuses invalid rules at startup', () => {
    const read = (rule: object) => () =>
      readAlertRules(
        new ConfigReader({ incidents: { alerts: { rules: [rule] } } }),
      );
    expect(read({ id: 'a', match: { x: 'y' }, severity: 'SEV9' })).toThrow(
      /severity: 'SEV9'/,
    );
    expect(read({ id: 'a', match: { x: 'y' }, roles: ['boss'] })).toThrow(
      /unknown role 'boss'/,
    );
    expect(read({ id: 'a', match: { x: '/(/' } })).toThrow(
      /invalid regular expression/,
    );
    expect(read({ id: 'a', match: {} })).toThrow(/at least one label/);
    expect(read({ id: 'a', match: { x: 'y' }, source: 'pagerduty' })).toThrow(
      /source/,
    );
    expect(() =>
      readAlertRules(
        new ConfigReader({
          incidents: {
            alerts: {
              rules: [
                { id: 'a', match: { x: 'y' } },
                { id: 'a', match: { x: 'z' } },
              ],
            },
          },
        }),
      ),
    ).toThrow(/duplicate rule id 'a'/);
  });
});
