import {
  CHECKLIST,
  CHECKLIST_PHASES,
  checklistFor,
  findChecklistItem,
} from './checklists';
import { ROLES, ROLE_IDS, roleJoiningOn } from './roles';

describe('roles', () => {
  it('has the eight roles of the spec, each with a title', () => {
    expect(ROLE_IDS).toHaveLength(8);
    for (const id of ROLE_IDS) {
      expect(ROLES[id].id).toBe(id);
      expect(ROLES[id].title).toBeTruthy();
    }
  });

  it('brings the FinOps specialist for cost and the privacy officer for data exposure', () => {
    expect(roleJoiningOn('costImpact')).toBe('finops-specialist');
    expect(roleJoiningOn('dataExposure')).toBe('privacy-officer');
  });
});

describe('checklists', () => {
  it('has unique ids, known phases and responsible roles', () => {
    expect(new Set(CHECKLIST.map(i => i.id)).size).toBe(CHECKLIST.length);
    const phases = CHECKLIST_PHASES.map(p => p.id);
    for (const item of CHECKLIST) {
      expect(phases).toContain(item.phase);
      expect([...ROLE_IDS, 'team']).toContain(item.responsible);
    }
  });

  it('follows the spec: who investigates, contains, validates, rolls out, talks to customers, reviews', () => {
    const who = (id: string) => findChecklistItem(id)?.responsible;
    expect(who('investigate-logs-metrics')).toBe('observability-incident-lead');
    expect(who('contain-impact')).toBe('developer-enablement-lead');
    expect(who('implement-fix')).toBe('developer-enablement-lead');
    expect(who('validate-in-staging')).toBe('qa-strategist');
    expect(who('controlled-rollout')).toBe('release-manager');
    expect(who('notify-customers')).toBe('customer-success-lead');
    expect(who('update-status-page')).toBe('incident-commander');
    expect(who('document-timeline')).toBe('observability-incident-lead');
  });

  it('adds the flagged items and keeps SEV4 to its backlog item', () => {
    const sev2 = checklistFor({ severity: 'SEV2' }).map(i => i.id);
    expect(sev2).not.toContain('assess-cost-impact');
    expect(sev2).toContain('executive-summary');
    expect(checklistFor({ severity: 'SEV3' }).map(i => i.id)).not.toContain(
      'executive-summary',
    );
    expect(
      checklistFor({
        severity: 'SEV2',
        costImpact: true,
        dataExposure: true,
      }).map(i => i.id),
    ).toEqual(
      expect.arrayContaining(['assess-cost-impact', 'assess-data-exposure']),
    );
    expect(checklistFor({ severity: 'SEV4' }).map(i => i.id)).toEqual([
      'track-in-backlog',
    ]);
  });
});
