import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { render } from './messages';
import { sayValidatorIssue, type ValidatorIssue } from './validator-issues';

const firstIssue = (schema: z.ZodType, input: unknown): ValidatorIssue => {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected an issue');
  return result.error.issues[0] as unknown as ValidatorIssue;
};

describe('validator issues in the reader language', () => {
  it("says zod's own messages in Italian and keeps the English one", () => {
    const issue = firstIssue(z.object({ name: z.string().max(3) }).strict(), { name: 'abcdef' });
    const said = sayValidatorIssue(issue);
    expect(said).toBeDefined();
    if (!said) return;
    expect(render('en', said)).toBe(issue.message);
    expect(render('it', said)).toBe('Troppo grande: string deve avere <=3 caratteri');
  });

  it("keeps a contract's own words, but for the common 'required'", () => {
    expect(sayValidatorIssue(firstIssue(z.string().regex(/^a/, 'starts with a'), 'b'))).toBeUndefined();
    const required = sayValidatorIssue(firstIssue(z.string().min(1, 'required'), ''));
    expect(required && render('it', required)).toBe('obbligatorio');
  });
});
