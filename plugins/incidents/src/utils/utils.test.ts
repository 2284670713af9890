import {
  DEFAULT_SEVERITY_LEVELS,
  Incident,
  TimelineEntry,
} from '@firebreak/plugin-incidents-common';
import { formatDuration, formatMinutes } from './time';
import { slaStatus } from './sla';
import { visitedPhases, workflowTrack } from './workflow';
import { errorMessage } from './errors';
import { owningGroups, sameRef, shortRef } from './refs';
import { formatCount, inSentence } from './text';
import { formatRelative, formatTimestamp, withLocalTimestamps } from './time';
import { fieldComplaints, fieldErrorsOf } from './fieldErrors';

const incident = (patch: Partial<Incident> = {}): Incident => ({
  id: 'a',
  ref: 'INC-1',
  number: 1,
  title: 't',
  summary: '',
  customerImpact: '',
  severity: 'SEV1',
  phase: 'triage',
  regions: [],
  entities: [],
  restricted: false,
  source: 'manual',
  createdBy: 'user:default/guest',
  declaredAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  version: 1,
  ...patch,
});
const at = (minutes: number) =>
  Date.parse('2025-01-01T00:00:00.000Z') + minutes * 60_000;

describe('time', () => {
  it('formats durations compactly', () => {
    expect(formatDuration(45_000)).toBe('45s');
    expect(formatDuration(12 * 60_000)).toBe('12m');
    expect(formatDuration(185 * 60_000)).toBe('3h 5m');
    expect(formatDuration(52 * 3600_000)).toBe('2d 4h');
  });

  it('formats policy targets in the words of the spec', () => {
    expect(formatMinutes(2 / 3)).toBe('40 seconds');
    expect(formatMinutes(15)).toBe('15 minutes');
    expect(formatMinutes(60)).toBe('1 hour');
    expect(formatMinutes(24 * 60)).toBe('24 hours');
    expect(formatMinutes(7 * 24 * 60)).toBe('1 week');
    expect(formatMinutes(30 * 24 * 60)).toBe('30 days');
  });
});

describe('slaStatus', () => {
  const sev1 = DEFAULT_SEVERITY_LEVELS.SEV1;

  it('reports met, breached and remaining clocks', () => {
    const status = slaStatus(
      incident({
        acknowledgedAt: new Date(at(10)).toISOString(),
        mitigatedAt: new Date(at(90)).toISOString(),
      }),
      sev1,
      at(100),
    );
    expect(status.map(s => s.state)).toEqual(['met', 'breached', 'remaining']);
    expect(status[0].detail).toBe('Met in 10m (target 15 minutes)');
    expect(status[1].detail).toMatch(/^Breached by 30m/);
    expect(status[2].detail).toBe('2h 20m remaining (target 4 hours)');
  });

  it('counts an unreached milestone past its target as breached', () => {
    const [ack] = slaStatus(incident(), sev1, at(20));
    expect(ack.state).toBe('breached');
    expect(ack.detail).toBe('Breached: overdue by 5m (target 15 minutes)');
  });
});

describe('workflowTrack', () => {
  it('follows the response path, adding escalation only when taken', () => {
    expect(workflowTrack('triage', 'SEV2')).toEqual([
      'declared',
      'triage',
      'resolution',
      'monitoring',
      'communication',
      'prevention',
      'closed',
    ]);
    expect(workflowTrack('escalated', 'SEV2')).toContain('escalated');
  });

  it('tracks SEV4 in the backlog', () => {
    expect(workflowTrack('declared', 'SEV4')).toEqual([
      'declared',
      'backlog',
      'closed',
    ]);
  });

  it('reads visited phases from transition entries', () => {
    const entries = [
      { kind: 'transition', details: { from: 'triage', to: 'escalated' } },
      { kind: 'note', details: {} },
    ] as unknown as TimelineEntry[];
    expect(visitedPhases(entries)).toEqual(['triage', 'escalated']);
    expect(
      workflowTrack('resolution', 'SEV1', visitedPhases(entries)),
    ).toContain('escalated');
  });
});

describe('errorMessage', () => {
  it('prefers the server message of a ResponseError', () => {
    const error = Object.assign(new Error('Request failed with 400'), {
      name: 'ResponseError',
      cause: { message: 'title is required' },
    });
    expect(errorMessage(error)).toBe('title is required');
    expect(errorMessage(new Error('boom'))).toBe('boom');
  });
});

describe('refs', () => {
  it('shortens refs in the default namespace', () => {
    expect(shortRef('user:default/alice')).toBe('alice');
    expect(shortRef('group:ops/sre')).toBe('ops/sre');
    expect(sameRef('User:default/Alice', 'user:default/alice')).toBe(true);
  });

  it("lists the affected entities' owning groups once, in order", () => {
    expect(
      owningGroups([
        {
          entityRef: 'component:default/a',
          relation: 'affected',
          ownerRef: 'group:default/storefront',
        },
        {
          entityRef: 'component:default/b',
          relation: 'affected',
          ownerRef: 'user:default/alice',
        },
        {
          entityRef: 'component:default/c',
          relation: 'downstream',
          ownerRef: 'group:default/web',
        },
        {
          entityRef: 'component:default/d',
          relation: 'affected',
          ownerRef: 'Group:default/Storefront',
        },
      ]),
    ).toEqual(['group:default/storefront']);
  });
});

describe('text and time', () => {
  it('puts role titles in a sentence', () => {
    expect(inSentence('Incident commander')).toBe('incident commander');
    expect(inSentence('QA strategist')).toBe('QA strategist');
    expect(inSentence('FinOps specialist')).toBe('FinOps specialist');
  });

  it('formats future and past times relative to now', () => {
    const now = Date.parse('2025-01-01T00:00:00.000Z');
    expect(formatRelative('2025-01-01T02:30:00.000Z', now)).toBe('in 2h 30m');
    expect(formatRelative('2024-12-31T23:48:00.000Z', now)).toBe('12m ago');
    expect(formatRelative('2025-01-01T00:00:20.000Z', now)).toBe('now');
  });
});

describe('withLocalTimestamps', () => {
  it('writes ISO timestamps in server text as local date and time', () => {
    const iso = '2026-12-01T07:50:35.435Z';
    const text = withLocalTimestamps(`Paged pat; acknowledge by ${iso}`);
    expect(text).toBe(`Paged pat; acknowledge by ${formatTimestamp(iso)}`);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(withLocalTimestamps('No timestamps here: INC-2024')).toBe(
      'No timestamps here: INC-2024',
    );
  });
});

describe('fieldErrorsOf', () => {
  const badRequest = (message: string) =>
    Object.assign(new Error('Request failed with 400'), {
      name: 'ResponseError',
      statusCode: 400,
      cause: { message },
    });

  it('splits a 400 into per-field complaints, once each', () => {
    expect(
      fieldComplaints(
        badRequest(
          'Invalid request body: url: must be an http(s) URL; url: must be an http(s) URL; note: too long',
        ),
      ),
    ).toEqual([
      { path: 'url', detail: 'must be an http(s) URL' },
      { path: 'note', detail: 'too long' },
    ]);
  });

  it('maps known fields to sentences and leaves the rest to the server', () => {
    const result = fieldErrorsOf<'url'>(
      badRequest('Invalid request body: url: bad; colour: unknown field'),
      { url: () => ['url', 'Enter a link'] },
    );
    expect(result).toEqual({
      fields: { url: 'Enter a link' },
      other: 'The server refused this: colour: unknown field',
    });
    expect(fieldErrorsOf(new Error('Network down'), {})).toEqual({
      fields: {},
      other: 'Network down',
    });
  });
});

describe('formatCount', () => {
  it('says a capped total as "at least", else counts what is shown', () => {
    expect(formatCount({ count: 1000, capped: true }, 25, true)).toBe('1,000+');
    expect(formatCount({ count: 12, capped: false }, 12, false)).toBe('12');
    expect(formatCount(undefined, 50, true)).toBe('50+');
    expect(formatCount(undefined, 3, false)).toBe('3');
  });
});
