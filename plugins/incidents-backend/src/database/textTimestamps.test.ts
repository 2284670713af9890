import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { toIsoString } from './rows';
import {
  isoFromPostgresText,
  textTimestamps,
  withTextTimestamps,
} from './textTimestamps';

jest.setTimeout(60_000);

describe('isoFromPostgresText', () => {
  it.each([
    ['2026-12-03 18:38:01.154326+00', '2026-12-03T18:38:01.154Z'],
    ['2026-12-03 18:38:01.9+00', '2026-12-03T18:38:01.900Z'],
    ['2026-12-03 18:38:01.999999+00', '2026-12-03T18:38:01.999Z'],
    ['2026-12-03 18:38:01+00', '2026-12-03T18:38:01.000Z'],
  ])('slices the UTC text %s', (text, iso) => {
    expect(isoFromPostgresText(text)).toBe(iso);
  });

  it.each([
    ['2026-12-03 20:38:01.154326+02', '2026-12-03T18:38:01.154Z'],
    ['2026-12-04 00:08:01+05:30', '2026-12-03T18:38:01.000Z'],
    ['2026-12-03 15:38:01.5-03', '2026-12-03T18:38:01.500Z'],
  ])('reads the text %s of another time zone as a Date', (text, iso) => {
    const value = isoFromPostgresText(text);
    expect(value).toBeInstanceOf(Date);
    expect(toIsoString(value)).toBe(iso);
  });
});

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

it('adds no query options on SQLite', async () => {
  expect(textTimestamps(await databases.init('SQLITE_3'))).toBeUndefined();
  expect(textTimestamps(await databases.init('POSTGRES_15'))).toBeDefined();
});

const at = [
  new Date('2026-12-03T18:38:01.154Z'),
  new Date('2025-01-01T00:00:00.000Z'),
  new Date('2024-02-29T23:59:59.999Z'),
];

const read = (db: Knex | Knex.Transaction) =>
  withTextTimestamps(db, db('stamps').select().orderBy('n'));

describe.each(databases.eachSupportedId())('textTimestamps on %s', id => {
  let knex: Knex;

  beforeAll(async () => {
    knex = await databases.init(id);
    await knex.schema.createTable('stamps', table => {
      table.integer('n').notNullable();
      table.timestamp('at', { useTz: true }).nullable();
      table.boolean('flag').notNullable();
      table.json('doc').notNullable();
    });
    await knex('stamps').insert([
      ...at.map((d, n) => ({ n, at: d, flag: n % 2 === 0, doc: '{"a":1}' })),
      { n: 3, at: null, flag: false, doc: '{"a":2}' },
    ]);
  });

  it('gives the same ISO times as the driver, and other types as it parses them', async () => {
    const plain = await knex('stamps').select().orderBy('n');
    const text = await read(knex);
    expect(text.map(r => r.at && toIsoString(r.at))).toEqual([
      ...at.map(d => d.toISOString()),
      null,
    ]);
    expect(text.map(r => r.at && toIsoString(r.at))).toEqual(
      plain.map(r => r.at && toIsoString(r.at)),
    );
    expect(text.map(r => [r.n, r.flag, r.doc])).toEqual(
      plain.map(r => [r.n, r.flag, r.doc]),
    );
  });
});

// What only PostgreSQL does: timestamps come as text, in the session's time zone.
describe('textTimestamps on PostgreSQL', () => {
  let knex: Knex;

  beforeAll(async () => {
    knex = await databases.init('POSTGRES_15');
    await knex.schema.createTable('stamps', table => {
      table.integer('n').notNullable();
      table.timestamp('at', { useTz: true }).notNullable();
    });
    await knex('stamps').insert(at.map((d, n) => ({ n, at: d })));
  });

  it('hands timestamps over as text and other types parsed', async () => {
    const rows = await read(knex);
    expect(rows.map(r => typeof r.at)).toEqual(['string', 'string', 'string']);
    expect(rows.map(r => r.n)).toEqual([0, 1, 2]);
  });

  it('reads the right instants in a session of another time zone', async () => {
    await knex.transaction(async trx => {
      await trx.raw("set local time zone 'Asia/Kolkata'");
      const rows = await read(trx);
      expect(rows.slice(0, 3).map(r => toIsoString(r.at))).toEqual(
        at.map(d => d.toISOString()),
      );
    });
  });
});
