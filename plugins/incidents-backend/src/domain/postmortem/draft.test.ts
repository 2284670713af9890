import {
  DEFAULT_SEVERITY_LEVELS,
  Incident,
  TimelineEntry,
} from '@firebreak/plugin-incidents-common';
import { buildPostmortemDraft } from './draft';

const incident: Incident = {
  id: 'a0000000-0000-4000-8000-000000000001',
  ref: 'INC-42',
  number: 42,
  title: 'Checkout errors',
  summary: 'Payments failing',
  customerImpact: '12% of checkouts failed | EU only',
  severity: 'SEV1',
  phase: 'communication',
  regions: ['eu'],
  entities: [
    {
      entityRef: 'component:default/checkout',
      relation: 'affected',
      ownerRef: 'group:default/payments',
    },
    {
      entityRef: 'component:default/cart',
      relation: 'affected',
      ownerRef: 'group:default/payments',
    },
    {
      entityRef: 'component:default/web',
      relation: 'downstream',
      ownerRef: 'group:default/web',
    },
  ],
  restricted: false,
  costImpact: true,
  dataExposure: false,
  commanderRef: 'user:default/alice',
  source: 'alert',
  createdBy: 'user:default/bob',
  declaredAt: '2026-11-27T10:00:00.000Z',
  acknowledgedAt: '2026-11-27T10:10:00.000Z',
  mitigatedAt: '2026-11-27T11:30:00.000Z',
  resolvedAt: '2026-11-27T12:15:00.000Z',
  updatedAt: '2026-11-27T12:15:00.000Z',
  version: 7,
};

let n = 0;
const entry = (
  at: string,
  kind: TimelineEntry['kind'],
  body: string,
  actor: string,
  details: Record<string, unknown> = {},
): TimelineEntry => ({
  id: String(++n),
  incidentId: incident.id,
  at,
  kind,
  body,
  actor,
  details,
});

const timeline: TimelineEntry[] = [
  entry(
    '2026-11-27T10:00:00.000Z',
    'declared',
    'Declared SEV1: Checkout errors',
    'user:default/bob',
  ),
  entry(
    '2026-11-27T09:59:00.000Z',
    'alert',
    'HighErrorRate firing',
    'plugin:default/incidents',
  ),
  entry(
    '2026-11-27T10:00:00.000Z',
    'role',
    'alice assigned as incident commander',
    'plugin:default/incidents',
    {
      role: 'incident-commander',
      userRef: 'user:default/alice',
    },
  ),
  entry(
    '2026-11-27T10:05:00.000Z',
    'note',
    'Looking at dashboards',
    'user:default/alice',
  ),
  entry(
    '2026-11-27T10:40:00.000Z',
    'transition',
    'Root cause found: bad config push',
    'user:default/alice',
    {
      transition: 'root-cause-found',
      note: 'bad config push',
    },
  ),
  entry(
    '2026-11-27T11:30:00.000Z',
    'transition',
    'Deploy fix (full deploy)',
    'user:default/carol',
    {
      transition: 'deploy-full',
    },
  ),
  entry(
    '2026-11-27T12:15:00.000Z',
    'transition',
    'Service recovered',
    'user:default/alice',
    {
      transition: 'recovered',
    },
  ),
];

describe('buildPostmortemDraft', () => {
  const draft = buildPostmortemDraft({
    incident,
    timeline,
    roles: [
      {
        role: 'incident-commander',
        userRef: 'user:default/alice',
        teamRefs: ['group:default/sre', 'Group:default/Payments'],
      },
      {
        role: 'qa-strategist',
        userRef: 'user:default/carol',
        teamRefs: ['group:default/qa'],
      },
    ],
    level: DEFAULT_SEVERITY_LEVELS.SEV1,
    now: new Date('2026-11-27T12:15:00.000Z'),
  });

  it('is due 48 hours after resolution for a SEV1', () => {
    expect(draft.required).toBe(true);
    expect(draft.dueAt).toBe('2026-11-29T12:15:00.000Z');
  });

  it('records the facts of the incident', () => {
    expect(draft.facts).toEqual({
      incidentRef: 'INC-42',
      severity: 'SEV1',
      detectedAt: '2026-11-27T10:00:00.000Z',
      resolvedAt: '2026-11-27T12:15:00.000Z',
      durationMinutes: 135,
      commanderRef: 'user:default/alice',
      // Owners of affected entities, then the role holders' teams, each once.
      teamRefs: [
        'group:default/payments',
        'group:default/sre',
        'group:default/qa',
      ],
      responderRefs: ['user:default/alice', 'user:default/carol'],
      affectedEntityRefs: [
        'component:default/checkout',
        'component:default/cart',
      ],
      customerImpact: '12% of checkouts failed | EU only',
      costImpact: true,
      dataExposure: false,
      sla: [
        {
          milestone: 'acknowledge',
          targetMinutes: 15,
          actualMinutes: 10,
          breached: false,
        },
        {
          milestone: 'mitigation',
          targetMinutes: 60,
          actualMinutes: 90,
          breached: true,
        },
        {
          milestone: 'resolution',
          targetMinutes: 240,
          actualMinutes: 135,
          breached: false,
        },
      ],
    });
  });

  it('prefills sections 1 to 3 (golden)', () => {
    expect(draft.sections.summary).toBe(
      [
        '- **Incident ID:** INC-42',
        '- **Severity:** SEV1',
        '- **Duration:** 2h 15m (2026-11-27 10:00 UTC to 2026-11-27 12:15 UTC)',
        '- **Incident Commander:** alice',
        '- **Teams Involved:** payments, sre, qa',
      ].join('\n'),
    );
    expect(draft.sections.impact).toBe(
      [
        '- **Customer Impact:** 12% of checkouts failed \\| EU only',
        '- **Service Impact:** checkout, cart',
        '- **Revenue Impact:** Cost impact recorded: estimate it here',
        '- **Data Impact:** None recorded',
        '- **SLA Breach:** Yes: time to mitigation (target 1h, took 1h 30m)',
      ].join('\n'),
    );
    expect(draft.sections.timeline).toBe(
      [
        '| Time | Event | Action Taken | Owner |',
        '|------|-------|-------------|-------|',
        '| 2026-11-27 09:59 UTC | Initial detection | HighErrorRate firing | System |',
        '| 2026-11-27 10:00 UTC | Incident declared | Declared SEV1: Checkout errors | bob |',
        '| 2026-11-27 10:00 UTC | Incident commander assigned | alice assigned as incident commander | alice |',
        '| 2026-11-27 10:40 UTC | Root cause identified | bad config push | alice |',
        '| 2026-11-27 11:30 UTC | Mitigation deployed | Deploy fix (full deploy) | carol |',
        '| 2026-11-27 12:15 UTC | Service restored | Service recovered | alice |',
      ].join('\n'),
    );
  });

  it('leaves the spec prompts in the sections people write', () => {
    expect(draft.sections.rootCause).toContain('**What Happened:**');
    expect(draft.sections.rootCause).toContain('- **Underlying Cause:** ');
    expect(draft.sections.prevention).toContain('- **Architecture:** ');
  });

  it('is due a week after resolution for a SEV2 and optional below', () => {
    const sev2 = buildPostmortemDraft({
      incident: { ...incident, severity: 'SEV2' },
      timeline,
      roles: [],
      level: DEFAULT_SEVERITY_LEVELS.SEV2,
      now: new Date('2026-11-27T12:15:00.000Z'),
    });
    expect(sev2.dueAt).toBe('2026-12-04T12:15:00.000Z');
    const sev3 = buildPostmortemDraft({
      incident: { ...incident, severity: 'SEV3' },
      timeline,
      roles: [],
      level: DEFAULT_SEVERITY_LEVELS.SEV3,
      now: new Date('2026-11-27T12:15:00.000Z'),
    });
    expect(sev3.required).toBe(false);
    expect(sev3.dueAt).toBeUndefined();
  });
});
