import { Knex } from 'knex';
import { isPostgres } from './dialect';

/** pg's type id of `timestamp with time zone`, the type of every timestamp column here. */
const TIMESTAMPTZ = 1184;

/** PostgreSQL's text of a UTC timestamptz: `2026-12-03 18:38:01.154326+00`. */
const PG_UTC = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?\+00$/;

/**
 * PostgreSQL's text of a timestamptz as the API's ISO 8601 form, truncated to milliseconds
 * as a Date would be. A session in another time zone (or a date outside years 1000–9999)
 * gives a text this does not slice; it becomes a Date, as pg would have made it.
 */
export function isoFromPostgresText(text: string): string | Date {
  const utc = PG_UTC.exec(text);
  if (!utc) {
    const [day, time = ''] = text.split(' ');
    // `+02` and `+05:30` → `+02:00` and `+05:30`, which Date reads.
    return new Date(`${day}T${time.replace(/([+-]\d\d)$/, '$1:00')}`);
  }
  const ms = `${utc[3] ?? ''}000`.slice(0, 3);
  return `${utc[1]}T${utc[2]}.${ms}Z`;
}

const optionsOfClient = new WeakMap<
  Knex.Client,
  Record<string, unknown> | undefined
>();

function optionsFor(client: Knex.Client): Record<string, unknown> | undefined {
  const driverTypes = client.driver?.types as
    | {
        getTypeParser(oid: number, format?: string): (text: string) => unknown;
      }
    | undefined;
  if (!driverTypes) {
    return undefined;
  }
  return {
    types: {
      getTypeParser: (oid: number, format?: string) =>
        oid === TIMESTAMPTZ && format !== 'binary'
          ? isoFromPostgresText
          : driverTypes.getTypeParser(oid, format),
    },
  };
}

/**
 * Query options that have pg hand timestamptz columns over as ISO text instead of Dates
 * (every other type is parsed as the driver always does). pg parsing each timestamp into a
 * Date and the API formatting it back into the same text was about a tenth of a list's CPU.
 * `toIsoString` passes the text through. SQLite returns epoch milliseconds; no options there.
 */
export function textTimestamps(
  db: Knex | Knex.Transaction,
): Record<string, unknown> | undefined {
  if (!isPostgres(db)) {
    return undefined;
  }
  if (!optionsOfClient.has(db.client)) {
    optionsOfClient.set(db.client, optionsFor(db.client));
  }
  return optionsOfClient.get(db.client);
}

/** `query` with {@link textTimestamps} when the store runs on PostgreSQL. */
export function withTextTimestamps<Q extends Knex.QueryBuilder>(
  db: Knex | Knex.Transaction,
  query: Q,
): Q {
  const options = textTimestamps(db);
  return options ? (query.options(options) as Q) : query;
}
