import type { z } from 'zod';
import { appError } from './i18n/app-error';
import { phrase } from './i18n/messages';
import { sayValidatorIssue, type ValidatorIssue } from './i18n/validator-issues';

/**
 * Validates input with a contract schema at the service boundary too, so that the CLI and other
 * features get the same field-level errors as the HTTP routes.
 */
export function parseInput<T extends z.ZodType>(
  schema: T,
  input: unknown,
  where: 'body' | 'querystring',
): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: sayValidatorIssue(issue as unknown as ValidatorIssue) ?? issue.message,
  }));
  throw appError('validation_failed', phrase('http.requestInvalid'), details);
}
