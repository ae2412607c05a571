export { attachmentDisposition } from '../../http/download';

import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { maxAttachmentBytes } from '../../../shared/contracts/procedures';
import { appError } from '../../i18n/app-error';
import { phrase } from '../../i18n/messages';

// Evidence files: typed by their content (magic bytes) against an allow-list, stored under
// generated names in the data folder (never a served folder), hashed, and checked when read back.

/** The kinds of file accepted, with the names they may carry and the type they are served as. */
const fileKinds = {
  pdf: { label: 'PDF', extensions: ['pdf'], contentType: 'application/pdf' },
  png: { label: 'PNG', extensions: ['png'], contentType: 'image/png' },
  jpeg: { label: 'JPEG', extensions: ['jpg', 'jpeg'], contentType: 'image/jpeg' },
  xlsx: {
    label: 'XLSX',
    extensions: ['xlsx'],
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  docx: {
    label: 'DOCX',
    extensions: ['docx'],
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  text: { label: 'plain text', extensions: ['txt', 'log', 'md'], contentType: 'text/plain; charset=utf-8' },
  csv: { label: 'CSV', extensions: ['csv'], contentType: 'text/csv; charset=utf-8' },
} as const;
type FileKind = keyof typeof fileKinds;

const acceptedList = 'PDF, PNG, JPEG, plain text, CSV, XLSX or DOCX';

function startsWith(bytes: Buffer, signature: readonly number[]): boolean {
  return bytes.length >= signature.length && signature.every((byte, index) => bytes[index] === byte);
}

// What browsers sniff as HTML or XML (WHATWG MIME sniffing): refused even in a text file.
const markupStart =
  /^(?:<!doctype html|<html|<head|<script|<iframe|<h1|<div|<font|<table|<a[\s>]|<style|<title|<b[\s>]|<body|<br|<p[\s>]|<!--|<\?xml|<svg)/i;

function isPlainText(bytes: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // Control characters other than tab, line feed, form feed and carriage return mean binary.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point of the check
  if (/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text)) return false;
  return !markupStart.test(text.replace(/^\uFEFF/, '').trimStart());
}

/** The kind of file the bytes are, or null when they are none of the accepted kinds. */
export function sniffFileKind(bytes: Buffer): Exclude<FileKind, 'csv'> | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    // Office Open XML is a zip with a content-types part; macro-enabled variants are refused.
    if (!bytes.includes('[Content_Types].xml') || bytes.includes('vbaProject.bin')) return null;
    if (bytes.includes('word/document.xml')) return 'docx';
    if (bytes.includes('xl/workbook.xml')) return 'xlsx';
    return null;
  }
  return isPlainText(bytes) ? 'text' : null;
}

/** The extension of a file name, lower case, without the dot ('' when there is none). */
function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot <= 0 ? '' : filename.slice(dot + 1).toLowerCase();
}

/**
 * The type to store and serve a file as: what its content is, provided its name agrees (a PDF
 * named .png, or a text named .pdf, is refused), so the name never decides how it is opened.
 */
export function contentTypeOf(bytes: Buffer, filename: string): string {
  const sniffed = sniffFileKind(bytes);
  if (!sniffed) {
    throw appError(
      'unsupported_media_type',
      phrase('procedures.fileTypeRefused', { accepted: acceptedList }),
    );
  }
  const extension = extensionOf(filename);
  const kind: FileKind = sniffed === 'text' && extension === 'csv' ? 'csv' : sniffed;
  const accepted: readonly string[] = fileKinds[kind].extensions;
  if (!accepted.includes(extension)) {
    throw appError(
      'unsupported_media_type',
      phrase('procedures.fileNameMismatch', {
        kind: fileKinds[kind].label,
        extension: extension ? `.${extension}` : '',
        expected: accepted[0] ?? '',
      }),
    );
  }
  return fileKinds[kind].contentType;
}

/**
 * The name to show and to offer on download: its last path segment only, without control or
 * direction-changing characters, never hidden or empty. It never reaches the file system.
 */
export function cleanFilename(given: string): string {
  const last = given.normalize('NFC').split(/[/\\]/).at(-1) ?? '';
  const cleaned = last
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/^[\s.]+/, '')
    .trim();
  if (cleaned === '') return 'attachment';
  if (cleaned.length <= 255) return cleaned;
  const extension = extensionOf(cleaned);
  return extension && extension.length < 20
    ? `${cleaned.slice(0, 254 - extension.length)}.${extension}`
    : cleaned.slice(0, 255);
}

/** Decodes strict base64; refuses anything larger than the attachment limit before decoding it. */
export function decodeBase64(content: string): Buffer {
  if (content.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(content)) {
    throw appError('validation_failed', phrase('http.requestInvalid'), [
      { path: 'body.contentBase64', message: phrase('procedures.issueNotBase64') },
    ]);
  }
  const padding = content.endsWith('==') ? 2 : content.endsWith('=') ? 1 : 0;
  const size = (content.length / 4) * 3 - padding;
  if (size > maxAttachmentBytes) {
    throw appError(
      'payload_too_large',
      phrase('procedures.fileTooLarge', { megabytes: maxAttachmentBytes / 1024 / 1024 }),
    );
  }
  if (size === 0) {
    throw appError('validation_failed', phrase('http.requestInvalid'), [
      { path: 'body.contentBase64', message: phrase('procedures.issueFileEmpty') },
    ]);
  }
  return Buffer.from(content, 'base64');
}

/** Hex SHA-256 of some bytes. */
export function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const storedNamePattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function attachmentsDir(dataDir: string): string {
  return path.join(dataDir, 'attachments');
}

function storedPath(dataDir: string, storedName: string): string {
  // Stored names are generated here; refuse anything else rather than build a path from it.
  if (!storedNamePattern.test(storedName)) throw new Error(`not a stored attachment name: ${storedName}`);
  return path.join(attachmentsDir(dataDir), storedName);
}

/** Writes a file under a new generated name (complete or not at all) and returns that name. */
export async function storeFile(dataDir: string, bytes: Buffer): Promise<string> {
  await fs.mkdir(attachmentsDir(dataDir), { recursive: true, mode: 0o700 });
  const storedName = randomUUID();
  const target = storedPath(dataDir, storedName);
  const partial = `${target}.part`;
  const handle = await fs.open(partial, 'wx', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(partial, target);
  return storedName;
}

/** Reads a stored file back; refuses it when missing or when its bytes no longer match the hash. */
export async function readStoredFile(dataDir: string, storedName: string, sha256: string): Promise<Buffer> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(storedPath(dataDir, storedName));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw appError('internal', phrase('procedures.storedFileMissing'));
    }
    throw error;
  }
  if (sha256Of(bytes) !== sha256) {
    throw appError('internal', phrase('procedures.storedFileChanged'));
  }
  return bytes;
}

/** Removes stored files; a file already gone is not an error. */
export async function removeStoredFiles(dataDir: string, storedNames: readonly string[]): Promise<void> {
  for (const storedName of storedNames) {
    await fs.rm(storedPath(dataDir, storedName), { force: true });
  }
}
