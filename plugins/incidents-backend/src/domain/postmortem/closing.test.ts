import { checkClose } from './closing';
import { decideSave, decideStatus, initialSectionVersions } from './save';
import { PostmortemSections } from '@firebreak/plugin-incidents-common';

const item = (over: Record<string, unknown>) => ({
  id: 'i1',
  priority: 'P0' as const,
  title: 'Add alert',
  status: 'open' as const,
  ownerRef: 'group:default/payments',
  dueAt: '2026-12-10T00:00:00.000Z',
  ...over,
});

describe('checkClose', () => {
  it('does not gate SEV3 and SEV4', () => {
    expect(checkClose({ severity: 'SEV3', actionItems: [] }).ready).toBe(true);
  });

  it('names every missing piece of a SEV1', () => {
    const check = checkClose({
      severity: 'SEV1',
      postmortemStatus: 'in_review',
      actionItems: [
        item({ id: 'a', ownerRef: undefined }),
        item({
          id: 'b',
          title: 'Runbook',
          dueAt: undefined,
          ownerRef: undefined,
        }),
        item({ id: 'c', priority: 'P1', ownerRef: undefined }),
        item({ id: 'd', status: 'wont_do', dueAt: undefined }),
      ],
    });
    expect(check.ready).toBe(false);
    expect(check.messages).toEqual([
      'the postmortem is in review, not published',
      "P0 action item 'Add alert' has no owner team",
      "P0 action item 'Runbook' has no owner team",
      "P0 action item 'Runbook' has no due date",
    ]);
  });

  it('asks for a postmortem when there is none, and is ready once published', () => {
    expect(checkClose({ severity: 'SEV2', actionItems: [] }).blockers).toEqual([
      { kind: 'postmortem-missing' },
    ]);
    expect(
      checkClose({
        severity: 'SEV2',
        postmortemStatus: 'published',
        actionItems: [item({})],
      }),
    ).toEqual({ applies: true, ready: true, blockers: [], messages: [] });
  });
});

describe('decideSave', () => {
  const sections = {
    summary: 's',
    impact: 'i',
    timeline: 't',
    rootCause: 'r',
    wentWell: 'w',
    wentPoorly: 'p',
    actionItems: '',
    prevention: 'pr',
    lessons: '',
  } as PostmortemSections;
  const v1 = {
    status: 'draft' as const,
    sections,
    sectionVersions: initialSectionVersions(),
    version: 1,
  };

  it('bumps the version and the versions of changed sections only', () => {
    const saved = decideSave(v1, {
      expectedVersion: 1,
      sections: { rootCause: 'DNS', summary: 's' },
    });
    expect(saved).toMatchObject({
      ok: true,
      changed: ['rootCause'],
      version: 2,
    });
    expect(saved).toMatchObject({
      sectionVersions: { rootCause: 2, summary: 1 },
    });
  });

  it('refuses a stale save naming the sections changed since', () => {
    const v3 = {
      ...v1,
      version: 3,
      sectionVersions: { ...v1.sectionVersions, rootCause: 2, lessons: 3 },
    };
    const stale = decideSave(v3, {
      expectedVersion: 2,
      sections: { wentWell: 'x' },
    });
    expect(stale).toMatchObject({
      ok: false,
      reason: 'stale',
      changedSince: ['lessons'],
      currentVersion: 3,
    });
    expect(stale).toMatchObject({
      message: expect.stringContaining('9. Lessons Learned'),
    });
  });

  it('refuses edits to a published postmortem', () => {
    expect(
      decideSave(
        { ...v1, status: 'published' },
        { expectedVersion: 1, sections: {} },
      ),
    ).toMatchObject({ ok: false, reason: 'published' });
  });
});

describe('decideStatus', () => {
  it('goes draft -> in review -> published, never back from published', () => {
    expect(decideStatus('draft', 'in_review').ok).toBe(true);
    expect(decideStatus('in_review', 'published').ok).toBe(true);
    expect(decideStatus('in_review', 'draft').ok).toBe(true);
    expect(decideStatus('draft', 'published')).toMatchObject({
      ok: false,
      allowed: ['in_review'],
    });
    expect(decideStatus('published', 'draft')).toMatchObject({
      ok: false,
      allowed: [],
    });
  });
});
