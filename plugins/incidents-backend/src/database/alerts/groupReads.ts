import { GroupRow, IncidentInfo } from './alertRows';
import { Db, chunks, groupKeyOf } from './sql';

/** Claims and incidents as read (and locked) by a write. */
export interface GroupsAndIncidents {
  /** By {@link groupKeyOf}. */
  groups: Map<string, GroupRow>;
  incidents: Map<string, IncidentInfo>;
}

/**
 * Group rows (locked: deliveries of one group take turns) and their incidents. The
 * incidents are read by a second statement on purpose: when the lock waited for another
 * transaction, PostgreSQL returns the group row as that transaction left it, but the
 * columns of a joined table as they were before, so a join would show a just-declared
 * incident as missing (and the group would claim a second one).
 */
export async function readGroups(
  db: Db,
  hashes: string[],
  options: { lock?: boolean } = {},
): Promise<GroupsAndIncidents> {
  const groups = new Map<string, GroupRow>();
  for (const chunk of chunks([...hashes].sort())) {
    if (chunk.length === 0) continue;
    const query = db<GroupRow>('alert_incident_groups')
      .whereIn('group_hash', chunk)
      .orderBy(['group_hash', 'entity_ref']);
    if (options.lock) {
      // The completion of a group's declaration (which updates the row) waits for the
      // deliveries holding it, and so sees their alerts.
      query.forUpdate();
    }
    for (const row of (await query) as GroupRow[]) {
      groups.set(groupKeyOf(row.entity_ref, row.group_hash), row);
    }
  }
  const incidents = await readIncidents(
    db,
    [...groups.values()].map(g => g.incident_id),
  );
  return { groups, incidents };
}

/** Adds the claims and incidents of `more` to `into`. */
export function mergeGroupsAndIncidents(
  into: GroupsAndIncidents,
  more: GroupsAndIncidents,
): void {
  for (const [k, v] of more.groups) into.groups.set(k, v);
  for (const [k, v] of more.incidents) into.incidents.set(k, v);
}

export async function readIncidents(
  db: Db,
  ids: (string | null | undefined)[],
  options: { lock?: boolean } = {},
): Promise<Map<string, IncidentInfo>> {
  const unique = [
    ...new Set(ids.filter((id): id is string => Boolean(id))),
  ].sort();
  const found = new Map<string, IncidentInfo>();
  for (const chunk of chunks(unique)) {
    const query = db('incidents')
      .whereIn('id', chunk)
      .orderBy('id')
      .select('id', 'number', 'phase', 'severity', 'version', 'restricted');
    if (options.lock) {
      query.forUpdate();
    }
    for (const row of await query) {
      found.set(row.id, {
        id: row.id,
        number: Number(row.number),
        phase: row.phase,
        severity: row.severity,
        version: Number(row.version),
        restricted: Boolean(row.restricted),
      });
    }
  }
  return found;
}
