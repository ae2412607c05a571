import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { insertTestCheck } from '../../../../test/checks';
import { describeEachDialect } from '../../../../test/db';
import { inPieces, paddedIdLists, ReusableQuery } from './reusable-query';

describe('pieces of a batch', () => {
  it('splits rows into powers of two, largest first, in their order', () => {
    const rows = Array.from({ length: 93 }, (_, index) => index);
    const pieces = inPieces(rows);
    expect(pieces.map((piece) => piece.length)).toEqual([64, 16, 8, 4, 1]);
    expect(pieces.flat()).toEqual(rows);
    expect(inPieces(Array.from({ length: 300 }, () => 0)).map((piece) => piece.length)).toEqual([
      128, 128, 32, 8, 4,
    ]);
    expect(inPieces([])).toEqual([]);
  });

  it('pads id lists to a power of two with their last id, 128 ids at most', () => {
    expect(paddedIdLists([4, 9, 2, 7, 5])).toEqual([[4, 9, 2, 7, 5, 5, 5, 5].map((id) => ({ id }))]);
    const lists = paddedIdLists(Array.from({ length: 130 }, (_, index) => index + 1));
    expect(lists.map((list) => list.length)).toEqual([128, 2]);
    expect(lists[1]).toEqual([{ id: 129 }, { id: 130 }]);
  });
});

describeEachDialect('a query compiled once', (storage) => {
  const selectNames = new ReusableQuery(['id'], (db, rows: { id: number }[]) =>
    db
      .selectFrom('checks')
      .select(['id', 'name', 'downQuorum'])
      .where(
        'id',
        'in',
        rows.map((row) => row.id),
      )
      .orderBy('id'),
  );

  it('runs again with other values, through Kysely or a statement kept on the SQLite handle', async () => {
    const { db, dialect, sqlite } = storage();
    const first = await insertTestCheck(db, { name: 'first' });
    const second = await insertTestCheck(db, { name: 'second' });
    const viaKysely = await selectNames.execute({ db, dialect }, [{ id: first }, { id: second }]);
    expect(viaKysely.rows).toEqual([
      { id: first, name: 'first', downQuorum: 1 },
      { id: second, name: 'second', downQuorum: 1 },
    ]);
    const other = await selectNames.execute({ db, dialect, sqlite }, [{ id: second }, { id: second }]);
    // The same rows, with the same (camel-cased) names, whichever way the query ran.
    expect(other.rows).toEqual([{ id: second, name: 'second', downQuorum: 1 }]);
  });

  it('refuses a query that writes a value into its SQL', async () => {
    const { db, dialect } = storage();
    const inlined = new ReusableQuery(['name'], (builder, rows: { name: string }[]) =>
      builder.selectFrom('checks').select('id').where('name', '=', sql.lit(rows[0]!.name)),
    );
    await expect(inlined.execute({ db, dialect }, [{ name: 'x' }])).rejects.toThrow('inlined a value');
  });
});
