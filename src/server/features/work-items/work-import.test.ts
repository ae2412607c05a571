import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { json } from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';
import type { WorkImportReport } from '../../../shared/contracts/work-import';
import type { WorkItemPage } from '../../../shared/contracts/work-items';
import type { Workflow } from '../../../shared/contracts/workflows';
import { buildWorkWorld, type Headers, postWorkItem, type WorkWorld } from './work-items.test-support';

describeEachDialect('work items CSV import', (storage) => {
  let world: WorkWorld;
  let app: FastifyInstance;
  let admin: Headers;
  let member: Headers;
  beforeAll(async () => {
    world = await buildWorkWorld(storage());
    app = world.app;
    admin = world.users.admin.headers;
    member = world.users.member.headers;
  });
  afterAll(() => world?.close());

  const importCsv = async (csv: string, headers: Headers = admin, dryRun = true) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/work-items/import',
      headers,
      payload: { csv, dryRun },
    });
    return { status: response.statusCode, report: json<WorkImportReport>(response) };
  };
  const exportCsv = async (teamId: number) => {
    const response = await app.inject({
      url: `/api/v1/work-items/export?teamId=${teamId}&sort=id`,
      headers: admin,
    });
    expect(response.statusCode).toBe(200);
    return response.body;
  };
  const itemsOf = async (teamId: number) =>
    json<WorkItemPage>(
      await app.inject({ url: `/api/v1/work-items?teamId=${teamId}&sort=id&pageSize=200`, headers: admin }),
    ).rows;

  it('reads an exported file back as unchanged, and writing it changes nothing', async () => {
    const project = await postWorkItem(app, admin, {
      teamId: world.ops.id,
      title: 'Migrazione file server',
      type: 'project',
      dueDate: '2031-06-30',
    });
    await postWorkItem(app, admin, {
      teamId: world.ops.id,
      title: '=SUM(A1) "quoted", with; separators',
      priority: 1,
      assigneeId: world.users.member.user.id,
      parentId: project.id,
      startDate: '2031-05-01',
      dueDate: '2031-05-31',
      estimateMinutes: 480,
      spentMinutes: 30,
      labels: ['patching', 'windows'],
    });
    const before = await itemsOf(world.ops.id);
    const file = await exportCsv(world.ops.id);

    const preview = await importCsv(file);
    expect(preview.status).toBe(200);
    expect(preview.report).toMatchObject({
      isValid: true,
      counts: { create: 0, update: 0, unchanged: 2, error: 0 },
    });
    const applied = await importCsv(file, admin, false);
    expect(applied.report).toMatchObject({ isValid: true, isApplied: true, counts: { unchanged: 2 } });
    expect(await itemsOf(world.ops.id)).toEqual(before);
    expect(await exportCsv(world.ops.id)).toBe(file);
  });

  it('updates by id and creates without one, from an Italian Excel file', async () => {
    const [first] = await itemsOf(world.ops.id);
    const email = world.users.member.user.email.toUpperCase();
    // What Excel in Italian saves: BOM, semicolons, day-first dates, CRLF, a quoted newline.
    const csv = `\uFEFFid;team;title;state;assignee;dueDate;labels;description\r\n${first?.id};Ops;Migrazione file server;in progress;;31/07/2031;;\r\n;ops;Rinnovo certificati;;${email};05/09/2031;pki | tls;"Due righe\r\ndi descrizione"\r\n`;
    const preview = await importCsv(csv);
    expect(preview.report).toMatchObject({
      isValid: true,
      separator: ';',
      counts: { create: 1, update: 1, unchanged: 0, error: 0 },
    });
    expect(preview.report.rows.map((row) => [row.line, row.action])).toEqual([
      [2, 'update'],
      [3, 'create'],
    ]);
    const applied = await importCsv(csv, member, false);
    expect(applied.report.isApplied).toBe(true);
    const items = await itemsOf(world.ops.id);
    expect(items.find((item) => item.id === first?.id)).toMatchObject({
      stateName: 'In progress',
      category: 'in_progress',
      dueDate: '2031-07-31',
      labels: [],
    });
    expect(items.find((item) => item.title === 'Rinnovo certificati')).toMatchObject({
      stateName: 'To do',
      assigneeId: world.users.member.user.id,
      dueDate: '2031-09-05',
      labels: ['pki', 'tls'],
      reporterId: world.users.member.user.id,
    });
  });

  it('reports every error in its column and writes nothing while any row is wrong', async () => {
    const countBefore = (await itemsOf(world.ops.id)).length;
    const csv = [
      'id,team,title,type,state,priority,assignee,startDate,dueDate,parentId',
      ',Ops,Good row,task,,3,,,,',
      ',Nowhere,Bad team,task,,3,,,,',
      ',Ops,Bad cells,chore,Parked,7,nobody@example.test,2031-02-30,1/1/2031,999999',
      '999998,Ops,Missing item,,,,,,,',
      ',Ops,Dates backwards,,,,,2031-03-02,2031-03-01,',
      ',Ops,,,,,,,,',
    ].join('\n');
    const { report } = await importCsv(csv, admin, false);
    expect(report).toMatchObject({ isValid: false, isApplied: false, counts: { create: 1, error: 5 } });
    const errorsOf = (line: number) =>
      report.rows
        .find((row) => row.line === line)
        ?.errors.map((error) => error.column)
        .sort();
    expect(errorsOf(3)).toEqual(['team']);
    expect(errorsOf(4)).toEqual(['assignee', 'parentId', 'priority', 'startDate', 'state', 'type']);
    expect(errorsOf(5)).toEqual(['id']);
    expect(errorsOf(6)).toEqual(['startDate']);
    expect(errorsOf(7)).toEqual(['title']);
    expect(
      report.rows.find((row) => row.line === 4)?.errors.find((e) => e.column === 'state')?.message,
    ).toContain('To do, In progress, In review, Done');
    expect((await itemsOf(world.ops.id)).length).toBe(countBefore);
  });

  it("applies the importer's own rights and the work-in-progress limits", async () => {
    const netRow = await importCsv('team,title\nNet,Aggiornamento firmware switch\n', member);
    expect(netRow.report.rows[0]?.errors).toEqual([
      { column: 'team', message: 'you may only import work items of your own teams' },
    ]);
    expect((await importCsv('team,title\nNet,x\n', world.users.auditor.headers)).status).toBe(403);

    const workflow = json<Workflow>(
      await app.inject({ url: `/api/v1/teams/${world.net.id}/workflow`, headers: admin }),
    );
    const doing = workflow.states.find((state) => state.name === 'In progress');
    const limited = await app.inject({
      method: 'PATCH',
      url: `/api/v1/teams/${world.net.id}/workflow/states/${doing?.id}`,
      headers: admin,
      payload: { wipLimit: 1 },
    });
    expect(limited.statusCode).toBe(200);
    const { report } = await importCsv('team,title,state\nNet,One,In progress\nNet,Two,In progress\n');
    expect(report.rows.map((row) => row.action)).toEqual(['create', 'error']);
    expect(report.rows[1]?.errors[0]).toMatchObject({ column: 'state' });
  });

  it('creates parents named by key before their children, whatever the order of the file', async () => {
    const programme = await postWorkItem(app, admin, {
      teamId: world.ops.id,
      title: 'Programma rete 2031',
      type: 'project',
    });
    const loose = await postWorkItem(app, admin, { teamId: world.ops.id, title: 'Inventario porte' });
    // A grandchild, then a child, then their parent (itself under an existing item), then an
    // existing item moved under the new parent.
    const csv = [
      'id,team,title,type,key,parentKey,parentId',
      ',Ops,Etichettare le porte,task,,vlan,',
      ',Ops,Configurare le VLAN,task,vlan,migration,',
      `,Ops,Migrazione rete piano 2,project,migration,,${programme.id}`,
      `${loose.id},Ops,Inventario porte,task,,migration,`,
    ].join('\n');
    const preview = await importCsv(csv);
    expect(preview.report).toMatchObject({ isValid: true, counts: { create: 3, update: 1, error: 0 } });
    const applied = await importCsv(csv, admin, false);
    expect(applied.report.isApplied).toBe(true);

    const items = await itemsOf(world.ops.id);
    const byTitle = (title: string) => items.find((item) => item.title === title);
    const migration = byTitle('Migrazione rete piano 2');
    const vlan = byTitle('Configurare le VLAN');
    const ports = byTitle('Etichettare le porte');
    expect(migration?.parentId).toBe(programme.id);
    expect(vlan?.parentId).toBe(migration?.id);
    expect(ports?.parentId).toBe(vlan?.id);
    expect(byTitle('Inventario porte')?.parentId).toBe(migration?.id);
    // Written parents first: each new item's id is above its parent's.
    expect(migration!.id).toBeLessThan(vlan!.id);
    expect(vlan!.id).toBeLessThan(ports!.id);
  });

  it('reports loops of keys, unknown keys, doubled keys and both parents as row errors', async () => {
    const countBefore = (await itemsOf(world.ops.id)).length;
    const existing = await postWorkItem(app, admin, { teamId: world.ops.id, title: 'Server di posta' });
    const csv = [
      'id,team,title,key,parentKey,parentId',
      ',Ops,Alfa,a,b,',
      ',Ops,Beta,b,a,',
      ',Ops,Se stesso,self,self,',
      ',Ops,Orfano,,nowhere,',
      `,Ops,Due genitori,,c,${existing.id}`,
      ',Ops,Gamma,c,,',
      ',Ops,Gamma bis,c,,',
      `${existing.id},Ops,Server di posta,k,,`,
    ].join('\n');
    const { report } = await importCsv(csv, admin, false);
    expect(report).toMatchObject({ isValid: false, isApplied: false, counts: { create: 1, error: 7 } });
    const errorOf = (line: number) => report.rows.find((row) => row.line === line)?.errors;
    expect(errorOf(2)).toEqual([{ column: 'parentKey', message: 'a loop of parents: "a" → "b" → "a"' }]);
    expect(errorOf(3)).toEqual([{ column: 'parentKey', message: 'a loop of parents: "b" → "a" → "b"' }]);
    expect(errorOf(4)).toEqual([{ column: 'parentKey', message: 'a loop of parents: "self" → "self"' }]);
    expect(errorOf(5)).toEqual([
      { column: 'parentKey', message: 'no new row of the file has the key "nowhere"' },
    ]);
    expect(errorOf(6)).toEqual([
      { column: 'parentKey', message: 'use parentId (an existing item) or parentKey (a new row), not both' },
    ]);
    expect(errorOf(7)).toEqual([]);
    expect(errorOf(8)?.map((error) => [error.column, error.message])).toEqual([
      ['key', '"c" is also the key of line 7: one row per key'],
    ]);
    expect(errorOf(9)?.map((error) => error.column)).toEqual(['key']);
    expect((await itemsOf(world.ops.id)).length).toBe(countBefore + 1);

    // A loop through an existing item: the new row goes under it, and it under the new row.
    const through = await importCsv(
      [
        'id,team,title,key,parentKey,parentId',
        `,Ops,Nuovo relay,relay,,${existing.id}`,
        `${existing.id},Ops,Server di posta,,relay,`,
      ].join('\n'),
    );
    expect(through.report.rows.map((row) => row.action)).toEqual(['create', 'error']);
    expect(through.report.rows[1]?.errors).toEqual([
      { column: 'parentKey', message: `a loop of parents: #${existing.id} → "relay" → #${existing.id}` },
    ]);
  });

  it('refuses unknown columns, unreadable files and files over the size cap', async () => {
    const unknown = await importCsv('team,title,colour\nOps,x,red\n');
    expect(unknown.report.rows[0]?.errors).toEqual([expect.objectContaining({ column: 'colour' })]);
    const unclosed = await importCsv('team,title\nOps,"never closed\n');
    expect(unclosed.report.rows[0]?.errors[0]?.column).toBe('(file)');
    const huge = await app.inject({
      method: 'POST',
      url: '/api/v1/work-items/import',
      headers: admin,
      payload: { csv: 'x'.repeat(10_000_001), dryRun: true },
    });
    expect([400, 413]).toContain(huge.statusCode);
  });
});
