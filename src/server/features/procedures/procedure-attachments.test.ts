import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../../../../test/app';
import { describeEachDialect } from '../../../../test/db';
import type { ProcedureAttachment, ProcedureRun, ProcedureTest } from '../../../shared/contracts/procedures';
import type { ErrorBody } from '../../../shared/errors';
import { attachmentDisposition, cleanFilename, sniffFileKind } from './attachment-files';
import {
  buildProcedureTest,
  buildProcedureWorld,
  type Headers,
  type ProcedureWorld,
  postProcedureTest,
  postRun,
} from './procedures.test-support';

// A 1×1 PNG, as a camera-less screenshot tool would write it.
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('evidence file types', () => {
  it('knows accepted files by their first bytes, not their names', () => {
    expect(sniffFileKind(png)).toBe('png');
    expect(sniffFileKind(Buffer.from('%PDF-1.7\n...'))).toBe('pdf');
    expect(sniffFileKind(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('jpeg');
    expect(sniffFileKind(Buffer.from('host;restored;minutes\nerp;yes;42\n'))).toBe('text');
    const docx = Buffer.concat([
      Buffer.from('PK\x03\x04'),
      Buffer.from('[Content_Types].xml word/document.xml'),
    ]);
    expect(sniffFileKind(docx)).toBe('docx');
    const xlsx = Buffer.concat([
      Buffer.from('PK\x03\x04'),
      Buffer.from('[Content_Types].xml xl/workbook.xml'),
    ]);
    expect(sniffFileKind(xlsx)).toBe('xlsx');
    expect(sniffFileKind(Buffer.concat([xlsx, Buffer.from('xl/vbaProject.bin')]))).toBeNull();
    expect(sniffFileKind(Buffer.from('PK\x03\x04 a plain zip'))).toBeNull();
    expect(sniffFileKind(Buffer.from('MZ\x90\x00\x03\x00\x00\x00'))).toBeNull();
    expect(sniffFileKind(Buffer.from('\x7fELF\x02\x01\x01'))).toBeNull();
    expect(sniffFileKind(Buffer.from('  <!DOCTYPE html><script>alert(1)</script>'))).toBeNull();
    expect(sniffFileKind(Buffer.from('\uFEFF<svg onload=alert(1)>'))).toBeNull();
  });

  it('keeps only a harmless last segment of a given name', () => {
    expect(cleanFilename('../../etc/passwd')).toBe('passwd');
    expect(cleanFilename('..\\..\\windows\\win.ini')).toBe('win.ini');
    expect(cleanFilename('report\u202Egnp.exe')).toBe('reportgnp.exe');
    expect(cleanFilename('...')).toBe('attachment');
    expect(attachmentDisposition('prova (1) «ok».pdf')).toBe(
      'attachment; filename="prova (1) _ok_.pdf"; filename*=UTF-8\'\'prova%20%281%29%20%C2%ABok%C2%BB.pdf',
    );
    expect(cleanFilename(`${'a'.repeat(300)}.pdf`)).toMatch(/^a{251}\.pdf$/);
  });
});

describeEachDialect('procedure test evidence files', (storage) => {
  let world: ProcedureWorld;
  let app: FastifyInstance;
  let member: Headers;
  let test: ProcedureTest;
  let run: ProcedureRun;
  beforeAll(async () => {
    world = await buildProcedureWorld(storage());
    app = world.app;
    member = world.users.member.headers;
    test = await postProcedureTest(app, member, buildProcedureTest(world.ops.id));
    run = await postRun(app, member, test.id, { outcome: 'pass', effectiveDate: '2026-11-25' });
  });
  afterAll(() => world?.close());

  const attachmentsUrl = () => `/api/v1/procedure-tests/${test.id}/runs/${run.id}/attachments`;
  const upload = (filename: string, bytes: Buffer | string, headers = member) =>
    app.inject({
      method: 'POST',
      url: attachmentsUrl(),
      headers,
      payload: {
        filename,
        contentBase64: typeof bytes === 'string' ? bytes : bytes.toString('base64'),
      },
    });
  const storedFiles = () => fs.readdirSync(path.join(world.dataDir, 'attachments')).sort();

  it('stores a PNG under a generated name and gives back the same bytes, as an attachment', async () => {
    const response = await upload('restore-screenshot.png', png);
    expect(response.statusCode).toBe(201);
    const attachment = json<ProcedureAttachment>(response);
    expect(attachment).toMatchObject({
      runId: run.id,
      filename: 'restore-screenshot.png',
      contentType: 'image/png',
      sizeBytes: png.length,
      sha256: sha256(png),
      uploadedByLabel: world.users.member.user.email,
    });

    const download = await app.inject({
      url: `${attachmentsUrl()}/${attachment.id}`,
      headers: world.users.auditor.headers,
    });
    expect(download.statusCode).toBe(200);
    expect(sha256(download.rawPayload)).toBe(attachment.sha256);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['content-disposition']).toMatch(
      /^attachment; filename="restore-screenshot\.png"/,
    );
    expect(download.headers['x-content-type-options']).toBe('nosniff');

    const runs = json<{ rows: ProcedureRun[] }>(
      await app.inject({ url: `/api/v1/procedure-tests/${test.id}/runs`, headers: member }),
    );
    expect(runs.rows[0]?.attachments).toEqual([attachment]);
    const audit = await world.ctx.db
      .selectFrom('auditLog')
      .select('action')
      .where('action', '=', 'procedureTest.attachment.create')
      .where('entityId', '=', String(test.id))
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('keeps a path in the file name away from the file system', async () => {
    const before = storedFiles();
    const response = await upload('../../../../tmp/evil.csv', 'host,ok\nerp,yes\n');
    // the string above is not base64: refused before anything is written
    expect(response.statusCode).toBe(400);
    const csv = Buffer.from('host,ok\nerp,yes\n');
    const traversal = await upload('../../../../etc/cron.d/evil.csv', csv);
    expect(traversal.statusCode).toBe(201);
    const attachment = json<ProcedureAttachment>(traversal);
    expect(attachment).toMatchObject({ filename: 'evil.csv', contentType: 'text/csv; charset=utf-8' });
    const added = storedFiles().filter((name) => !before.includes(name));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(fs.readFileSync(path.join(world.dataDir, 'attachments', added[0]!))).toEqual(csv);
    expect(fs.existsSync(path.join(world.dataDir, 'etc'))).toBe(false);
    const download = await app.inject({ url: `${attachmentsUrl()}/${attachment.id}`, headers: member });
    expect(download.headers['content-disposition']).toBe(
      'attachment; filename="evil.csv"; filename*=UTF-8\'\'evil.csv',
    );
  });

  it.each([
    ['an HTML page named .pdf', 'report.pdf', Buffer.from('<!doctype html><script>alert(1)</script>')],
    ['an executable named .pdf', 'report.pdf', Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00')],
    ['a PNG named .pdf', 'report.pdf', png],
    ['a text named .html', 'notes.html', Buffer.from('plain words')],
  ])('refuses %s with 415 and stores nothing', async (_what, filename, bytes) => {
    const before = storedFiles();
    const response = await upload(filename, bytes);
    expect(response.statusCode).toBe(415);
    expect(json<ErrorBody>(response).error.code).toBe('unsupported_media_type');
    expect(storedFiles()).toEqual(before);
  });

  it('refuses a file over 10 MB, and a body over 15 MB, with 413', async () => {
    const before = storedFiles();
    const tooBig = Buffer.alloc(10 * 1024 * 1024 + 1, 0x41);
    const response = await upload('big.txt', tooBig);
    expect(response.statusCode).toBe(413);
    const body = await app.inject({
      method: 'POST',
      url: attachmentsUrl(),
      headers: { ...member, 'content-type': 'application/json' },
      payload: `{"filename":"huge.txt","contentBase64":"${'QUFB'.repeat(4 * 1024 * 1024)}"}`,
    });
    expect(body.statusCode).toBe(413);
    expect(storedFiles()).toEqual(before);
  });

  it('lets only the owner team attach, and finds nothing through another test', async () => {
    const other = await postProcedureTest(app, world.users.admin.headers, buildProcedureTest(world.net.id));
    const otherRun = await postRun(app, world.users.admin.headers, other.id, {
      outcome: 'pass',
      effectiveDate: '2026-11-25',
    });
    const foreign = await app.inject({
      method: 'POST',
      url: `/api/v1/procedure-tests/${other.id}/runs/${otherRun.id}/attachments`,
      headers: member,
      payload: { filename: 'a.png', contentBase64: png.toString('base64') },
    });
    expect(foreign.statusCode).toBe(403);
    const asAuditor = await upload('a.png', png, world.users.auditor.headers);
    expect(asAuditor.statusCode).toBe(403);
    // a run of another test through this test's path
    const mixed = await app.inject({
      method: 'POST',
      url: `/api/v1/procedure-tests/${test.id}/runs/${otherRun.id}/attachments`,
      headers: member,
      payload: { filename: 'a.png', contentBase64: png.toString('base64') },
    });
    expect(mixed.statusCode).toBe(404);
  });

  it('refuses to serve a file whose bytes changed on disk, and removes files with their test', async () => {
    const doomed = await postProcedureTest(app, member, buildProcedureTest(world.ops.id));
    const doomedRun = await postRun(app, member, doomed.id, { outcome: 'fail', effectiveDate: '2026-11-25' });
    const url = `/api/v1/procedure-tests/${doomed.id}/runs/${doomedRun.id}/attachments`;
    const before = storedFiles();
    const uploaded = await app.inject({
      method: 'POST',
      url,
      headers: member,
      payload: { filename: 'log.txt', contentBase64: Buffer.from('restore ok\n').toString('base64') },
    });
    const attachment = json<ProcedureAttachment>(uploaded);
    const [storedName] = storedFiles().filter((name) => !before.includes(name));
    fs.writeFileSync(path.join(world.dataDir, 'attachments', storedName!), 'restore FAILED\n');
    const tampered = await app.inject({ url: `${url}/${attachment.id}`, headers: member });
    expect(tampered.statusCode).toBe(500);
    expect(tampered.body).not.toContain('FAILED');

    const missing = await app.inject({ url: `${url}/999999`, headers: member });
    expect(missing.statusCode).toBe(404);

    await app.inject({ method: 'DELETE', url: `/api/v1/procedure-tests/${doomed.id}`, headers: member });
    expect(storedFiles()).toEqual(before);
  });
});
