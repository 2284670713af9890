import {
  normalizeAlertmanager,
  parseAlertmanagerPayload,
} from './alertmanager';
import { normalizeEvent, parseEvent, routingKeyOf } from './events';

const amPayload = {
  version: '4',
  groupKey:
    '{}/{severity=~"^(?:sev1|sev2)$"}:{alertname="X", service="checkout"}',
  truncatedAlerts: 0,
  status: 'resolved',
  receiver: 'firebreak',
  groupLabels: { alertname: 'X', service: 'checkout' },
  commonLabels: {},
  commonAnnotations: {},
  externalURL: 'http://alertmanager:9093',
  alerts: [
    {
      status: 'firing',
      labels: { alertname: 'X', service: 'checkout', severity: 'sev1' },
      annotations: {
        summary: 'checkout: X',
        runbook_url: 'https://runbooks/x',
      },
      startsAt: '2026-11-27T10:00:00.123456789Z',
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'http://prometheus:9090/graph?g0.expr=x',
      fingerprint: 'a1b2c3d4e5f60718',
    },
    {
      status: 'resolved',
      labels: { alertname: 'X', service: 'checkout', instance: 'b' },
      annotations: {},
      startsAt: '2026-11-27T10:00:00+02:00',
      endsAt: '2026-11-27T10:05:00Z',
      // eslint-disable-next-line no-script-url
      generatorURL: 'javascript:alert(1)',
    },
  ],
};

describe('Alertmanager adapter', () => {
  it('normalises a webhook payload', () => {
    const [firing, resolved] = normalizeAlertmanager(
      parseAlertmanagerPayload(amPayload),
      { receiver: 'firebreak' },
    );
    expect(firing).toMatchObject({
      source: 'alertmanager',
      scope: 'firebreak',
      dedupKey: 'a1b2c3d4e5f60718',
      groupKey: amPayload.groupKey,
      action: 'fire',
      statusOnly: false,
      name: 'X',
      summary: 'checkout: X',
      startsAt: '2026-11-27T10:00:00.123Z',
      generatorUrl: 'http://prometheus:9090/graph?g0.expr=x',
      actor: 'alertmanager:default/firebreak',
      links: [
        { href: 'http://prometheus:9090/graph?g0.expr=x', text: 'Source' },
        { href: 'https://runbooks/x', text: 'Runbook' },
        { href: 'http://alertmanager:9093', text: 'Alertmanager' },
      ],
    });
    expect(firing.endsAt).toBeUndefined();
    expect(resolved).toMatchObject({
      action: 'resolve',
      startsAt: '2026-11-27T08:00:00.000Z',
      endsAt: '2026-11-27T10:05:00.000Z',
      summary: 'X',
    });
    // No fingerprint: a stable one from the labels; no unsafe links.
    expect(resolved.dedupKey).toMatch(/^[0-9a-f]{16}$/);
    expect(resolved.generatorUrl).toBeUndefined();
    expect(resolved.links.map(l => l.text)).toEqual(['Alertmanager']);
  });

  it('accepts Grafana-managed alert payloads', () => {
    const [alert] = normalizeAlertmanager(
      parseAlertmanagerPayload({
        receiver: 'firebreak',
        status: 'firing',
        orgId: 1,
        alerts: [
          {
            status: 'firing',
            labels: {
              alertname: 'HighErrors',
              grafana_folder: 'Shop',
              service: 'checkout',
            },
            annotations: { description: 'Too many 5xx' },
            startsAt: '2026-11-27T10:00:00Z',
            endsAt: '0001-01-01T00:00:00Z',
            generatorURL: 'https://grafana/alerting/grafana/abc/view',
            fingerprint: '0f0f0f0f0f0f0f0f',
            silenceURL: 'https://grafana/alerting/silence/new',
            dashboardURL: 'https://grafana/d/x',
            panelURL: 'https://grafana/d/x?viewPanel=2',
            values: { B: 0.23 },
            valueString: "[ var='B' value=0.23 ]",
          },
        ],
        groupLabels: { alertname: 'HighErrors' },
        commonLabels: {},
        commonAnnotations: {},
        externalURL: 'https://grafana/',
        version: '1',
        groupKey: '{}:{alertname="HighErrors"}',
        truncatedAlerts: 0,
        title: '[FIRING:1] HighErrors',
        state: 'alerting',
        message: '...',
      }),
      { receiver: 'grafana' },
    );
    expect(alert).toMatchObject({
      summary: 'Too many 5xx',
      details: { receiver: 'firebreak', values: { B: 0.23 } },
      actor: 'alertmanager:default/grafana',
    });
    expect(alert.links.map(l => l.text)).toEqual([
      'Source',
      'Dashboard',
      'Panel',
      'Silence',
      'Alertmanager',
    ]);
  });

  it('names every problem of a malformed payload', () => {
    expect(() => parseAlertmanagerPayload(undefined)).toThrow(
      /expected an Alertmanager webhook payload/,
    );
    expect(() =>
      parseAlertmanagerPayload({
        status: 'firing',
        alerts: [{ status: 'firing', labels: { a: 1 }, startsAt: 'soon' }],
      }),
    ).toThrow(
      /alerts\[0\]\.labels\.a: Expected string.*alerts\[0\]\.startsAt: must be an RFC 3339 timestamp/,
    );
  });
});

describe('Events v2 adapter', () => {
  const now = new Date('2026-11-27T12:00:00Z');

  it('normalises a trigger, with custom details as labels that never override', () => {
    const alert = normalizeEvent(
      parseEvent({
        routing_key: 'k'.repeat(32),
        event_action: 'trigger',
        dedup_key: 'disk-1',
        payload: {
          summary: 'Disk full on db-1',
          source: 'db-1.prod',
          severity: 'error',
          component: 'postgres',
          group: 'prod-db',
          class: 'disk',
          custom_details: {
            service: 'orders',
            severity: 'info',
            free: 0,
            nested: { a: 1 },
          },
        },
        client: 'Nagios',
        client_url: 'https://nagios/db-1',
        links: [{ href: 'https://wiki/disk', text: 'Runbook' }],
        images: [{ src: 'https://graphs/disk.png', alt: 'disk' }],
      }),
      { keyId: 'ops', keyName: 'ops', now },
    );
    expect(alert).toMatchObject({
      source: 'events',
      scope: 'ops',
      dedupKey: 'disk-1',
      groupKey: 'disk-1',
      action: 'fire',
      name: 'disk',
      summary: 'Disk full on db-1',
      labels: {
        service: 'orders',
        free: '0',
        severity: 'error',
        source: 'db-1.prod',
        component: 'postgres',
        group: 'prod-db',
        class: 'disk',
      },
      startsAt: now.toISOString(),
      generatorUrl: 'https://nagios/db-1',
      links: [
        { href: 'https://nagios/db-1', text: 'Nagios' },
        { href: 'https://wiki/disk', text: 'Runbook' },
      ],
      details: {
        customDetails: {
          service: 'orders',
          severity: 'info',
          free: 0,
          nested: { a: 1 },
        },
        images: [{ src: 'https://graphs/disk.png', alt: 'disk' }],
      },
      actor: 'events:default/ops',
      routingKeyName: 'ops',
    });
    expect(alert.labels.nested).toBeUndefined();
  });

  it('makes acknowledge and resolve status-only, and gives a trigger a dedup key', () => {
    const ack = normalizeEvent(
      parseEvent({
        routing_key: 'k',
        event_action: 'acknowledge',
        dedup_key: 'x',
      }),
      { keyId: 'ops', now },
    );
    expect(ack).toMatchObject({
      action: 'acknowledge',
      statusOnly: true,
      dedupKey: 'x',
    });
    const trigger = normalizeEvent(
      parseEvent({
        routing_key: 'k',
        event_action: 'trigger',
        payload: { summary: 's'.repeat(2000), source: 'x', severity: 'info' },
      }),
      { keyId: 'ops', now },
    );
    expect(trigger.dedupKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(trigger.summary).toHaveLength(1024); // truncated like Events v2
  });

  it('finds the routing key before validating, and names problems', () => {
    expect(routingKeyOf({ routing_key: 'abc' })).toBe('abc');
    expect(routingKeyOf({ routing_key: 1 })).toBeUndefined();
    expect(routingKeyOf('x')).toBeUndefined();
    expect(() =>
      parseEvent({
        routing_key: 'k',
        event_action: 'trigger',
        payload: { summary: '', source: 'x', severity: 'bad' },
        extra: 1,
      }),
    ).toThrow(
      /payload\.summary: is required; payload\.severity: Invalid enum value.*extra: unknown field/,
    );
  });
});
