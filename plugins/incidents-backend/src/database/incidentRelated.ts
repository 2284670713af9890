import { Knex } from 'knex';
import { IncidentEntityRow } from './rows';

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
 * The entities and commanders of incidents in ONE statement (their two tables side by side,
 * `union all`), so that a page of incidents costs two round trips, not three.
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
