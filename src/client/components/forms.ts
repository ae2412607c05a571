import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { ApiError } from '../api/http';

/** Messages keyed by the dotted path of a field, e.g. `name` or `attributes.rack`. */
export type FieldErrors = Record<string, string>;

type Issue = z.core.$ZodIssue;

/** Turns one zod issue into a message in the UI language; custom contract messages stay as written. */
export function issueMessage(issue: Issue, t: TFunction): string {
  switch (issue.code) {
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string')
        return min <= 1 ? t('validation.required') : t('validation.minLength', { min });
      if (issue.origin === 'number') return t('validation.min', { min });
      return issue.message;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return t('validation.maxLength', { max });
      if (issue.origin === 'number') return t('validation.max', { max });
      return issue.message;
    }
    case 'invalid_type':
      if (
        issue.input === undefined ||
        issue.input === null ||
        /received (undefined|null)$/.test(issue.message)
      ) {
        return t('validation.required');
      }
      return issue.expected === 'number' ? t('validation.number') : t('validation.invalid');
    case 'invalid_format':
      return issue.format === 'email' ? t('validation.email') : issue.message;
    case 'invalid_value':
      return t('validation.required');
    default:
      return issue.message;
  }
}

/** Field messages from a failed `safeParse`, the first message per field. */
export function zodFieldErrors(error: z.ZodError, t: TFunction): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    errors[path] ??= issueMessage(issue, t);
  }
  return errors;
}

/** Field messages from the server's `validation_failed` details; empty for other errors. */
export function apiFieldErrors(error: unknown): FieldErrors {
  const errors: FieldErrors = {};
  if (!(error instanceof ApiError)) return errors;
  // The server names fields from the request's root (`body.name`); forms name them from the body.
  for (const issue of error.fieldIssues) errors[issue.path.replace(/^body\./, '')] ??= issue.message;
  return errors;
}

/** The message of an error to show above a form: server message, or a generic one. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('errors.unreachable');
    return error.message || t('errors.forbidden');
  }
  return error instanceof Error ? error.message : String(error);
}

/** The first field error whose path starts with `prefix` (e.g. errors inside `tags.2`). */
export function errorUnder(errors: FieldErrors, prefix: string): string | undefined {
  if (errors[prefix]) return errors[prefix];
  const key = Object.keys(errors).find((path) => path.startsWith(`${prefix}.`));
  return key ? errors[key] : undefined;
}
