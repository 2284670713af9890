import { Knex } from 'knex';
import { isPostgres } from './dialect';
import { IncidentEntityRow, parseJson } from './rows';

/** What a page of incidents needs besides their rows. */
export interface IncidentRelated {
  /** Incident id → its entities, affected before downstream, then by ref. */
  entities: Map<string, IncidentEntityRow[]>;
  /** Incident id → its incident commander's user ref. */
  commanders: Map<string, string>;
}

interface RelatedRow {
  incident_id: string;
  entity_ref: string | null;
  relation: IncidentEntityRow['relation'] | null;
  owner_ref: string | null;
  user_ref: string | null;
}

/** Code-unit order, the same on both databases (SQLite's `order by` gives it too). */
function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

const byRelationThenRef = (a: IncidentEntityRow, b: IncidentEntityRow) =>
  compare(a.relation, b.relation) || compare(a.entity_ref, b.entity_ref);

/** An incident's entities in the order every read gives them: affected first, then by ref. */
export function sortIncidentEntities(
  rows: IncidentEntityRow[],
): IncidentEntityRow[] {
  return rows.sort(byRelationThenRef);
}

/**
 * The entities and commanders of incidents already read, in ONE statement (their two tables
 * side by side, `union all`). Reads of incidents take them in their own statement instead
 * ({@link relatedColumns}).
 */
export async function readRelated(
  db: Knex | Knex.Transaction,
  incidentIds: string[],
): Promise<IncidentRelated> {
  const related: IncidentRelated = {
    entities: new Map(),
    commanders: new Map(),
  };
  if (incidentIds.length === 0) {
    return related;
  }
  const entities = db('incident_entities')
    .whereIn('incident_id', incidentIds)
    .select(
      'incident_id',
      'entity_ref',
      'relation',
      'owner_ref',
      db.raw('null as user_ref'),
    );
  const commanders = db('incident_roles')
    .whereIn('incident_id', incidentIds)
    .where({ role: 'incident-commander' })
    .select(
      'incident_id',
      db.raw('null as entity_ref'),
      db.raw('null as relation'),
      db.raw('null as owner_ref'),
      'user_ref',
    );
  const rows: RelatedRow[] = await entities.unionAll(commanders);
  for (const row of rows) {
    if (row.user_ref !== null) {
      related.commanders.set(row.incident_id, row.user_ref);
      continue;
    }
    const list = related.entities.get(row.incident_id) ?? [];
    list.push({
      incident_id: row.incident_id,
      entity_ref: row.entity_ref!,
      relation: row.relation!,
      owner_ref: row.owner_ref,
    });
    related.entities.set(row.incident_id, list);
  }
  for (const list of related.entities.values()) {
    sortIncidentEntities(list);
  }
  return related;
}

/** The columns {@link relatedColumns} adds to an incident's row. */
export interface RelatedColumns {
  /** `[entity_ref, relation, owner_ref]` triples: JSON (PostgreSQL) or its text (SQLite). */
  related_entities: unknown;
  related_commander: string | null;
}

/**
 * An incident's entities and commander as two more columns of its own row (an aggregate and
 * a scalar subquery, each by its table's `incident_id` index), so that reading incidents
 * (a page, or one with its lock) is one statement. `incident_roles` holds at most one
 * commander per incident (its key is the incident and the role).
 */
export function relatedColumns(db: Knex | Knex.Transaction): Knex.Raw[] {
  const triples = isPostgres(db)
    ? 'json_agg(json_build_array(e.entity_ref, e.relation, e.owner_ref))'
    : 'json_group_array(json_array(e.entity_ref, e.relation, e.owner_ref))';
  return [
    db.raw(
      `(select ${triples} from incident_entities as e where e.incident_id = incidents.id) as related_entities`,
    ),
    db.raw(
      `(select r.user_ref from incident_roles as r where r.incident_id = incidents.id and r.role = 'incident-commander') as related_commander`,
    ),
  ];
}

/** What {@link relatedColumns} read, in the order every read gives it. */
export function relatedOfRow(row: { id: string } & RelatedColumns): {
  entities: IncidentEntityRow[];
  commanderRef?: string;
} {
  const triples =
    typeof row.related_entities === 'string'
      ? parseJson<[string, string, string | null][]>(row.related_entities, [])
      : ((row.related_entities ?? []) as [string, string, string | null][]);
  const entities = triples.map(([entityRef, relation, ownerRef]) => ({
    incident_id: row.id,
    entity_ref: entityRef,
    relation: relation as IncidentEntityRow['relation'],
    owner_ref: ownerRef,
  }));
  return {
    entities: sortIncidentEntities(entities),
    ...(row.related_commander ? { commanderRef: row.related_commander } : {}),
  };
}
