import {
  SEVERITIES,
  Severity,
  formatIncidentRef,
  refKey,
  severityRank,
} from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import { CommandedIncident, NAMED_COMMANDS } from '../domain/assignment';
import { isPostgres } from './dialect';

/**
 * How far the commands of one person, severity and restriction are counted: beyond it the
 * note says "at least". A storm's commander is read as at most this many index entries per
 * severity, however many incidents they hold.
 */
export const COUNTED_COMMANDS = 100;

/** People per SQLite statement: at most 8 branches each, under its 500 compound terms. */
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
 * Each (person, severity, restriction) is one lane (a lateral read on PostgreSQL, a branch of
 * a `union all` on SQLite) that reads the partial index of open incidents' commanders
 * (migration 20261202000000) in its order: three entries for the names and at most
 * COUNTED_COMMANDS + 1 for the count. The cost is bounded by the number of people and
 * severities, not by how many incidents anyone commands. The names are
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
  const read = isPostgres(db) ? readLateral : readUnion;
  const rows = await read(db, users, severities, {
    exceptIncidentId,
    countUpTo,
  });
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

interface LaneOptions {
  exceptIncidentId?: string;
  countUpTo: number;
}

/**
 * One lane's rows (a person, severity and restriction), given how `lane(alias)` selects its
 * index entries: the first {@link NAMED_COMMANDS} by number, each with the lane's count. The
 * names are checked against their incidents (a dozen key lookups at most), so that a copy an
 * older replica left stale during an upgrade makes nobody busy. The inner limit keeps the
 * read in the index's order.
 */
function laneSql(lane: (alias: string) => string, countUpTo: number): string {
  return `select r.user_ref, r.incident_number as number,
      r.incident_severity as severity, r.incident_restricted as restricted,
      (select count(*) from (select 1 from incident_roles c where ${lane('c')}
        limit ${countUpTo + 1}) counted) as commands
    from (select * from incident_roles r where ${lane('r')}
      order by r.incident_number limit ${NAMED_COMMANDS * 4}) r
    join incidents i on i.id = r.incident_id and i.phase <> 'closed'
      and i.severity = r.incident_severity
    order by r.incident_number limit ${NAMED_COMMANDS}`;
}

/** The conditions of one lane on the partial index of open commands. */
function laneWhere(
  alias: string,
  lane: {
    user: string;
    severity: string;
    restricted: (column: string) => string;
  },
  exceptIncidentId: string | undefined,
): string {
  return [
    `lower(${alias}.user_ref) = ${lane.user}`,
    `${alias}.role = 'incident-commander'`,
    `not ${alias}.incident_closed`,
    `${alias}.incident_severity = ${lane.severity}`,
    lane.restricted(`${alias}.incident_restricted`),
    ...(exceptIncidentId ? [`${alias}.incident_id <> ?`] : []),
  ].join(' and ');
}

/**
 * PostgreSQL: one lateral read per lane over the people × severities × restriction, so that
 * the statement (and its planning, which a branch per lane made grow to about 20 ms for a
 * rotation) stays the same size however many people and severities are asked about.
 */
async function readLateral(
  db: Knex,
  users: string[],
  severities: readonly Severity[],
  { exceptIncidentId, countUpTo }: LaneOptions,
): Promise<CommandRow[]> {
  const lane = (alias: string) =>
    laneWhere(
      alias,
      {
        user: 'u.user_key',
        severity: 's.severity',
        restricted: column => `${column} = x.restricted`,
      },
      exceptIncidentId,
    );
  const except = exceptIncidentId ? [exceptIncidentId] : [];
  // Planned once for every lane, the lateral read gets a generic estimate (a dozen rows), on
  // which a bitmap scan and a sort look as cheap as reading the index in order; but a bitmap
  // reads every entry of the lane, so a storm's commander would cost thousands. Without
  // bitmap scans (for this statement only) each lane reads its index range in order and
  // stops at its limit.
  return db.transaction(async trx => {
    await trx.raw('set local enable_bitmapscan = off');
    const result = await trx.raw(
      `select lane.* from unnest(?::text[]) as u(user_key)
      cross join unnest(?::text[]) as s(severity)
      cross join (values (false), (true)) as x(restricted)
      cross join lateral (${laneSql(lane, countUpTo)}) as lane`,
      [users, [...severities], ...except, ...except],
    );
    return result.rows as CommandRow[];
  });
}

/**
 * SQLite (no lateral joins): one branch of a `union all` per lane. SQLite allows 500 terms in
 * one compound select, so a long rotation is read in parts.
 */
async function readUnion(
  db: Knex,
  users: string[],
  severities: readonly Severity[],
  { exceptIncidentId, countUpTo }: LaneOptions,
): Promise<CommandRow[]> {
  const rows: CommandRow[] = [];
  for (let at = 0; at < users.length; at += USERS_PER_STATEMENT) {
    const part = users.slice(at, at + USERS_PER_STATEMENT);
    const branches: string[] = [];
    const bindings: Knex.RawBinding[] = [];
    for (const user of part) {
      for (const severity of severities) {
        for (const restricted of [false, true]) {
          const lane = (alias: string) =>
            laneWhere(
              alias,
              {
                user: '?',
                severity: '?',
                restricted: column => (restricted ? column : `not ${column}`),
              },
              exceptIncidentId,
            );
          const laneBindings = [
            user,
            severity,
            ...(exceptIncidentId ? [exceptIncidentId] : []),
          ];
          branches.push(`select * from (${laneSql(lane, countUpTo)}) lane`);
          bindings.push(...laneBindings, ...laneBindings);
        }
      }
    }
    const result = await db.raw(branches.join('\nunion all\n'), bindings);
    rows.push(...(Array.isArray(result) ? result : result.rows));
  }
  return rows;
}
