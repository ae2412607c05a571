import { NewProcedureAttachment, type ProcedureAttachment } from '../../../shared/contracts/procedures';
import { AppError } from '../../../shared/errors';
import type { AppContext } from '../../context';
import { notFound } from '../../i18n/app-error';
import { parseInput } from '../../validation';
import { recordChange } from '../audit/audit.service';
import {
  cleanFilename,
  contentTypeOf,
  decodeBase64,
  readStoredFile,
  removeStoredFiles,
  sha256Of,
  storeFile,
} from './attachment-files';
import {
  assertCanChangeProcedureTest,
  assertCanReadProcedures,
  type ProcedureActor,
} from './procedures.policy';
import { findAttachmentRow, findRunRow, insertAttachmentRow } from './procedures.repository';
import { findProcedureTestIn } from './procedures.service';

/**
 * Adds an evidence file to a run: typed by its content against the allow-list, written under a
 * generated name before the row that points to it (removed again if that row is not written).
 */
export async function addProcedureAttachment(
  ctx: AppContext,
  actor: ProcedureActor,
  procedureTestId: number,
  runId: number,
  input: NewProcedureAttachment,
): Promise<ProcedureAttachment> {
  const file = parseInput(NewProcedureAttachment, input, 'body');
  const test = await findProcedureTestIn(ctx, ctx.db, procedureTestId);
  assertCanChangeProcedureTest(actor, test.ownerTeamId);
  if (!(await findRunRow(ctx.db, procedureTestId, runId))) throw notFound('run');
  const bytes = decodeBase64(file.contentBase64);
  const filename = cleanFilename(file.filename);
  const contentType = contentTypeOf(bytes, filename);
  const storedName = await storeFile(ctx.config.dataDir, bytes);
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      if (!(await findRunRow(trx, procedureTestId, runId))) throw notFound('run');
      const row = await insertAttachmentRow(trx, {
        runId,
        filename,
        storedName,
        contentType,
        sizeBytes: bytes.length,
        sha256: sha256Of(bytes),
        uploadedById: actor.userId,
        uploadedByLabel: actor.label,
        createdAt: ctx.now(),
      });
      const attachment: ProcedureAttachment = {
        id: row.id,
        runId,
        filename,
        contentType,
        sizeBytes: row.sizeBytes,
        sha256: row.sha256,
        uploadedByLabel: row.uploadedByLabel,
        createdAt: row.createdAt,
      };
      await recordChange(ctx, trx, actor, {
        action: 'procedureTest.attachment.create',
        entityType: 'procedureTest',
        entityId: procedureTestId,
        after: attachment,
      });
      return attachment;
    });
  } catch (error) {
    await removeStoredFiles(ctx.config.dataDir, [storedName]).catch(() => undefined);
    throw error;
  }
}

/** An evidence file to download: its bytes, checked against the SHA-256 kept at upload. */
export async function readProcedureAttachment(
  ctx: AppContext,
  actor: ProcedureActor,
  procedureTestId: number,
  runId: number,
  attachmentId: number,
): Promise<{ filename: string; contentType: string; bytes: Buffer }> {
  assertCanReadProcedures(actor);
  const row = await findAttachmentRow(ctx.db, procedureTestId, runId, attachmentId);
  if (!row) throw notFound('attachment');
  try {
    const bytes = await readStoredFile(ctx.config.dataDir, row.storedName, row.sha256);
    return { filename: row.filename, contentType: row.contentType, bytes };
  } catch (error) {
    if (error instanceof AppError) {
      ctx.log.error({ attachmentId, storedName: row.storedName }, error.message);
    }
    throw error;
  }
}
