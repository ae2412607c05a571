import { AppError, type ErrorCode, type MessageRef } from '../../shared/errors';
import { type MessageKey, phrase, render } from './messages';

/** A field problem whose message the server can say in any language, or as written (a plain string). */
export type KeyedIssue = { path: string; message: MessageRef | string };

function isKeyedIssue(value: unknown): value is { path: string; message: MessageRef } {
  return typeof value === 'object' && value !== null && typeof (value as KeyedIssue).message === 'object';
}

/**
 * An AppError whose message (and the messages of its field issues) the HTTP layer says in the
 * reader's language; the English text stays on `message` for logs and the CLI.
 */
export function appError(
  code: ErrorCode,
  message: MessageRef,
  details?: ReadonlyArray<KeyedIssue> | Readonly<Record<string, unknown>>,
): AppError {
  if (!Array.isArray(details)) return new AppError(code, render('en', message), details, { message });
  const issues = details as ReadonlyArray<KeyedIssue>;
  return new AppError(
    code,
    render('en', message),
    issues.map((issue) =>
      isKeyedIssue(issue) ? { path: issue.path, message: render('en', issue.message) } : issue,
    ),
    { message, details: issues.map((issue) => (isKeyedIssue(issue) ? issue.message : undefined)) },
  );
}

type NotFoundNoun = MessageKey extends infer Key
  ? Key extends `notFound.${infer Noun}`
    ? Noun extends `byId.${string}`
      ? never
      : Noun
    : never
  : never;

/** The common "no such object (or not yours to see)" failure, named by a noun of the catalogue. */
export function notFound(what: NotFoundNoun): AppError {
  return appError('not_found', phrase(`notFound.${what}`));
}
