import { IncidentPolicy } from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import { NewIncident } from '../../domain';
import { SlaSettings, declaredSlaDueAt, planSla } from '../../domain/sla';
import {
  IncidentWrite,
  IncidentWriteHook,
  IncidentWriteOutcome,
} from '../writeHooks';
import { readSlaRecords, writeSlaRecords } from './slaRecords';

/**
 * Evaluates the SLA clocks on every write of an incident, at the time of the write: a
 * milestone write records met or breached in its own transaction, and the breach job's
 * (empty) writes record breaches and warnings when clocks run out.
 */
export class SlaWriteHook implements IncidentWriteHook {
  constructor(
    private readonly policy: IncidentPolicy,
    private readonly settings: SlaSettings,
  ) {}

  derivedAtDeclaration(incident: NewIncident): IncidentWriteOutcome['derived'] {
    const level = this.policy.severities.find(s => s.id === incident.severity);
    if (!level) return undefined;
    const slaDueAt = declaredSlaDueAt(
      { ...incident, phase: 'declared' },
      level,
      this.settings,
    );
    return slaDueAt ? { slaDueAt } : undefined;
  }

  async afterWrite(
    trx: Knex.Transaction,
    write: IncidentWrite,
  ): Promise<IncidentWriteOutcome> {
    const { after } = write;
    const level = this.policy.severities.find(s => s.id === after.severity);
    if (!level) {
      return { timeline: [], effects: [] };
    }
    // A declaration has no clocks yet: nothing to read.
    const records = write.before ? await readSlaRecords(trx, after.id) : [];
    const plan = planSla({
      incident: after,
      records,
      level,
      settings: this.settings,
      now: new Date(write.at),
    });
    // The next due time follows every write (a closed incident leaves the SLA order); it is
    // written only when it moved.
    await writeSlaRecords(
      trx,
      after.id,
      plan.records,
      plan.nextDueAt,
      after.slaDueAt,
    );
    return {
      timeline: plan.timeline,
      effects: plan.effects,
      derived: { slaDueAt: plan.nextDueAt },
    };
  }
}
