import type { z } from 'zod';
import { AppError, type FieldIssue } from '../shared/errors';

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
  const details: FieldIssue[] = result.error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  throw new AppError('validation_failed', 'The request is not valid', details);
}
