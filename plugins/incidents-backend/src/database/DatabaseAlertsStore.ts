import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  AlertLink,
  AlertRoutedBy,
  AlertSource,
  AlertStatus,
  IncidentAlert,
  IncidentAlertsResponse,
  Page,
  Phase,
  RoleId,
  Severity,
  formatIncidentRef,
  isOpenPhase,
} from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  DeclarationSpec,
  IncidentAlertChange,
  activeSeverity,
  alertTimelineEntry,
  alertsClearedEntry,
  declarationFor,
  severityRaisedEntry,
} from '../alerts/incidentEntries';
import {
  AlertDecision,
  AlertState,
  decideAlert,
  isActive,
} from '../alerts/lifecycle';
import { PreparedAlert } from '../alerts/types';
import { NewTimelineEntry } from '../domain';
import {
  AlertFilter,
  AlertsStore,
  ClaimRef,
  IncidentRefs,
  IngestContext,
  IngestOutcome,
  ManualDeclarationInput,
  ManualDeclarationOutcome,
  PendingDeclaration,
  RouteOutcome,
} from './AlertsStore';
import { DbTimestamp, toDbTimestamp, toIsoString } from './rows';

const migrationsDir = resolvePackagePath(
  '@firebreak/plugin-incidents-backend',
  'migrations',
);

type Db = Knex | Knex.Transaction;

interface AlertRow {
  id: string;
  source: AlertSource;
  scope: string;
  dedup_key: string;
  group_key: string;
  incident_group: string;
  incident_group_hash: string;
  status: AlertStatus;
  name: string;
  summary: string;
  labels: string;
  annotations: string;
  links: string;
  details: string;
  entity_ref: string | null;
  routed_by: string | null;
  route_note: string | null;
  rule_severity: Severity | null;
  rule_ids: string;
  rule_roles: string;
  restricted: boolean | number;
  starts_at: DbTimestamp;
  ends_at: DbTimestamp | null;
  generator_url: string | null;
  incident_id: string | null;
  actor: string;
  occurrences: number | string;
  received_at: DbTimestamp;
  last_seen_at: DbTimestamp;
  updated_at: DbTimestamp;
  content_hash: string;
  /** From the incidents join of the read queries. */
  incident_number?: number | string | null;
}

interface GroupRow {
  entity_ref: string;
  group_hash: string;
  incident_group: string;
  incident_id: string | null;
  claim_token: string | null;
  claimed_at: DbTimestamp | null;
  declaration: string | null;
  created_at: DbTimestamp;
}

interface IncidentInfo {
  id: string;
  number: number;
  phase: Phase;
  severity: Severity;
  version: number;
}

/** One alert of a write, before and after. */
interface Item {
  decision: AlertDecision;
  next: AlertState;
  /** Set when this write attached the alert to an incident. */
  joined?: string;
  /** The (closed) incident the alert left for `joined`: it keeps it as history. */
  left?: string;
  /** The stored row already equals `next` (inserted so): no second write. */
  written?: boolean;
}

/** Columns written on every write of an alert (all but the identity and first receipt). */
const MUTABLE_COLUMNS = [
  'group_key',
  'incident_group',
  'incident_group_hash',
  'status',
  'name',
  'summary',
  'labels',
  'annotations',
  'links',
  'details',
  'entity_ref',
  'routed_by',
  'route_note',
  'rule_severity',
  'rule_ids',
  'rule_roles',
  'restricted',
  'starts_at',
  'ends_at',
  'generator_url',
  'incident_id',
  'actor',
  'occurrences',
  'last_seen_at',
  'updated_at',
  'content_hash',
];

/** Columns of every alert row, in the order of the bulk statements. */
const ALL_COLUMNS = [
  'id',
  'source',
  'scope',
  'dedup_key',
  'received_at',
  ...MUTABLE_COLUMNS,
];

/** What the first upsert returns: the state a decision needs, never the content. */
const CORE_COLUMNS = [
  'id',
  'dedup_key',
  'status',
  'entity_ref',
  'routed_by',
  'route_note',
  'starts_at',
  'ends_at',
  'incident_id',
  'occurrences',
  'received_at',
  'updated_at',
  'content_hash',
];

/** Multi-row statements stay well under SQLite's and PostgreSQL's bind limits. */
const CHUNK = 300;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (!text) {
    return fallback;
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function optionalIso(value: DbTimestamp | null | undefined) {
  return value === null || value === undefined ? undefined : toIsoString(value);
}

function stateFromRow(row: AlertRow): AlertState {
  const endsAt = optionalIso(row.ends_at);
  return {
    id: row.id,
    source: row.source,
    scope: row.scope,
    dedupKey: row.dedup_key,
    groupKey: row.group_key,
    incidentGroup: row.incident_group,
    incidentGroupHash: row.incident_group_hash,
    status: row.status,
    name: row.name,
    summary: row.summary,
    labels: parseJson(row.labels, {}),
    annotations: parseJson(row.annotations, {}),
    links: parseJson<AlertLink[]>(row.links, []),
    details: parseJson(row.details, {}),
    ...(row.entity_ref ? { entityRef: row.entity_ref } : {}),
    ...(row.routed_by ? { routedBy: row.routed_by as AlertRoutedBy } : {}),
    ...(row.route_note ? { routeNote: row.route_note } : {}),
    ...(row.rule_severity ? { ruleSeverity: row.rule_severity } : {}),
    ruleIds: parseJson<string[]>(row.rule_ids, []),
    ruleRoles: parseJson<RoleId[]>(row.rule_roles, []),
    restricted: Boolean(row.restricted),
    startsAt: toIsoString(row.starts_at),
    ...(endsAt ? { endsAt } : {}),
    ...(row.generator_url ? { generatorUrl: row.generator_url } : {}),
    ...(row.incident_id ? { incidentId: row.incident_id } : {}),
    actor: row.actor,
    occurrences: Number(row.occurrences),
    receivedAt: toIsoString(row.received_at),
    lastSeenAt: toIsoString(row.last_seen_at),
    updatedAt: toIsoString(row.updated_at),
    contentHash: row.content_hash,
  };
}

/**
 * A stored alert from the core columns, with the content of `current` (the incoming alert's
 * fresh state): content is compared by digest and rewritten from the delivery anyway.
 */
function stateFromCore(
  row: Pick<AlertRow, (typeof CORE_COLUMNS)[number] & keyof AlertRow>,
  current: AlertState,
  now: string,
): AlertState {
  const state: AlertState = {
    ...current,
    id: row.id,
    status: row.status,
    startsAt: toIsoString(row.starts_at),
    occurrences: Number(row.occurrences),
    receivedAt: toIsoString(row.received_at),
    lastSeenAt: now,
    updatedAt: toIsoString(row.updated_at),
    contentHash: row.content_hash,
  };
  const endsAt = optionalIso(row.ends_at);
  for (const [key, value] of [
    ['endsAt', endsAt],
    ['entityRef', row.entity_ref ?? undefined],
    ['routedBy', row.routed_by ?? undefined],
    ['routeNote', row.route_note ?? undefined],
    ['incidentId', row.incident_id ?? undefined],
  ] as const) {
    if (value === undefined) {
      delete state[key];
    } else {
      (state as any)[key] = value;
    }
  }
  return state;
}

function rowFromState(state: AlertState): Omit<AlertRow, 'incident_number'> {
  return {
    id: state.id,
    source: state.source,
    scope: state.scope,
    dedup_key: state.dedupKey,
    group_key: state.groupKey,
    incident_group: state.incidentGroup,
    incident_group_hash: state.incidentGroupHash,
    status: state.status,
    name: state.name,
    summary: state.summary,
    labels: JSON.stringify(state.labels),
    annotations: JSON.stringify(state.annotations),
    links: JSON.stringify(state.links),
    details: JSON.stringify(state.details),
    entity_ref: state.entityRef ?? null,
    routed_by: state.routedBy ?? null,
    route_note: state.routeNote ?? null,
    rule_severity: state.ruleSeverity ?? null,
    rule_ids: JSON.stringify(state.ruleIds),
    rule_roles: JSON.stringify(state.ruleRoles),
    restricted: state.restricted,
    starts_at: toDbTimestamp(state.startsAt),
    ends_at: state.endsAt ? toDbTimestamp(state.endsAt) : null,
    generator_url: state.generatorUrl ?? null,
    incident_id: state.incidentId ?? null,
    actor: state.actor,
    occurrences: state.occurrences,
    received_at: toDbTimestamp(state.receivedAt),
    last_seen_at: toDbTimestamp(state.lastSeenAt),
    updated_at: toDbTimestamp(state.updatedAt),
    content_hash: state.contentHash,
  };
}

function alertFromRow(row: AlertRow): IncidentAlert {
  const s = stateFromRow(row);
  const number =
    row.incident_number === null || row.incident_number === undefined
      ? undefined
      : Number(row.incident_number);
  return {
    id: s.id,
    source: s.source,
    dedupKey: s.dedupKey,
    groupKey: s.groupKey,
    status: s.status,
    ...(s.entityRef ? { entityRef: s.entityRef } : {}),
    ...(s.routedBy ? { routedBy: s.routedBy } : {}),
    ...(s.routeNote ? { routeNote: s.routeNote } : {}),
    name: s.name,
    summary: s.summary,
    labels: s.labels,
    annotations: s.annotations,
    ...(s.ruleSeverity ? { severity: s.ruleSeverity } : {}),
    ruleIds: s.ruleIds,
    restricted: s.restricted,
    startsAt: s.startsAt,
    ...(s.endsAt ? { endsAt: s.endsAt } : {}),
    ...(s.generatorUrl ? { generatorUrl: s.generatorUrl } : {}),
    links: s.links,
    details: s.details,
    ...(s.incidentId ? { incidentId: s.incidentId } : {}),
    ...(s.incidentId && number !== undefined
      ? { incidentRef: formatIncidentRef(number) }
      : {}),
    receivedAt: s.receivedAt,
    lastSeenAt: s.lastSeenAt,
    occurrences: s.occurrences,
  };
}

const cursorSchema = z
  .object({ k: z.literal('a'), t: z.number().int(), id: z.string().uuid() })
  .strict();

function encodeCursor(alert: IncidentAlert): string {
  return Buffer.from(
    JSON.stringify({ k: 'a', t: Date.parse(alert.startsAt), id: alert.id }),
    'utf8',
  ).toString('base64url');
}

function decodeCursor(cursor: string) {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    json = undefined;
  }
  const parsed = cursorSchema.safeParse(json);
  if (!parsed.success) {
    throw new InputError('Invalid query: cursor: is not a valid cursor');
  }
  return parsed.data;
}

/** PostgreSQL deadlock / serialization failure, SQLite busy: safe to run again. */
function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return code === '40P01' || code === '40001' || code === 'SQLITE_BUSY';
}

/** Code-point order, the same in every process (lock order must not depend on locale). */
function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function groupKeyOf(entityRef: string, hash: string) {
  return `${entityRef}\u0000${hash}`;
}

/**
 * Knex implementation of {@link AlertsStore}, tested on SQLite and PostgreSQL.
 *
 * Lock order, everywhere: claims (`alert_incident_groups`) → alerts → incidents. Alert rows
 * are always locked in dedup-key order, by one multi-row upsert per delivery.
 */
export class DatabaseAlertsStore implements AlertsStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseAlertsStore> {
    const { database, skipMigrations } = options;
    const client = await database.getClient();
    if (!database.migrations?.skip && !skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseAlertsStore(client);
  }

  /** PostgreSQL gets bulk statements with all rows in one JSON parameter. */
  private readonly pg: boolean;

  private constructor(private readonly db: Knex) {
    this.pg = (db.client as { dialect?: string }).dialect === 'postgresql';
  }

  /**
   * Inserts alerts, or on conflict either only touches `last_seen_at` and returns the stored
   * core columns ('touch': the first statement of a delivery, which also locks the rows)
   * or overwrites every mutable column ('merge': the second). Rows in dedup-key order.
   *
   * 'touch' leaves exact repeats alone and does not return them (the same notification
   * twice writes nothing): same content digest, status, start and routing, and attached to
   * an incident unless they could not be (no rule severity, no entity). A repeat of an alert
   * still waiting for its incident comes back, so that it can claim one again.
   */
  private async upsertAlerts(
    trx: Knex.Transaction,
    states: AlertState[],
    mode: 'touch' | 'merge',
  ): Promise<AlertRow[]> {
    if (states.length === 0) {
      return [];
    }
    const rows = states.map(rowFromState) as unknown as Record<
      string,
      unknown
    >[];
    const same = (a: string, b: string) =>
      this.pg ? `${a} is not distinct from ${b}` : `${a} is ${b}`;
    const changedOnly =
      'not (alerts.content_hash = excluded.content_hash' +
      ' and alerts.status = excluded.status' +
      ' and alerts.starts_at = excluded.starts_at' +
      ` and ${same('alerts.entity_ref', 'excluded.entity_ref')}` +
      ` and ${same('alerts.route_note', 'excluded.route_note')}` +
      ' and (alerts.incident_id is not null or excluded.rule_severity is null or excluded.entity_ref is null))';
    if (this.pg) {
      const set =
        mode === 'touch'
          ? `last_seen_at = excluded.last_seen_at where ${changedOnly}`
          : MUTABLE_COLUMNS.map(c => `${c} = excluded.${c}`).join(', ');
      const columns = ALL_COLUMNS.join(', ');
      const returning =
        mode === 'touch' ? ` returning ${CORE_COLUMNS.join(', ')}` : '';
      // All rows in one JSON parameter, typed by the table's own row type.
      const sql = `insert into alerts (${columns}) select ${columns} from json_populate_recordset(null::alerts, ?::json) on conflict (source, scope, dedup_key) do update set ${set}${returning}`;
      const result = await trx.raw(sql, [JSON.stringify(rows)]);
      return result.rows;
    }
    const out: AlertRow[] = [];
    for (const chunk of chunks(rows)) {
      const query = trx('alerts')
        .insert(chunk)
        .onConflict(['source', 'scope', 'dedup_key']);
      if (mode === 'touch') {
        out.push(
          ...(await query
            .merge({ last_seen_at: chunk[0].last_seen_at })
            .where(trx.raw(changedOnly))
            .returning(CORE_COLUMNS)),
        );
      } else {
        await query.merge(MUTABLE_COLUMNS);
      }
    }
    return out;
  }

  private async transaction<T>(
    work: (trx: Knex.Transaction) => Promise<T>,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction(work);
      } catch (error) {
        if (attempt >= 4 || !isRetryable(error)) {
          throw error;
        }
        await new Promise(r => setTimeout(r, 5 * attempt + Math.random() * 20));
      }
    }
  }

  async ingest(
    alerts: PreparedAlert[],
    context: IngestContext,
  ): Promise<IngestOutcome> {
    // The last copy of an alert wins; sorting fixes the order in which rows are locked.
    const byKey = new Map<string, PreparedAlert>();
    for (const alert of alerts) {
      byKey.set(
        `${alert.source}\u0000${alert.scope}\u0000${alert.dedupKey}`,
        alert,
      );
    }
    const incoming = [...byKey.values()].sort((a, b) =>
      compare(a.dedupKey, b.dedupKey),
    );
    return this.transaction(trx => this.ingestIn(trx, incoming, context));
  }

  private async ingestIn(
    trx: Knex.Transaction,
    incoming: PreparedAlert[],
    context: IngestContext,
  ): Promise<IngestOutcome> {
    const now = context.now;
    const nowDb = toDbTimestamp(now);

    // Claims first (lock order): those of the groups this delivery names. Their rows are
    // created idle when missing, so that there is always a row to lock: a delivery never
    // holds alert locks while waiting for a group's row.
    const known = new Map<
      string,
      { entityRef: string; hash: string; group: string }
    >();
    for (const a of incoming) {
      if (a.route.entityRef && !a.statusOnly) {
        known.set(groupKeyOf(a.route.entityRef, a.incidentGroupHash), {
          entityRef: a.route.entityRef,
          hash: a.incidentGroupHash,
          group: a.incidentGroup,
        });
      }
    }
    const knownGroups = [...known.values()].sort(
      (x, y) => compare(x.hash, y.hash) || compare(x.entityRef, y.entityRef),
    );
    const { groups, incidents } = await this.readGroups(
      trx,
      [...new Set(knownGroups.map(g => g.hash))],
      { lock: true },
    );
    const missingGroups = knownGroups.filter(
      g => !groups.has(groupKeyOf(g.entityRef, g.hash)),
    );
    if (missingGroups.length > 0) {
      for (const chunk of chunks(missingGroups)) {
        await trx('alert_incident_groups')
          .insert(
            chunk.map(g => ({
              entity_ref: g.entityRef,
              group_hash: g.hash,
              incident_group: g.group,
              incident_id: null,
              claim_token: null,
              claimed_at: null,
              declaration: null,
              created_at: nowDb,
            })),
          )
          .onConflict(['entity_ref', 'group_hash'])
          .ignore();
      }
      const added = await this.readGroups(
        trx,
        [...new Set(missingGroups.map(g => g.hash))],
        { lock: true },
      );
      for (const [k, v] of added.groups) groups.set(k, v);
      for (const [k, v] of added.incidents) incidents.set(k, v);
    }
    const openIncidentOf = (entityRef: string, hash: string) => {
      const id = groups.get(groupKeyOf(entityRef, hash))?.incident_id;
      const info = id ? incidents.get(id) : undefined;
      return info && isOpenPhase(info.phase) ? info.id : undefined;
    };

    // Alerts: one upsert inserts the new ones (already attached to their group's open
    // incident) and locks the existing ones, returning their core state (only last_seen_at
    // is touched).
    const stored = new Map<string, AlertState>();
    const inserted = new Set<string>();
    const freshDecisions = new Map<string, AlertDecision>();
    const full = incoming.filter(a => !a.statusOnly);
    const freshStates = full.map(a => {
      const decision = decideAlert(undefined, a, { now, newId: randomUUID() });
      const next = decision.next!;
      const incidentId = next.entityRef
        ? openIncidentOf(next.entityRef, next.incidentGroupHash)
        : undefined;
      if (incidentId) {
        next.incidentId = incidentId;
      }
      freshDecisions.set(a.dedupKey, decision);
      return next;
    });
    const rows = await this.upsertAlerts(trx, freshStates, 'touch');
    for (const row of rows) {
      const fresh = freshDecisions.get(row.dedup_key)!.next!;
      if (row.id === fresh.id) {
        inserted.add(row.dedup_key);
      } else {
        stored.set(row.dedup_key, stateFromCore(row, fresh, now));
      }
    }
    for (const a of incoming.filter(x => x.statusOnly)) {
      const row: AlertRow | undefined = await trx('alerts')
        .where({ source: a.source, scope: a.scope, dedup_key: a.dedupKey })
        .forUpdate()
        .first();
      if (row) {
        stored.set(a.dedupKey, stateFromRow(row));
      }
    }

    const items: Item[] = [];
    const alertIds = new Map<string, string>();
    let unroutedRepeats = 0;
    for (const a of incoming) {
      if (
        !a.statusOnly &&
        !inserted.has(a.dedupKey) &&
        !stored.has(a.dedupKey)
      ) {
        // An exact repeat (same routing as stored): the upsert left it alone.
        if (!a.route.entityRef) unroutedRepeats++;
        continue;
      }
      if (inserted.has(a.dedupKey)) {
        const decision = freshDecisions.get(a.dedupKey)!;
        const next = decision.next!;
        items.push({
          decision,
          next,
          written: true,
          ...(next.incidentId ? { joined: next.incidentId } : {}),
        });
        alertIds.set(a.dedupKey, next.id);
        continue;
      }
      const decision = decideAlert(stored.get(a.dedupKey), a, {
        now,
        newId: randomUUID(),
      });
      if (decision.next) {
        items.push({ decision, next: decision.next });
        alertIds.set(a.dedupKey, decision.next.id);
      }
    }

    const work = await this.attachToIncidents(
      trx,
      items,
      groups,
      incidents,
      context,
    );

    // Second write: alerts whose status, content, routing or incident changed.
    const toWrite = items.filter(
      i =>
        !i.written && (i.joined || (i.decision.changed && !i.decision.created)),
    );
    await this.writeAlerts(
      trx,
      toWrite.map(i => i.next),
    );
    await this.finishIncidents(trx, items, work, now);

    let created = 0;
    let changed = 0;
    let unchanged = 0;
    for (const i of items) {
      if (i.decision.created) created++;
      else if (i.decision.changed) changed++;
      else unchanged++;
    }
    return {
      created,
      changed,
      unchanged: unchanged + (incoming.length - items.length),
      unrouted: items.filter(i => !i.next.entityRef).length + unroutedRepeats,
      pending: work.pending,
      updatedIncidents: work.touched,
      alertIds,
    };
  }

  /**
   * Decides, for alerts with an entity and no open incident, whether they join the group's
   * open incident, wait for a claim in progress, or claim the group for a new incident.
   */
  private async attachToIncidents(
    trx: Knex.Transaction,
    items: Item[],
    groups: Map<string, GroupRow>,
    incidents: Map<string, IncidentInfo>,
    context: IngestContext,
  ): Promise<{
    pending: PendingDeclaration[];
    incidents: Map<string, IncidentInfo>;
    touched: IncidentRefs[];
  }> {
    const now = context.now;
    const unknown = items
      .map(i => i.next.incidentId)
      .filter((id): id is string => Boolean(id) && !incidents.has(id!));
    if (unknown.length > 0) {
      for (const [k, v] of await this.readIncidents(trx, unknown)) {
        incidents.set(k, v);
      }
    }
    const isOpen = (id: string | undefined) => {
      const info = id ? incidents.get(id) : undefined;
      return Boolean(info && isOpenPhase(info.phase));
    };

    // Alerts that look for their group's incident: routed ones without an open incident
    // that either have none yet or (closed incident) start firing again.
    const seeking = new Map<string, Item[]>();
    for (const item of items) {
      const { next, decision } = item;
      if (!next.entityRef) continue;
      if (next.incidentId) {
        if (isOpen(next.incidentId)) continue;
        if (decision.event !== 'fired') continue;
      }
      const key = groupKeyOf(next.entityRef, next.incidentGroupHash);
      seeking.set(key, [...(seeking.get(key) ?? []), item]);
    }

    const missing = [...seeking.keys()]
      .filter(k => !groups.has(k))
      .map(k => k.split('\u0000')[1]);
    if (missing.length > 0) {
      const more = await this.readGroups(trx, [...new Set(missing)].sort(), {
        lock: true,
      });
      for (const [k, v] of more.groups) groups.set(k, v);
      for (const [k, v] of more.incidents) incidents.set(k, v);
    }

    const pending: PendingDeclaration[] = [];
    for (const key of [...seeking.keys()].sort()) {
      const members = seeking.get(key)!;
      const [entityRef, hash] = key.split('\u0000');
      const wanting = members.filter(
        m => isActive(m.next.status) && m.next.ruleSeverity,
      );
      const spec = declarationFor(
        wanting.map(m => m.next),
        context.rules,
      );
      const join = (incidentId: string) => {
        for (const m of members) {
          if (m.next.incidentId !== incidentId) {
            if (m.next.incidentId) {
              m.left = m.next.incidentId;
            }
            m.next = { ...m.next, incidentId, updatedAt: now };
            m.joined = incidentId;
          }
        }
      };

      for (let attempt = 0; attempt < 3; attempt++) {
        const group = groups.get(key);
        if (group?.incident_id) {
          if (isOpen(group.incident_id)) {
            join(group.incident_id);
            break;
          }
          if (!spec) break;
          // The group's incident closed: this firing starts a new one.
          const token = randomUUID();
          const taken = await trx('alert_incident_groups')
            .where({
              entity_ref: entityRef,
              group_hash: hash,
              incident_id: group.incident_id,
            })
            .update({
              incident_id: null,
              claim_token: token,
              claimed_at: toDbTimestamp(now),
              declaration: JSON.stringify(spec),
              incident_group: members[0].next.incidentGroup,
            });
          if (taken) {
            pending.push(this.pendingOf(entityRef, hash, token, members, spec));
            break;
          }
        } else if (group?.claim_token) {
          // Another delivery is declaring this group's incident; it will attach these
          // alerts when it completes, unless it died (stale claim): then take over.
          const staleBefore = Date.parse(now) - context.claimTimeoutMs;
          const claimedAt = group.claimed_at
            ? Date.parse(toIsoString(group.claimed_at))
            : 0;
          if (!spec || claimedAt >= staleBefore) break;
          const token = randomUUID();
          const taken = await trx('alert_incident_groups')
            .where({
              entity_ref: entityRef,
              group_hash: hash,
              claim_token: group.claim_token,
            })
            .whereNull('incident_id')
            .update({
              claim_token: token,
              claimed_at: toDbTimestamp(now),
              declaration: JSON.stringify(spec),
            });
          if (taken) {
            pending.push(this.pendingOf(entityRef, hash, token, members, spec));
            break;
          }
        } else {
          if (!spec) break;
          const token = randomUUID();
          const claim = {
            incident_group: members[0].next.incidentGroup,
            incident_id: null,
            claim_token: token,
            claimed_at: toDbTimestamp(now),
            declaration: JSON.stringify(spec),
          };
          const claimed = group
            ? await trx('alert_incident_groups')
                .where({ entity_ref: entityRef, group_hash: hash })
                .whereNull('incident_id')
                .whereNull('claim_token')
                .update(claim)
            : (
                await trx('alert_incident_groups')
                  .insert({
                    entity_ref: entityRef,
                    group_hash: hash,
                    created_at: toDbTimestamp(now),
                    ...claim,
                  })
                  .onConflict(['entity_ref', 'group_hash'])
                  .ignore()
                  .returning(['entity_ref'])
              ).length;
          if (claimed > 0) {
            pending.push(this.pendingOf(entityRef, hash, token, members, spec));
            break;
          }
        }
        // Lost a race: read the group as the winner left it and decide again.
        const reread = await this.readGroups(trx, [hash], { lock: true });
        const fresh = reread.groups.get(key);
        if (fresh) groups.set(key, fresh);
        else groups.delete(key);
        for (const [k, v] of reread.incidents) incidents.set(k, v);
      }
    }
    return { pending, incidents, touched: [] };
  }

  private pendingOf(
    entityRef: string,
    groupHash: string,
    token: string,
    members: Item[],
    spec: DeclarationSpec,
  ): PendingDeclaration {
    return {
      entityRef,
      groupHash,
      token,
      incidentGroup: members[0].next.incidentGroup,
      spec,
    };
  }

  /**
   * Per incident touched by this write: one `alert` timeline entry, a severity raise when a
   * more severe rule fired, and the "alerts cleared" entry when the last alert resolved.
   */
  private async finishIncidents(
    trx: Knex.Transaction,
    items: Item[],
    work: { incidents: Map<string, IncidentInfo>; touched: IncidentRefs[] },
    now: string,
  ): Promise<void> {
    const changes = new Map<string, IncidentAlertChange[]>();
    const add = (incidentId: string, change: IncidentAlertChange) =>
      changes.set(incidentId, [...(changes.get(incidentId) ?? []), change]);
    for (const item of items) {
      const incidentId = item.next.incidentId;
      if (!incidentId) continue;
      if (item.joined) {
        add(incidentId, { alert: item.next, event: 'joined' });
        continue;
      }
      const info = work.incidents.get(incidentId);
      if (!info || !isOpenPhase(info.phase)) continue;
      const event = item.decision.event;
      if (
        event === 'fired' ||
        event === 'resolved' ||
        event === 'acknowledged'
      ) {
        add(incidentId, { alert: item.next, event });
      }
    }
    if (changes.size === 0) return;

    const moved = items.filter(i => i.left);
    for (const chunk of chunks(moved)) {
      await trx('incident_alerts')
        .insert(
          chunk.map(i => ({
            incident_id: i.left,
            alert_id: i.next.id,
            moved_at: toDbTimestamp(now),
          })),
        )
        .onConflict(['incident_id', 'alert_id'])
        .ignore();
    }

    const incidentIds = [...changes.keys()].sort();
    const entries: {
      incidentId: string;
      actor: string;
      entry: NewTimelineEntry;
    }[] = [];
    const resolvedIn = incidentIds.filter(id =>
      changes.get(id)!.some(c => !isActive(c.alert.status)),
    );
    const stillActive = await this.withActiveAlerts(trx, resolvedIn);

    // Severity raises lock their incidents, after every alert write (lock order).
    const raises = new Map<string, Severity>();
    const raised = new Set<string>();
    for (const id of incidentIds) {
      const raising = changes
        .get(id)!
        .filter(c => c.event === 'joined' || c.event === 'fired')
        .map(c => c.alert);
      const severity = activeSeverity(raising);
      const info = work.incidents.get(id);
      if (severity && (!info || severity < info.severity)) {
        raises.set(id, severity);
      }
    }
    const locked =
      raises.size > 0
        ? await this.readIncidents(trx, [...raises.keys()], { lock: true })
        : new Map<string, IncidentInfo>();

    for (const id of incidentIds) {
      const list = changes.get(id)!;
      const actor = list[0].alert.actor;
      const entry = alertTimelineEntry(list);
      if (entry) entries.push({ incidentId: id, actor, entry });
      const raise = raises.get(id);
      const current = locked.get(id);
      if (
        raise &&
        current &&
        raise < current.severity &&
        isOpenPhase(current.phase)
      ) {
        await trx('incidents')
          .where({ id, version: current.version })
          .update({
            severity: raise,
            version: current.version + 1,
            updated_at: toDbTimestamp(now),
          });
        raised.add(id);
        entries.push({
          incidentId: id,
          actor,
          entry: severityRaisedEntry(
            current.severity,
            raise,
            list.map(c => c.alert),
          ),
        });
      }
      if (resolvedIn.includes(id) && !stillActive.has(id)) {
        const total = await this.countAlerts(trx, id);
        entries.push({
          incidentId: id,
          actor,
          entry: alertsClearedEntry(total),
        });
      }
    }

    for (const chunk of chunks(entries)) {
      await trx('incident_timeline').insert(
        chunk.map(e => ({
          incident_id: e.incidentId,
          at: toDbTimestamp(now),
          actor: e.actor,
          kind: e.entry.kind,
          body: e.entry.body,
          details: JSON.stringify(e.entry.details),
        })),
      );
    }
    const bump = incidentIds.filter(id => !raised.has(id));
    if (bump.length > 0) {
      await trx('incidents')
        .whereIn('id', bump)
        .update({ updated_at: toDbTimestamp(now) });
    }
    for (const id of incidentIds) {
      const info = locked.get(id) ?? work.incidents.get(id);
      if (info) {
        work.touched.push({
          id,
          ref: formatIncidentRef(info.number),
          version: info.version + (raised.has(id) ? 1 : 0),
          ...(raised.has(id) ? { severityRaised: true } : {}),
        });
      }
    }
  }

  private async writeAlerts(trx: Knex.Transaction, states: AlertState[]) {
    const sorted = [...states].sort((a, b) => compare(a.dedupKey, b.dedupKey));
    await this.upsertAlerts(trx, sorted, 'merge');
  }

  /** Incidents (of `incidentIds`) that still have an active alert: one index probe each. */
  private async withActiveAlerts(
    db: Db,
    incidentIds: string[],
  ): Promise<Set<string>> {
    const active = new Set<string>();
    for (const id of incidentIds) {
      const row = await db('alerts')
        .where({ incident_id: id })
        .whereIn('status', ['firing', 'acknowledged'])
        .first('id');
      if (row) active.add(id);
    }
    return active;
  }

  private async countAlerts(db: Db, incidentId: string): Promise<number> {
    const row = await db('alerts')
      .where({ incident_id: incidentId })
      .count({ count: '*' })
      .first();
    return Number(row?.count ?? 0);
  }

  /** Group rows (locked: deliveries of one group take turns) with their incidents. */
  /**
   * Group rows (locked: deliveries of one group take turns) and their incidents. The
   * incidents are read by a second statement on purpose: when the lock waited for another
   * transaction, PostgreSQL returns the group row as that transaction left it, but the
   * columns of a joined table as they were before, so a join would show a just-declared
   * incident as missing (and the group would claim a second one).
   */
  private async readGroups(
    db: Db,
    hashes: string[],
    options: { lock?: boolean } = {},
  ): Promise<{
    groups: Map<string, GroupRow>;
    incidents: Map<string, IncidentInfo>;
  }> {
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
    const incidents = await this.readIncidents(
      db,
      [...groups.values()].map(g => g.incident_id),
    );
    return { groups, incidents };
  }

  private async readIncidents(
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
        .select('id', 'number', 'phase', 'severity', 'version');
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
        });
      }
    }
    return found;
  }

  async completeDeclaration(
    claim: ClaimRef,
    incident: { id: string },
    context: { now: string },
  ): Promise<{ lost: boolean; linked: number; incident?: IncidentRefs }> {
    const { now } = context;
    return this.transaction(async trx => {
      const updated = await trx('alert_incident_groups')
        .where({
          entity_ref: claim.entityRef,
          group_hash: claim.groupHash,
          claim_token: claim.token,
        })
        .whereNull('incident_id')
        .update({
          incident_id: incident.id,
          claim_token: null,
          claimed_at: null,
          declaration: null,
        });
      if (!updated) {
        return { lost: true, linked: 0 };
      }
      // Every alert of the group without an open incident, whichever replica stored it:
      // deliveries that saw the claim hold its row lock until they commit, so the update
      // above waited for them.
      const candidates: { id: string; incident_id: string | null }[] =
        await trx('alerts')
          .leftJoin('incidents', 'incidents.id', 'alerts.incident_id')
          .where({
            'alerts.entity_ref': claim.entityRef,
            'alerts.incident_group_hash': claim.groupHash,
          })
          .where(inner =>
            inner
              .whereNull('alerts.incident_id')
              .orWhere(closed =>
                closed
                  .where('incidents.phase', 'closed')
                  .whereNot('alerts.status', 'resolved'),
              ),
          )
          .orderBy('alerts.dedup_key')
          .select('alerts.id', 'alerts.incident_id');
      // Only the incident column is written, so that a concurrent status change of one of
      // these alerts (an Events resolve) is never overwritten.
      const left = new Map(candidates.map(c => [c.id, c.incident_id]));
      const rows: AlertRow[] = [];
      for (const chunk of chunks(candidates)) {
        const closedIds = [
          ...new Set(
            chunk
              .map(c => c.incident_id)
              .filter((id): id is string => Boolean(id)),
          ),
        ];
        rows.push(
          ...(await trx('alerts')
            .whereIn(
              'id',
              chunk.map(c => c.id),
            )
            .where(inner => {
              inner.whereNull('incident_id');
              if (closedIds.length > 0) {
                inner.orWhereIn('incident_id', closedIds);
              }
            })
            .update({
              incident_id: incident.id,
              updated_at: toDbTimestamp(now),
            })
            .returning('*')),
        );
      }
      const info = await this.readIncidents(trx, [incident.id]);
      const items: Item[] = rows
        .sort((a, b) => compare(a.dedup_key, b.dedup_key))
        .map(row => {
          const next = stateFromRow(row);
          const previous = left.get(row.id);
          return {
            decision: {
              event: 'unchanged',
              next,
              changed: true,
              created: false,
            },
            next,
            joined: incident.id,
            written: true,
            ...(previous ? { left: previous } : {}),
          };
        });
      const touched: IncidentRefs[] = [];
      await this.finishIncidents(trx, items, { incidents: info, touched }, now);
      return { lost: false, linked: items.length, incident: touched[0] };
    });
  }

  async releaseClaim(claim: ClaimRef): Promise<void> {
    await this.db('alert_incident_groups')
      .where({
        entity_ref: claim.entityRef,
        group_hash: claim.groupHash,
        claim_token: claim.token,
      })
      .whereNull('incident_id')
      .update({ claim_token: null, claimed_at: null, declaration: null });
  }

  async refreshClaims(claims: ClaimRef[], now: string): Promise<void> {
    for (const claim of claims) {
      await this.db('alert_incident_groups')
        .where({
          entity_ref: claim.entityRef,
          group_hash: claim.groupHash,
          claim_token: claim.token,
        })
        .whereNull('incident_id')
        .update({ claimed_at: toDbTimestamp(now) });
    }
  }

  async takeOverStaleClaims(options: {
    now: string;
    staleBefore: string;
    limit: number;
  }): Promise<PendingDeclaration[]> {
    const stale: GroupRow[] = await this.db('alert_incident_groups')
      .whereNull('incident_id')
      .whereNotNull('claim_token')
      .where('claimed_at', '<', toDbTimestamp(options.staleBefore))
      .orderBy('claimed_at')
      .limit(options.limit);
    const taken: PendingDeclaration[] = [];
    for (const group of stale) {
      const spec = parseJson<DeclarationSpec | undefined>(
        group.declaration,
        undefined,
      );
      if (!spec) continue;
      const token = randomUUID();
      const updated = await this.db('alert_incident_groups')
        .where({
          entity_ref: group.entity_ref,
          group_hash: group.group_hash,
          claim_token: group.claim_token,
        })
        .whereNull('incident_id')
        .update({ claim_token: token, claimed_at: toDbTimestamp(options.now) });
      if (updated) {
        taken.push({
          entityRef: group.entity_ref,
          groupHash: group.group_hash,
          token,
          incidentGroup: group.incident_group,
          spec,
        });
      }
    }
    return taken;
  }

  private selectAlerts(db: Db) {
    return db('alerts')
      .leftJoin('incidents', 'incidents.id', 'alerts.incident_id')
      .select('alerts.*', 'incidents.number as incident_number');
  }

  async getAlert(id: string): Promise<IncidentAlert | undefined> {
    if (!z.string().uuid().safeParse(id).success) {
      return undefined;
    }
    const row: AlertRow | undefined = await this.selectAlerts(this.db)
      .where('alerts.id', id.toLowerCase())
      .first();
    return row ? alertFromRow(row) : undefined;
  }

  async listAlerts(filter: AlertFilter): Promise<Page<IncidentAlert>> {
    const after = filter.cursor ? decodeCursor(filter.cursor) : undefined;
    const where = (query: Knex.QueryBuilder) => {
      if (filter.unrouted) query.whereNull('alerts.entity_ref');
      if (filter.entityRefs)
        query.whereIn('alerts.entity_ref', filter.entityRefs);
      if (filter.statuses) query.whereIn('alerts.status', filter.statuses);
      if (filter.source) query.where('alerts.source', filter.source);
      return query;
    };
    const countRow = await where(this.db('alerts'))
      .count({ count: '*' })
      .first();
    const query = where(this.selectAlerts(this.db))
      .orderBy([
        { column: 'alerts.starts_at', order: 'desc' },
        { column: 'alerts.id', order: 'desc' },
      ])
      .limit(filter.limit + 1);
    if (after) {
      const at = new Date(after.t);
      query.where(inner =>
        inner
          .where('alerts.starts_at', '<', at)
          .orWhere(same =>
            same
              .where('alerts.starts_at', '=', at)
              .andWhere('alerts.id', '<', after.id),
          ),
      );
    }
    const rows: AlertRow[] = await query;
    const items = rows.slice(0, filter.limit).map(alertFromRow);
    return {
      items,
      totalCount: Number(countRow?.count ?? 0),
      ...(rows.length > filter.limit
        ? { nextCursor: encodeCursor(items[items.length - 1]) }
        : {}),
    };
  }

  async listIncidentAlerts(
    incidentId: string,
  ): Promise<IncidentAlertsResponse> {
    const rows: AlertRow[] = await this.selectAlerts(this.db)
      .where(inner =>
        inner
          .where('alerts.incident_id', incidentId)
          .orWhereIn(
            'alerts.id',
            this.db('incident_alerts')
              .where({ incident_id: incidentId })
              .select('alert_id'),
          ),
      )
      .orderBy([
        { column: 'alerts.starts_at', order: 'asc' },
        { column: 'alerts.id', order: 'asc' },
      ])
      .limit(1000);
    const items = rows.map(alertFromRow);
    // Recovery is judged on the alerts that are still this incident's (not those that
    // moved on to a later incident after this one closed).
    const current = items.filter(a => a.incidentId === incidentId);
    const firing = current.filter(a => a.status === 'firing').length;
    const acknowledged = current.filter(
      a => a.status === 'acknowledged',
    ).length;
    const resolved = current.filter(a => a.status === 'resolved').length;
    const cleared = current.length > 0 && resolved === current.length;
    const clearedAt = cleared
      ? current
          .map(a => a.endsAt ?? a.lastSeenAt)
          .sort()
          .at(-1)
      : undefined;
    return {
      items,
      summary: {
        total: current.length,
        firing,
        acknowledged,
        resolved,
        cleared,
        ...(clearedAt ? { clearedAt } : {}),
      },
    };
  }

  async routeAlerts(
    alertId: string,
    options: { entityRef: string; includeGroup: boolean },
    context: IngestContext,
  ): Promise<RouteOutcome> {
    const now = context.now;
    return this.transaction(async trx => {
      const hash = await this.peekGroupHash(trx, alertId);
      const { groups, incidents } = await this.readGroups(trx, [hash], {
        lock: true,
      });
      const first = await this.lockAlert(trx, alertId);
      if (first.incidentId) {
        const info = (await this.readIncidents(trx, [first.incidentId])).get(
          first.incidentId,
        );
        if (info && isOpenPhase(info.phase)) {
          throw new ConflictError(
            `Alert ${alertId} belongs to ${formatIncidentRef(
              info.number,
            )}; it cannot be routed elsewhere`,
          );
        }
      }
      let targets = [first];
      if (options.includeGroup) {
        const rows: AlertRow[] = await trx('alerts')
          .where({
            source: first.source,
            scope: first.scope,
            incident_group_hash: first.incidentGroupHash,
          })
          .whereNull('entity_ref')
          .whereNot('id', first.id)
          .orderBy('dedup_key')
          .forUpdate();
        targets = [first, ...rows.map(stateFromRow)];
      }
      const items: Item[] = targets.map(t => {
        const next: AlertState = {
          ...t,
          entityRef: options.entityRef,
          routedBy: 'manual',
          updatedAt: now,
        };
        delete next.routeNote;
        return {
          decision: { event: 'rerouted', next, changed: true, created: false },
          next,
        };
      });
      const work = await this.attachToIncidents(
        trx,
        items,
        groups,
        incidents,
        context,
      );
      await this.writeAlerts(
        trx,
        items.map(i => i.next),
      );
      await this.finishIncidents(trx, items, work, now);
      const ids = items.map(i => i.next.id);
      const rows: AlertRow[] = await this.selectAlerts(trx)
        .whereIn('alerts.id', ids)
        .orderBy('alerts.dedup_key');
      const alerts = rows.map(alertFromRow);
      const mine = alerts.find(a => a.id === first.id)!;
      return {
        alerts,
        ...(mine.incidentId && mine.incidentRef
          ? { incident: { id: mine.incidentId, ref: mine.incidentRef } }
          : {}),
        ...(work.pending[0] ? { pending: work.pending[0] } : {}),
      };
    });
  }

  /** The alert's incident group, read without a lock (claims are locked before alerts). */
  private async peekGroupHash(trx: Knex.Transaction, alertId: string) {
    const row = z.string().uuid().safeParse(alertId).success
      ? await trx('alerts')
          .where({ id: alertId.toLowerCase() })
          .first('incident_group_hash')
      : undefined;
    if (!row) {
      throw new NotFoundError(`Alert ${alertId} not found`);
    }
    return row.incident_group_hash as string;
  }

  private async lockAlert(trx: Knex.Transaction, alertId: string) {
    if (!z.string().uuid().safeParse(alertId).success) {
      throw new NotFoundError(`Alert ${alertId} not found`);
    }
    const row: AlertRow | undefined = await trx('alerts')
      .where({ id: alertId.toLowerCase() })
      .forUpdate()
      .first();
    if (!row) {
      throw new NotFoundError(`Alert ${alertId} not found`);
    }
    return stateFromRow(row);
  }

  async claimForManualDeclaration(
    alertId: string,
    input: ManualDeclarationInput & { actor: string },
    context: IngestContext,
  ): Promise<ManualDeclarationOutcome> {
    const now = context.now;
    return this.transaction(async trx => {
      const hash = await this.peekGroupHash(trx, alertId);
      const { groups, incidents } = await this.readGroups(trx, [hash], {
        lock: true,
      });
      let alert = await this.lockAlert(trx, alertId);
      if (alert.incidentId) {
        const info = (await this.readIncidents(trx, [alert.incidentId])).get(
          alert.incidentId,
        );
        if (info && isOpenPhase(info.phase)) {
          throw new ConflictError(
            `Alert ${alertId} already belongs to open incident ${formatIncidentRef(
              info.number,
            )}`,
          );
        }
      }
      const entityRef = input.entityRef ?? alert.entityRef;
      if (!entityRef) {
        throw new InputError(
          'Invalid request body: entityRef: is required, the alert is not routed to an entity',
        );
      }
      if (entityRef !== alert.entityRef) {
        alert = { ...alert, entityRef, routedBy: 'manual', updatedAt: now };
        delete alert.routeNote;
        await this.writeAlerts(trx, [alert]);
      }
      const key = groupKeyOf(entityRef, alert.incidentGroupHash);
      const group = groups.get(key);
      if (group?.incident_id) {
        const info = incidents.get(group.incident_id);
        if (info && isOpenPhase(info.phase)) {
          const item: Item = {
            decision: {
              event: 'rerouted',
              next: alert,
              changed: true,
              created: false,
            },
            next: { ...alert, incidentId: info.id, updatedAt: now },
            joined: info.id,
            ...(alert.incidentId ? { left: alert.incidentId } : {}),
          };
          await this.writeAlerts(trx, [item.next]);
          await this.finishIncidents(
            trx,
            [item],
            { incidents, touched: [] },
            now,
          );
          return {
            kind: 'joined',
            incident: { id: info.id, ref: formatIncidentRef(info.number) },
          };
        }
      } else if (group?.claim_token) {
        const claimedAt = group.claimed_at
          ? Date.parse(toIsoString(group.claimed_at))
          : 0;
        if (claimedAt >= Date.parse(now) - context.claimTimeoutMs) {
          throw new ConflictError(
            "An incident is being declared for this alert's group right now; reload in a moment",
          );
        }
      }

      const generated = declarationFor(
        [{ ...alert, status: 'firing', ruleSeverity: input.severity }],
        context.rules,
      )!;
      const spec: DeclarationSpec = {
        ...generated,
        entityRef,
        severity: input.severity,
        title: input.title ?? generated.title,
        summary:
          input.summary ??
          generated.summary.replace(
            /^Declared automatically: alert (\S+) matched the \S+ declaration rule [^\n]*/,
            `Declared from alert $1.`,
          ),
        customerImpact: input.customerImpact ?? '',
        regions: input.regions ?? generated.regions,
        actor: input.actor,
      };
      const token = randomUUID();
      const values = {
        incident_group: alert.incidentGroup,
        incident_id: null,
        claim_token: token,
        claimed_at: toDbTimestamp(now),
        declaration: JSON.stringify(spec),
      };
      const claimed = group
        ? await trx('alert_incident_groups')
            .where({
              entity_ref: entityRef,
              group_hash: alert.incidentGroupHash,
              incident_id: group.incident_id,
              claim_token: group.claim_token,
            })
            .update(values)
        : (
            await trx('alert_incident_groups')
              .insert({
                entity_ref: entityRef,
                group_hash: alert.incidentGroupHash,
                created_at: toDbTimestamp(now),
                ...values,
              })
              .onConflict(['entity_ref', 'group_hash'])
              .ignore()
              .returning(['entity_ref'])
          ).length;
      if (!claimed) {
        throw new ConflictError(
          "An incident was just declared for this alert's group; reload to see it",
        );
      }
      return {
        kind: 'claimed',
        pending: {
          entityRef,
          groupHash: alert.incidentGroupHash,
          token,
          incidentGroup: alert.incidentGroup,
          spec,
        },
      };
    });
  }
}
