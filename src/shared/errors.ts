import { z } from 'zod';

/** The closed list of error codes Regia answers with; the HTTP status follows from the code. */
export const errorCodes = [
  'bad_request',
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'too_many_requests',
  'setup_closed',
  'service_unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** HTTP status for each error code, the one place that maps them. */
export const statusOfErrorCode: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  setup_closed: 409,
  service_unavailable: 503,
  internal: 500,
};

/** One field-level problem, as shown next to a form field. */
export const FieldIssue = z.object({
  path: z.string().describe('dotted path of the field, e.g. "costs.purchaseCents"'),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof FieldIssue>;

/** The one error shape every failing request answers with. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Named values a catalogue message fills in; a value may itself be a message (a translated noun). */
export type MessageParams = Readonly<Record<string, string | number | MessageRef>>;

/** A message the server can say in the reader's language: by catalogue key, or already said in each. */
export type MessageRef = CatalogueMessage | SaidMessage;

/** A message of the server's catalogue, by key, with its named values. */
export type CatalogueMessage = { readonly key: string; readonly params?: MessageParams };

/** A message a library already says in several languages (a validator's own words); English always. */
export type SaidMessage = { readonly texts: { readonly en: string } & Readonly<Record<string, string>> };

/** How to say an error again in another language: its message, and the messages of its `details` items. */
export type ErrorTranslation = {
  readonly message: MessageRef;
  /** Same index as the `details` array; undefined where an item's message is not in the catalogue. */
  readonly details?: ReadonlyArray<MessageRef | undefined>;
};

/**
 * An expected failure with a code from the closed list; services throw it, the HTTP layer maps it.
 * `message` is English (logs, CLI); with a `translation` the HTTP layer answers in the reader's language.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly translation?: ErrorTranslation,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/**
 * Shorthand for the common "no such object (or not yours to see)" failure, in English only; server
 * features use `notFound` from `server/i18n/app-error`, which the reader gets in their language.
 */
export function notFound(what: string): AppError {
  return new AppError('not_found', `${what} not found`);
}
