import {
  SEVERITIES,
  Severity,
  formatIncidentRef,
  refKey,
  severityRank,
} from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import { CommandedIncident, NAMED_COMMANDS } from '../domain/assignment';

/**
 * How far the commands of one person, severity and restriction are counted: beyond it the
 * note says "at least". A storm's commander is read as at most this many index entries per
 * severity, however many incidents they hold.
 */
export const COUNTED_COMMANDS = 100;

/** People per statement: at most 8 branches each, well under SQLite's 500 compound terms. */
const USERS_PER_STATEMENT = 50;

interface CommandRow {
  user_ref: string;
  number: number | string;
  severity: CommandedIncident['severity'];
  restricted: boolean | number;
  commands: number | string;
}

/**
 * The open incidents that these people command (the Incident Commander rule's busy check and
 * its notes): per person, severity and restriction the first {@link NAMED_COMMANDS} by
 * number, the last of them counting the rest (`also`), up to {@link COUNTED_COMMANDS}.
 *
 * Each (person, severity, restriction) is one branch of a `union all` that reads the partial
 * index of open incidents' commanders (migration 20261202000000) in its order: three entries
 * for the names and at most COUNTED_COMMANDS + 1 for the count. The cost is bounded by the
 * number of people and severities, not by how many incidents anyone commands. The names are
 * checked against their incidents (phase and severity), so that a copy left stale by a
 * replica of an older version during an upgrade cannot make someone busy; the count is the
 * copies'.
 */
export async function readOpenCommandedIncidents(
  db: Knex,
  options: {
    userRefs: readonly string[];
    exceptIncidentId?: string;
    /**
     * Only commands of this severity and the more severe ones: the rule never weighs a less
     * severe incident (all severities when not given).
     */
    downTo?: Severity;
    /** Where counting stops (tests); {@link COUNTED_COMMANDS} by default. */
    countUpTo?: number;
  },
): Promise<CommandedIncident[]> {
  const { exceptIncidentId, downTo, countUpTo = COUNTED_COMMANDS } = options;
  const users = [...new Set(options.userRefs.map(refKey))];
  if (users.length === 0) return [];
  const severities = SEVERITIES.filter(
    severity => !downTo || severityRank(severity) <= severityRank(downTo),
  );
  const rows: CommandRow[] = [];
  // SQLite allows 500 terms in one compound select: a long rotation is read in parts.
  for (let at = 0; at < users.length; at += USERS_PER_STATEMENT) {
    const part = users.slice(at, at + USERS_PER_STATEMENT);
    const branches: string[] = [];
    const bindings: Knex.RawBinding[] = [];
    for (const user of part) {
      for (const severity of severities) {
        for (const restricted of [false, true]) {
          const lane = (alias: string) =>
            [
              `lower(${alias}.user_ref) = ?`,
              `${alias}.role = 'incident-commander'`,
              `not ${alias}.incident_closed`,
              `${alias}.incident_severity = ?`,
              `${restricted ? '' : 'not '}${alias}.incident_restricted`,
              ...(exceptIncidentId ? [`${alias}.incident_id <> ?`] : []),
            ].join(' and ');
          const laneBindings = [
            user,
            severity,
            ...(exceptIncidentId ? [exceptIncidentId] : []),
          ];
          // The names are checked against their incidents (a dozen key lookups at most), so
          // that a copy an older replica left stale during an upgrade makes nobody busy. The
          // inner limit keeps the read in the index's order.
          branches.push(
            `select * from (select r.user_ref, r.incident_number as number,
                r.incident_severity as severity, r.incident_restricted as restricted,
                (select count(*) from (select 1 from incident_roles c where ${lane(
                  'c',
                )}
                  limit ${countUpTo + 1}) counted) as commands
              from (select * from incident_roles r where ${lane('r')}
                order by r.incident_number limit ${NAMED_COMMANDS * 4}) r
              join incidents i on i.id = r.incident_id and i.phase <> 'closed'
                and i.severity = r.incident_severity
              order by r.incident_number limit ${NAMED_COMMANDS}) lane`,
          );
          bindings.push(...laneBindings, ...laneBindings);
        }
      }
    }
    const result = await db.raw(branches.join('\nunion all\n'), bindings);
    rows.push(...(Array.isArray(result) ? result : result.rows));
  }
  // Rows of one lane, in number order: the last of them carries the count of the rest.
  const lanes = new Map<string, CommandRow[]>();
  for (const row of rows) {
    const key = `${refKey(row.user_ref)} ${row.severity} ${Boolean(
      row.restricted,
    )}`;
    lanes.set(key, [...(lanes.get(key) ?? []), row]);
  }
  return [...lanes.values()].flatMap(lane => {
    const sorted = lane.sort((a, b) => Number(a.number) - Number(b.number));
    // Counted up to countUpTo + 1: beyond countUpTo the count is a lower bound.
    const commands = Number(sorted[0].commands);
    const capped = commands > countUpTo;
    const also = commands - sorted.length;
    return sorted.map((row, index): CommandedIncident => {
      const last = index === sorted.length - 1;
      return {
        userRef: row.user_ref,
        incidentRef: formatIncidentRef(Number(row.number)),
        severity: row.severity,
        ...(row.restricted ? { restricted: true } : {}),
        ...(last && also > 0 ? { also } : {}),
        ...(last && capped ? { alsoAtLeast: true } : {}),
      };
    });
  });
}
