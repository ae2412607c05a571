import type { FastifyReply } from 'fastify';

export const csvContentType = 'text/csv; charset=utf-8';
export const xlsxContentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A file made for download (an export, an evidence file). */
export interface DownloadFile {
  filename: string;
  contentType: string;
  body: Buffer;
}

/**
 * A `Content-Disposition` that always downloads, with the name in ASCII for old clients and in
 * UTF-8 for the rest (RFC 6266 and 5987); quotes and backslashes never reach the header.
 */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  // RFC 5987 leaves ' ( ) * out of a filename* value; encodeURIComponent keeps them.
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Sends a file as a download that no cache keeps (exports hold whatever the caller may read). */
export function sendDownload(reply: FastifyReply, file: DownloadFile): FastifyReply {
  return reply
    .header('content-disposition', attachmentDisposition(file.filename))
    .header('cache-control', 'no-store')
    .type(file.contentType)
    .send(file.body);
}
