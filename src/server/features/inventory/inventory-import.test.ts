import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { json } from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';
import type { ImportReport, Item, ItemPage } from '../../../shared/contracts/inventory';
import type { ErrorBody } from '../../../shared/errors';
import { buildInventoryWorld, buildItem, type Headers, postItem } from './inventory.test-support';
import { importItemsCsv } from './inventory-import.service';

type World = Awaited<ReturnType<typeof buildInventoryWorld>>;

describeEachDialect('inventory CSV import and export', (storage) => {
  let world: World;
  let app: FastifyInstance;
  let admin: Headers;
  beforeAll(async () => {
    world = await buildInventoryWorld(storage());
    app = world.app;
    admin = world.users.admin.headers;
  });
  afterAll(() => app?.close());

  const importCsv = async (csv: string, dryRun: boolean, headers: Headers = admin) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/items/import',
      headers,
      payload: { csv, dryRun },
    });
    return { status: response.statusCode, report: json<ImportReport>(response), body: response.body };
  };
  const itemsNamed = async (q: string) =>
    json<ItemPage>(
      await app.inject({ url: `/api/v1/items?q=${encodeURIComponent(q)}&pageSize=200`, headers: admin }),
    ).rows;
  const auditCount = async () =>
    Number(
      (
        await world.ctx.db
          .selectFrom('auditLog')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  // As Italian Excel saves it: BOM, semicolons, CRLF, decimal commas, a quoted newline, doubled quotes.
  const italianCsv = [
    '\uFEFFname;kind;description;ownerTeam;criticality;environment;purchaseCost;annualCost;tags;attr.rack;warrantyEnd',
    'it-mail;server;"Posta aziendale\r\nseconda riga ""importante""";Ops;1;production;1.234,56;99,9;mail|eu;R12;31/12/2027',
    'it-web;application;;Net;2;;12000;;;;2028-01-31',
    '',
  ].join('\r\n');

  it('previews an Italian Excel file without writing, then applies it in one go with audit records', async () => {
    const auditBefore = await auditCount();
    const preview = await importCsv(italianCsv, true);
    expect(preview.status).toBe(200);
    expect(preview.report).toEqual({
      isValid: true,
      isApplied: false,
      separator: ';',
      counts: { create: 2, update: 0, unchanged: 0, error: 0 },
      rows: [
        { line: 2, action: 'create', name: 'it-mail', errors: [] },
        { line: 4, action: 'create', name: 'it-web', errors: [] },
      ],
    });
    expect(await itemsNamed('it-')).toEqual([]);
    expect(await auditCount()).toBe(auditBefore);

    const applied = await importCsv(italianCsv, false);
    expect(applied.report).toMatchObject({ isValid: true, isApplied: true, counts: { create: 2 } });
    const [mail, web] = await itemsNamed('it-');
    expect(mail).toMatchObject({
      name: 'it-mail',
      kind: 'server',
      description: 'Posta aziendale\nseconda riga "importante"',
      ownerTeamId: world.ops.id,
      criticality: 1,
      environment: 'production',
      purchaseCostCents: 123456,
      annualCostCents: 9990,
      tags: ['eu', 'mail'],
      attributes: { rack: 'R12' },
      warrantyEnd: '2027-12-31',
    });
    expect(web).toMatchObject({
      ownerTeamId: world.net.id,
      purchaseCostCents: 1_200_000,
      tags: [],
      attributes: {},
    });
    expect(await auditCount()).toBe(auditBefore + 2);

    const again = await importCsv(italianCsv, false);
    expect(again.report.counts).toEqual({ create: 0, update: 0, unchanged: 2, error: 0 });
    expect(await auditCount()).toBe(auditBefore + 2);
  });

  it('writes nothing while one row is invalid, and names its line and column', async () => {
    const csv = [
      'name,kind,criticality,description,annualCost,ownerTeam',
      'bad-1,server,2,"two\nlines",10,Ops',
      'bad-2,server,high,,1.234,Nobody',
      'bad-3,toaster,1,,,',
      ',server,1,,,',
      'bad-1,server,1,,,',
    ].join('\n');
    const auditBefore = await auditCount();
    const { status, report } = await importCsv(csv, false);
    expect(status).toBe(200);
    expect(report).toMatchObject({ isValid: false, isApplied: false, counts: { create: 1, error: 4 } });
    expect(report.rows.map((row) => [row.line, row.action, row.errors.map((error) => error.column)])).toEqual(
      [
        [2, 'create', []],
        [4, 'error', ['criticality', 'annualCost', 'ownerTeam']],
        [5, 'error', ['kind']],
        [6, 'error', ['name']],
        [7, 'error', ['name']],
      ],
    );
    expect(report.rows[1]?.errors[1]?.message).toMatch(/ambiguous/);
    expect(report.rows[4]?.errors[0]?.message).toMatch(/line 2/);
    expect(await itemsNamed('bad-')).toEqual([]);
    expect(await auditCount()).toBe(auditBefore);
  });

  it('reports unknown columns and broken quoting as errors of the file', async () => {
    const unknown = await importCsv('name,kind,colour,size\nx,server,red,big\n', true);
    expect(unknown.report).toMatchObject({ isValid: false, rows: [{ line: 1, action: 'error' }] });
    expect(unknown.report.rows[0]?.errors.map((error) => error.column)).toEqual(['colour', 'size']);
    const broken = await importCsv('name,kind\nok,server\n"never closed,server\n', true);
    expect(broken.report.rows[0]).toMatchObject({ line: 3, errors: [{ column: '(file)' }] });
  });

  it('refuses files over 20,000 rows and over the size cap with a clear message', async () => {
    const tooMany = `name\n${Array.from({ length: 20_001 }, (_, index) => `n${index}`).join('\n')}`;
    const { status, body } = await importCsv(tooMany, true);
    expect(status).toBe(413);
    expect(JSON.parse(body).error.message).toMatch(/20001 rows; import at most 20000/);
    const tooLarge = await app.inject({
      method: 'POST',
      url: '/api/v1/items/import',
      headers: admin,
      payload: { csv: 'x'.repeat(10_000_001), dryRun: true },
    });
    expect([400, 413]).toContain(tooLarge.statusCode);
  });

  it('updates only the columns in the file, and applies the importer own team rights', async () => {
    const own = await postItem(
      app,
      admin,
      buildItem({ name: 'rights-own', ownerTeamId: world.ops.id, vendor: 'Keep' }),
    );
    await postItem(app, admin, buildItem({ name: 'rights-foreign', ownerTeamId: world.net.id }));
    const member = world.users.member.headers;
    const refused = await importCsv(
      'name,kind,criticality,ownerTeam\nrights-own,,1,Ops\nrights-foreign,server,1,Net\nrights-new,server,2,Net\nrights-mine,server,2,ops\n',
      false,
      member,
    );
    expect(refused.report.rows.map((row) => [row.action, row.errors[0]?.column])).toEqual([
      ['update', undefined],
      ['error', 'name'],
      ['error', 'ownerTeam'],
      ['create', undefined],
    ]);
    expect(json<Item>(await app.inject({ url: `/api/v1/items/${own.id}`, headers: admin })).criticality).toBe(
      3,
    );

    const accepted = await importCsv('name,criticality\nrights-own,1\nrights-foreign,3\n', false, member);
    expect(accepted.report.counts).toEqual({ create: 0, update: 1, unchanged: 1, error: 0 });
    expect(json<Item>(await app.inject({ url: `/api/v1/items/${own.id}`, headers: admin }))).toMatchObject({
      criticality: 1,
      vendor: 'Keep',
    });
    expect((await importCsv('name\nx\n', true, world.users.auditor.headers)).status).toBe(403);
  });

  it('exports CSV that escapes formulas and imports back as all unchanged', async () => {
    await postItem(
      app,
      admin,
      buildItem({
        name: 'rt-formula',
        description: '=1+1',
        vendor: '@vendor',
        location: 'Milano, "Via Roma"\nPiano 2',
        ownerTeamId: world.ops.id,
        annualCostCents: 123456,
        tags: ['b', 'a'],
        attributes: { ram: 16, ha: true, serial: '007', note: '-3', empty: null },
      }),
    );
    await postItem(app, admin, buildItem({ name: 'rt-plain', kind: 'saas', attributes: { seats: 40 } }));
    const response = await app.inject({
      url: '/api/v1/items/export?format=csv&q=rt-',
      headers: world.users.auditor.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="regia-inventory-\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''regia-inventory-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const text = response.body;
    expect(text.startsWith('\uFEFFname,kind,description,ownerTeam,')).toBe(true);
    expect(text).toContain(",'=1+1,");
    expect(text).toContain(",'@vendor,");
    expect(text).toContain('attr.empty,attr.ha,attr.note,attr.ram,attr.seats,attr.serial');

    const reimport = await importCsv(text, true);
    expect(reimport.report).toMatchObject({
      isValid: true,
      separator: ',',
      counts: { unchanged: 2, create: 0, update: 0 },
    });
  });

  it('exports XLSX whose text cells never start a formula, and obeys the filters', async () => {
    const response = await app.inject({
      url: '/api/v1/items/export?format=xlsx&q=rt-formula',
      headers: admin,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers['content-disposition']).toMatch(
      /\.xlsx"; filename\*=UTF-8''regia-inventory-[\d-]+\.xlsx$/,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Inventory');
    if (!sheet) throw new Error('no Inventory sheet');
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const row = (sheet.getRow(2).values as unknown[]).slice(1);
    const cell = (column: string) => row[header.indexOf(column)];
    expect(sheet.rowCount).toBe(2);
    expect(cell('name')).toBe('rt-formula');
    expect(cell('description')).toBe("'=1+1");
    expect(cell('vendor')).toBe("'@vendor");
    expect(cell('attr.note')).toBe("'-3");
    expect(cell('annualCost')).toBe(1234.56);
    expect(cell('criticality')).toBe(3);
    expect((await app.inject({ url: '/api/v1/items/export?format=pdf', headers: admin })).statusCode).toBe(
      400,
    );
    expect((await app.inject({ url: '/api/v1/items/export' })).statusCode).toBe(401);
  });

  it('is callable by the CLI as Regia itself', async () => {
    const report = await importItemsCsv(
      world.ctx,
      { userId: null, label: 'cli' },
      { csv: 'name,kind,criticality\ncli-item,other,4\n', dryRun: false },
    );
    expect(report).toMatchObject({ isApplied: true, counts: { create: 1 } });
    const entry = await world.ctx.db
      .selectFrom('auditLog')
      .select(['actorLabel', 'actorId'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({ actorLabel: 'cli', actorId: null });
    expect(
      json<ErrorBody>(
        await app.inject({
          method: 'POST',
          url: '/api/v1/items/import',
          headers: admin,
          payload: { csv: '' },
        }),
      ).error.code,
    ).toBe('validation_failed');
  });
});
