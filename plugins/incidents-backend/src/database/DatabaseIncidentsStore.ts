import { DatabaseService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  Incident,
  Page,
  PageTotal,
  TimelineEntry,
  formatIncidentRef,
  OPEN_PHASES,
  isOpenPhase,
} from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import {
  Effect,
  IncidentChange,
  IncidentFilter,
  NewIncident,
  announcement,
} from '../domain';
import {
  decodeIncidentCursor,
  decodeTimelineCursor,
  encodeIncidentCursor,
  encodeTimelineCursor,
} from './cursor';
import { IncidentTransactions, IncidentWork } from './IncidentTransactions';
import { migratedClient } from './migratedClient';
import { ClaimedEffect, enqueueClaimedEffects, enqueueEffects } from './outbox';
import { syncIncidentCopies } from './incidentCopies';
import { bothCases, whereIncidentTouches } from './incidentEntities';
import {
  readRelated,
  RelatedColumns,
  relatedColumns,
  relatedOfRow,
  sortIncidentEntities,
} from './incidentRelated';
import { PageOrder, pageTotal } from './keysetPage';
import { followUpPages } from '../domain/response';
import {
  applyPageFollowUp,
  insertPages,
  readOpenPages,
  insertFirstRoles,
  lastCommander,
} from './responseRows';
import {
  GetIncidentOptions,
  IncidentsStore,
  IncidentKey,
  ListIncidentsOptions,
  ListTimelineOptions,
  MutationContext,
  MutationResult,
} from './IncidentsStore';
import {
  IncidentEntityRow,
  IncidentRow,
  TimelineRow,
  columnsForChanges,
  incidentFromRow,
  timelineEntryFromRow,
  toDbTimestamp,
} from './rows';
import { listBySlaDue } from './sla/listBySlaDue';
import { listBySeverity } from './listBySeverity';
import { orWhereMatchesText, searchTerms } from './textSearch';
import { whereIncidentVisible } from './visibility';
import {
  IncidentWrite,
  IncidentWriteHook,
  derivedAtDeclaration,
  runWriteHooks,
} from './writeHooks';
import { SYSTEM_ACTOR } from '../domain/response/names';
import { withTextTimestamps } from './textTimestamps';
import { isPostgres } from './dialect';

const INCIDENT_COUNTER = 'incident';

/** How long a write waits for its effects' delivery before answering anyway. */
const DELIVERY_WAIT_MS = 3_000;

/** PostgreSQL `integer`: larger human numbers cannot exist, and must not reach the query. */
const MAX_NUMBER = 2_147_483_647;

function describeKey(key: IncidentKey): string {
  return 'id' in key ? key.id : formatIncidentRef(key.number);
}

/** Whether a filter asks for open incidents only (a few percent of all: partial indexes). */
function listsOpenOnly(filter: IncidentFilter): boolean {
  return filter.phases?.every(isOpenPhase) ?? false;
}

/**
 * The entity of a list of one entity's open incidents (the Incidents tab), spelled as it is
 * stored; undefined for any other list (owners, several entities, closed ones), or for a ref
 * that may be stored in two spellings.
 */
function openListOfOneEntity(filter: IncidentFilter): string | undefined {
  if (!listsOpenOnly(filter) || filter.ownerRefs || !filter.entityRefs) {
    return undefined;
  }
  const refs = bothCases(filter.entityRefs);
  return refs.length === 1 ? refs[0] : undefined;
}

/** Counts of matching incidents stop here: beyond it the answer is "at least this many". */
export const TOTAL_CAP = 1000;

/** The incidents columns the API reads (never `*`: other plugins' columns stay out). */
const INCIDENT_COLUMNS = [
  'id',
  'number',
  'title',
  'summary',
  'customer_impact',
  'severity',
  'phase',
  'regions',
  'restricted',
  'source',
  'created_by',
  'declared_at',
  'acknowledged_at',
  'mitigated_at',
  'resolved_at',
  'closed_at',
  'updated_at',
  'version',
  'cost_impact',
  'data_exposure',
  'backlog_group_ref',
  'backlog_assign_at',
  'backlog_assigned_at',
  'sla_due_at',
].map(column => `incidents.${column}`);

/**
 * Knex implementation of {@link IncidentsStore}, tested on SQLite and PostgreSQL.
 *
 * @public
 */
export class DatabaseIncidentsStore
  implements IncidentsStore, IncidentTransactions
{
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseIncidentsStore> {
    return new DatabaseIncidentsStore(await migratedClient(options));
  }

  /**
   * Called after a transaction that wrote effects of this incident has committed: delivers
   * them. Its failure never fails the write (the scheduled delivery task sends what is left).
   * `claimed`: a new incident's effects, written already claimed (see `claimLeaseMs`).
   */
  onEffectsCommitted: (
    incidentId: string,
    claimed?: ClaimedEffect[],
  ) => Promise<void> = async () => {};

  /**
   * When set (by the delivery that `onEffectsCommitted` runs), a declaration writes its
   * effects claimed for this long and hands the claims over after its commit: its delivery
   * needs no claim of its own. Unset, they wait for whoever claims them.
   */
  claimLeaseMs: number | undefined;

  private readonly hooks: IncidentWriteHook[] = [];

  private constructor(private readonly db: Knex) {}

  /** Work every later write runs in its transaction (SLA clocks, communication duties). */
  addWriteHook(hook: IncidentWriteHook): void {
    this.hooks.push(hook);
  }

  /**
   * Waits (a bounded time) for the delivery of what the write caused, so that the caller's
   * answer comes after the page went out; a slow or failed delivery never fails the write:
   * the outbox task delivers what is left.
   */
  private async afterCommit(
    incidentId: string,
    claimed?: ClaimedEffect[],
  ): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.onEffectsCommitted(incidentId, claimed),
        new Promise<void>(resolve => {
          timer = setTimeout(resolve, DELIVERY_WAIT_MS);
          timer.unref?.();
        }),
      ]);
    } catch {
      // Delivered later by the outbox task; the write itself has committed.
    } finally {
      clearTimeout(timer);
    }
  }

  async declareIncident(input: NewIncident): Promise<Incident> {
    const declared = await this.db.transaction(async trx => {
      const id = randomUUID();
      const at = toDbTimestamp(input.declaredAt);
      const derived = derivedAtDeclaration(this.hooks, input);

      const unnumbered: Omit<IncidentRow, 'number'> = {
        id,
        title: input.title,
        summary: input.summary,
        customer_impact: input.customerImpact,
        severity: input.severity,
        phase: 'declared',
        regions: JSON.stringify(input.regions),
        restricted: input.restricted,
        source: input.source,
        created_by: input.createdBy,
        declared_at: at,
        acknowledged_at: null,
        mitigated_at: null,
        resolved_at: null,
        closed_at: null,
        updated_at: at,
        version: 1,
        cost_impact: input.costImpact ?? false,
        data_exposure: input.dataExposure ?? false,
        backlog_group_ref: input.backlog?.groupRef ?? null,
        backlog_assign_at: input.backlog
          ? toDbTimestamp(input.backlog.assignAt)
          : null,
        backlog_assigned_at: input.backlog?.assignedAt
          ? toDbTimestamp(input.backlog.assignedAt)
          : null,
        sla_due_at: derived.slaDueAt ? toDbTimestamp(derived.slaDueAt) : null,
      };
      const number = await insertNumbered(trx, unnumbered);
      const row: IncidentRow = { ...unnumbered, number };
      const entities: IncidentEntityRow[] = input.entities.map(e => ({
        incident_id: id,
        entity_ref: e.entityRef,
        relation: e.relation,
        owner_ref: e.ownerRef ?? null,
      }));
      if (entities.length > 0) {
        await trx('incident_entities').insert(
          entities.map(e => ({
            ...e,
            incident_severity: input.severity,
            incident_number: number,
            incident_declared_at: unnumbered.declared_at,
          })),
        );
      }
      const declaredBy = { actor: input.createdBy, at: input.declaredAt };
      await insertFirstRoles(trx, id, input.roles ?? [], {
        ...declaredBy,
        incident: {
          number,
          severity: input.severity,
          restricted: input.restricted,
          closed: false,
        },
      });
      await insertPages(trx, id, input.pages ?? [], declaredBy);
      await this.appendTimeline(trx, id, input.timeline, declaredBy);

      // The incident as a read gives it, from what was just written (no read back).
      const read = incidentFromRow(
        row,
        sortIncidentEntities(entities),
        lastCommander(input.roles ?? []),
      );
      const followed = await this.afterWrite(trx, {
        after: read,
        actor: input.createdBy,
        at: input.declaredAt,
      });
      const incident = followed.incident;
      const effects = [
        ...(input.effects?.(incident) ?? []),
        ...followed.effects,
        ...announcement(incident, {
          kind: 'declared',
          actor: input.createdBy,
          at: input.declaredAt,
          changeId: 'declared',
        }),
      ];
      const now = new Date(input.declaredAt);
      if (this.claimLeaseMs === undefined) {
        await enqueueEffects(trx, effects, now, id);
        return { incident };
      }
      const claimed = await enqueueClaimedEffects(
        trx,
        effects,
        now,
        id,
        this.claimLeaseMs,
      );
      return { incident, claimed };
    });
    await this.afterCommit(declared.incident.id, declared.claimed);
    return declared.incident;
  }

  /** Reaches the database within `timeoutMs` (health checks); throws when it cannot. */
  async ping(timeoutMs = 2000): Promise<void> {
    await this.db.raw('select 1').timeout(timeoutMs, { cancel: false });
  }

  async getIncident(
    key: IncidentKey,
    options: GetIncidentOptions = {},
  ): Promise<Incident | undefined> {
    return this.readIncident(this.db, key, { visibleTo: options.visibleTo });
  }

  async listIncidents(options: ListIncidentsOptions): Promise<Page<Incident>> {
    if (options.sort === 'sla') {
      return listBySlaDue(options, {
        filtered: () => this.filtered(options),
        items: (ids, order) => this.pageOf(ids, order),
      });
    }
    if (options.sort === 'severity') {
      const entityRef = openListOfOneEntity(options);
      if (entityRef) {
        // The Incidents tab: the entity's open rows of incident_entities in severity order
        // (their copies and the partial index of migration 20261201190100), so that the
        // page is read from the index, not sorted out of all its open incidents. When every
        // open phase is asked for, the rows' flag is the whole phase filter (the store keeps
        // it with the phase), so the planner stops after the page instead of joining all.
        const allOpen = OPEN_PHASES.every(p => options.phases?.includes(p));
        return listBySeverity(
          options,
          {
            filtered: () =>
              this.filtered({
                ...options,
                entityRefs: undefined,
                phases: allOpen ? undefined : options.phases,
              })
                .join(
                  'incident_entities as ordered',
                  'ordered.incident_id',
                  'incidents.id',
                )
                .where('ordered.entity_ref', entityRef)
                .whereRaw('not ordered.incident_closed'),
            items: (ids, order) => this.pageOf(ids, order),
            total: () => this.total(options),
          },
          {
            column: 'ordered.incident_severity',
            number: 'ordered.incident_number',
          },
        );
      }
      return listBySeverity(options, {
        filtered: () => this.filtered(options),
        items: (ids, order) => this.pageOf(ids, order),
        total: () => this.total(options),
      });
    }
    const after = options.cursor
      ? decodeIncidentCursor(options.cursor)
      : undefined;

    // Keyset pagination on the unique number: every filter has an index ending in it.
    // The page's ids (from the indexes alone where they can) and its rows in one statement.
    const order: PageOrder = [{ column: 'incidents.number', order: 'desc' }];
    const query = this.filtered(options)
      .select('incidents.id')
      .orderBy(order)
      .limit(options.limit + 1);
    if (after) {
      query.where('incidents.number', '<', after.n);
    }
    const found = await this.pageOf(query, order);
    const items = found.slice(0, options.limit);
    return {
      items,
      ...(options.includeTotal
        ? {
            total: await pageTotal(options, found.length, () =>
              this.total(options),
            ),
          }
        : {}),
      ...(found.length > options.limit
        ? { nextCursor: encodeIncidentCursor(items[items.length - 1].number) }
        : {}),
    };
  }

  /** How many incidents match, counted up to {@link TOTAL_CAP} (an index range, never all). */
  private async total(options: ListIncidentsOptions): Promise<PageTotal> {
    const matching = this.filtered(options)
      .select('incidents.id')
      .limit(TOTAL_CAP + 1);
    // In number order the count walks an index range and stops at the cap. Free text reads
    // its matches from the full-text index, and open phases (a few percent of incidents)
    // from the (phase, number) index, a range per phase: ordering them would sort every
    // match before counting.
    if (!options.q && !listsOpenOnly(options)) {
      matching.orderBy('incidents.number', 'desc');
    }
    const row = await this.db
      .from(matching.as('matching'))
      .count({ count: '*' })
      .first();
    const count = Number(row?.count ?? 0);
    return { count: Math.min(count, TOTAL_CAP), capped: count > TOTAL_CAP };
  }

  async mutateIncident(
    key: IncidentKey,
    context: MutationContext,
    decide: (current: Incident) => IncidentChange | undefined,
  ): Promise<MutationResult> {
    const { incident, entries } = await this.mutateIncidentWith(
      key,
      context,
      async current => ({ change: decide(current), result: undefined }),
    );
    return { incident, entries };
  }

  async mutateIncidentWith<T>(
    key: IncidentKey,
    context: MutationContext,
    work: (
      current: Incident,
      trx: Knex.Transaction,
    ) => Promise<IncidentWork<T>>,
  ): Promise<MutationResult & { result: T }> {
    const outcome = await this.db.transaction(async trx => {
      const current = await this.readIncident(trx, key, { lock: true });
      if (!current) {
        throw new NotFoundError(`Incident ${describeKey(key)} not found`);
      }
      if (
        context.expectedVersion !== undefined &&
        context.expectedVersion !== current.version
      ) {
        throw Object.assign(
          new ConflictError(
            `Incident ${current.ref} has changed since you loaded it: you sent version ${context.expectedVersion}, the current version is ${current.version}. Reload and try again.`,
          ),
          { currentVersion: current.version },
        );
      }

      const worked = await work(current, trx);
      const { result, effects = [] } = worked;
      const change = await this.withPageFollowUp(
        trx,
        current,
        worked.change,
        context,
      );
      if (!change) {
        await enqueueEffects(trx, effects, new Date(context.at), current.id);
        return { incident: current, entries: [], result, effects };
      }

      const columns = columnsForChanges(change.fields);
      const changesFields = Object.keys(columns).length > 0;
      const updated = await trx('incidents')
        .where({ id: current.id, version: current.version })
        .update({
          ...columns,
          updated_at: toDbTimestamp(context.at),
          ...(changesFields ? { version: current.version + 1 } : {}),
        });
      if (updated !== 1) {
        // Unreachable while the row lock holds; kept so that a lost update can never pass.
        throw new ConflictError(
          `Incident ${current.ref} was changed concurrently. Reload and try again.`,
        );
      }
      // The copies behind the open-incident indexes.
      await syncIncidentCopies(trx, current.id, {
        before: current,
        phase: change.fields.phase,
        severity: change.fields.severity,
      });
      const written = await this.appendTimeline(
        trx,
        current.id,
        change.timeline,
        context,
      );
      const read = (await this.readIncident(trx, { id: current.id }))!;
      const followed = await this.afterWrite(trx, {
        before: current,
        after: read,
        actor: context.actor,
        at: context.at,
      });
      const incident = followed.incident;
      const entries = [...written, ...followed.entries];
      const all: Effect[] = [
        ...(change.effects ?? []),
        ...effects,
        ...followed.effects,
      ];
      if (changesFields || entries.length > 0) {
        all.push(
          ...announcement(incident, {
            kind: change.announce ?? 'updated',
            actor: context.actor,
            at: context.at,
            changeId: randomUUID(),
          }),
        );
      }
      await enqueueEffects(trx, all, new Date(context.at), current.id);
      return { incident, entries, result, effects: all };
    });
    if (outcome.effects.length > 0) {
      await this.afterCommit(outcome.incident.id);
    }
    const { effects: _written, ...written } = outcome;
    return written;
  }

  /**
   * A page follows its incident (see `followUpPages`): whatever the change, its effect on the
   * incident's open pages is written in the same transaction, with its timeline entries.
   */
  private async withPageFollowUp(
    trx: Knex.Transaction,
    current: Incident,
    change: IncidentChange | undefined,
    context: MutationContext,
  ): Promise<IncidentChange | undefined> {
    const openPages = await readOpenPages(trx, current.id);
    if (openPages.length === 0) {
      return change;
    }
    const commanderAfter = (
      await readRelated(trx, [current.id])
    ).commanders.get(current.id);
    const followUp = followUpPages({
      incident: current,
      fields: change?.fields ?? {},
      actor: context.actor,
      commanderBefore: current.commanderRef,
      commanderAfter,
      openPages,
    });
    if (followUp.timeline.length === 0) {
      return change;
    }
    await applyPageFollowUp(trx, followUp, context);
    return {
      ...(change ?? { fields: {}, announce: 'pages' }),
      timeline: [...(change?.timeline ?? []), ...followUp.timeline],
      effects: [...(change?.effects ?? []), ...followUp.effects],
    };
  }

  async listTimeline(
    incidentId: string,
    options: ListTimelineOptions,
  ): Promise<Page<TimelineEntry>> {
    const after = options.cursor
      ? decodeTimelineCursor(options.cursor)
      : undefined;

    const query = withTextTimestamps(
      this.db,
      this.db<TimelineRow>('incident_timeline'),
    )
      .where({ incident_id: incidentId })
      .orderBy([
        { column: 'at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(options.limit + 1);
    if (after) {
      const at = toDbTimestamp(after.at);
      query.where(inner =>
        inner
          .where('at', '>', at)
          .orWhere(same =>
            same.where('at', '=', at).andWhere('id', '>', Number(after.id)),
          ),
      );
    }
    const rows = await query;
    const items = rows.slice(0, options.limit).map(timelineEntryFromRow);
    const last = items[items.length - 1];
    return {
      items,
      ...(rows.length > options.limit
        ? { nextCursor: encodeTimelineCursor(last.at, last.id) }
        : {}),
    };
  }

  /** See {@link PageItems}: the rows with their entities and commanders, one statement. */
  private async pageOf(
    ids: Knex.QueryBuilder,
    order: PageOrder,
  ): Promise<Incident[]> {
    const rows: (IncidentRow & RelatedColumns)[] = await withTextTimestamps(
      this.db,
      this.db('incidents')
        .whereIn('incidents.id', ids)
        .select([...INCIDENT_COLUMNS, ...relatedColumns(this.db)])
        .orderBy(order),
    );
    return rows.map(row => {
      const related = relatedOfRow(row);
      return incidentFromRow(row, related.entities, related.commanderRef);
    });
  }

  /**
   * Runs the write hooks in the write's transaction: their timeline entries are appended (as
   * the system) and their effects join the write's.
   */
  private async afterWrite(
    trx: Knex.Transaction,
    write: IncidentWrite,
  ): Promise<{
    entries: TimelineEntry[];
    effects: Effect[];
    incident: Incident;
  }> {
    if (this.hooks.length === 0) {
      return { entries: [], effects: [], incident: write.after };
    }
    const outcome = await runWriteHooks(this.hooks, trx, write);
    const entries = await this.appendTimeline(
      trx,
      write.after.id,
      outcome.timeline,
      { actor: SYSTEM_ACTOR, at: write.at },
    );
    const { slaDueAt: _stale, ...rest } = write.after;
    const slaDueAt =
      outcome.derived && 'slaDueAt' in outcome.derived
        ? outcome.derived.slaDueAt
        : write.after.slaDueAt;
    return {
      entries,
      effects: outcome.effects,
      incident: slaDueAt ? { ...rest, slaDueAt } : rest,
    };
  }

  /**
   * The incidents matching a list filter, as a query on `incidents` to select from. The
   * caller's visibility is one more condition of the same WHERE clause, so that hidden
   * incidents never reach a page, a total or a cursor.
   */
  private filtered(
    filter: IncidentFilter & Pick<ListIncidentsOptions, 'visibleTo'>,
  ): Knex.QueryBuilder {
    const query = this.db('incidents');
    if (filter.visibleTo) {
      whereIncidentVisible(query, this.db, filter.visibleTo);
    }
    if (filter.phases) {
      query.whereIn('incidents.phase', filter.phases);
    }
    if (filter.severities) {
      query.whereIn('incidents.severity', filter.severities);
    }
    whereIncidentTouches(query, this.db, 'incidents.id', {
      ...filter,
      openOnly: listsOpenOnly(filter),
    });
    if (filter.q) {
      const terms = searchTerms(filter.q);
      const number = /^(?:INC-)?(\d{1,10})$/i.exec(filter.q.trim());
      const byNumber = number && Number(number[1]) <= MAX_NUMBER;
      query.where(inner => {
        orWhereMatchesText(inner, this.db, terms);
        if (byNumber) {
          inner.orWhere('incidents.number', Number(number[1]));
        }
        if (terms.length === 0 && !byNumber) {
          inner.whereRaw('1 = 0');
        }
      });
    }
    return query;
  }

  private async readIncident(
    db: Knex | Knex.Transaction,
    key: IncidentKey,
    options: { lock?: boolean } & GetIncidentOptions = {},
  ): Promise<Incident | undefined> {
    if ('number' in key && !(key.number > 0 && key.number <= MAX_NUMBER)) {
      return undefined;
    }
    const query = withTextTimestamps(
      db,
      db<IncidentRow>('incidents')
        .where(
          'id' in key ? 'incidents.id' : 'incidents.number',
          'id' in key ? key.id : key.number,
        )
        .first(...INCIDENT_COLUMNS, ...relatedColumns(db)),
    );
    if (options.visibleTo) {
      whereIncidentVisible(query, db, options.visibleTo);
    }
    if (options.lock) {
      // FOR UPDATE in PostgreSQL; SQLite has none and needs none (one writer at a time).
      query.forUpdate();
    }
    const row = (await query) as (IncidentRow & RelatedColumns) | undefined;
    if (!row) {
      return undefined;
    }
    const related = relatedOfRow(row);
    return incidentFromRow(row, related.entities, related.commanderRef);
  }

  private async appendTimeline(
    trx: Knex.Transaction,
    incidentId: string,
    entries: IncidentChange['timeline'],
    context: { actor: string; at: string },
  ): Promise<TimelineEntry[]> {
    if (entries.length === 0) return [];
    // One statement for all entries. The ids grow in the order of the rows inserted, on both
    // databases, but RETURNING promises no order: sorted, they pair up with the entries.
    const inserted: ({ id: number | string } | number | string)[] = await trx(
      'incident_timeline',
    )
      .insert(
        entries.map(entry => ({
          incident_id: incidentId,
          at: toDbTimestamp(context.at),
          actor: context.actor,
          kind: entry.kind,
          body: entry.body,
          details: JSON.stringify(entry.details),
        })),
      )
      .returning('id');
    const ids = inserted
      .map(row => Number(typeof row === 'object' ? row.id : row))
      .sort((a, b) => a - b);
    return entries.map((entry, index) => ({
      id: String(ids[index]),
      incidentId,
      at: new Date(context.at).toISOString(),
      actor: context.actor,
      kind: entry.kind,
      body: entry.body,
      details: entry.details,
    }));
  }
}

/**
 * The next human number. PostgreSQL: from the `incident_numbers` sequence, which takes no lock,
 * so that concurrent declarations do not queue on one row for their whole transaction (a
 * declaration that fails afterwards leaves a gap). SQLite: the counter row, gap-free, since
 * its write lock serialises declarations anyway (a rollback gives the number back). The
 * unique index on `number` is the last line of defence.
 */
/**
 * Inserts a new incident's row under the next incident number and returns the number. On
 * PostgreSQL the number is drawn by the insert itself (one round trip); SQLite's counter row
 * is incremented first, under its single writer.
 */
async function insertNumbered(
  trx: Knex.Transaction,
  row: Omit<IncidentRow, 'number'>,
): Promise<number> {
  if (isPostgres(trx)) {
    const [inserted] = await trx('incidents')
      .insert({ ...row, number: trx.raw("nextval('incident_numbers')") })
      .returning('number');
    return Number(inserted.number);
  }
  const updated = await trx('incident_counters')
    .where({ name: INCIDENT_COUNTER })
    .increment('value', 1);
  if (!updated) {
    throw new Error(
      `Incident counter '${INCIDENT_COUNTER}' is missing; were the migrations applied?`,
    );
  }
  const counter = await trx('incident_counters')
    .where({ name: INCIDENT_COUNTER })
    .first('value');
  const number = Number(counter.value);
  await trx('incidents').insert({ ...row, number });
  return number;
}
