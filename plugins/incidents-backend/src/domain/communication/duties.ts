import {
  CommsAudience,
  CommsDuty,
  Incident,
  SeverityLevel,
  communicationDuties,
} from '@firebreak/plugin-incidents-common';

export interface DutiesPlan {
  /** Duties that are new or changed, to upsert. */
  upsert: CommsDuty[];
  /** Ids of undone duties the severity no longer asks for. */
  remove: string[];
}

/**
 * The communication checklist of an incident at its current severity. At declaration every
 * duty of the severity is due within its response time; after a severity change the duties it
 * adds are due at once, and those it no longer asks for go away unless they were done (a done
 * duty stays, marked retired).
 */
export function planDuties(input: {
  incident: Pick<Incident, 'severity' | 'declaredAt'>;
  level: Pick<SeverityLevel, 'communication' | 'responseTimeMinutes'>;
  stored: CommsDuty[];
  now: Date;
}): DutiesPlan {
  const { incident, level, stored, now } = input;
  const initial = stored.length === 0;
  const dueAt = initial
    ? new Date(
        Date.parse(incident.declaredAt) + level.responseTimeMinutes * 60_000,
      ).toISOString()
    : now.toISOString();
  const wanted = communicationDuties(level);
  const plan: DutiesPlan = { upsert: [], remove: [] };

  for (const definition of wanted) {
    const existing = stored.find(d => d.id === definition.id);
    if (!existing) {
      plan.upsert.push({ ...definition, severity: incident.severity, dueAt });
      continue;
    }
    const next: CommsDuty = {
      ...existing,
      title: definition.title,
      audience: definition.audience,
      optional: definition.optional,
      retired: undefined,
    };
    if (
      next.title !== existing.title ||
      next.optional !== existing.optional ||
      next.audience !== existing.audience ||
      existing.retired
    ) {
      plan.upsert.push(withoutUndefined(next));
    }
  }
  for (const duty of stored) {
    if (wanted.some(d => d.id === duty.id)) continue;
    if (duty.doneAt) {
      if (!duty.retired) plan.upsert.push({ ...duty, retired: true });
    } else {
      plan.remove.push(duty.id);
    }
  }
  return plan;
}

/** The open duties an update to `audience` does (the first one that is still open). */
export function dutiesDoneBy(
  duties: CommsDuty[],
  audience: CommsAudience,
  done: { updateId: string; actor: string; at: Date },
): CommsDuty[] {
  return duties
    .filter(d => d.audience === audience && !d.doneAt)
    .map(d => ({
      ...d,
      doneAt: done.at.toISOString(),
      doneBy: done.actor,
      updateId: done.updateId,
    }));
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}
