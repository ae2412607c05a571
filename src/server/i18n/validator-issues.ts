import { z } from 'zod';
import type { MessageRef } from '../../shared/errors';
import { type Language, phrase } from './messages';

type ErrorMap = (issue: never) => string | { message: string } | undefined | null;

// zod says its own messages in many languages; Regia uses the ones it speaks.
const errorMaps: Record<Language, ErrorMap> = {
  en: z.locales.en().localeError as ErrorMap,
  it: z.locales.it().localeError as ErrorMap,
};

/** A reported zod issue: its code, its English message, and the facts the message was made from. */
export type ValidatorIssue = { code: string; message: string } & Record<string, unknown>;

function say(map: ErrorMap, issue: ValidatorIssue): string | undefined {
  const said = map(issue as never);
  return typeof said === 'string' ? said : (said?.message ?? undefined);
}

/**
 * A validator issue in every language, when its message is zod's own wording or the contracts'
 * common "required". Other words of a contract, or an issue whose facts are lost, stay as written.
 */
export function sayValidatorIssue(issue: ValidatorIssue): MessageRef | undefined {
  if (issue.message === 'required') return phrase('issue.required');
  if (say(errorMaps.en, issue) !== issue.message) return undefined;
  const italian = say(errorMaps.it, issue);
  return italian === undefined ? undefined : { texts: { en: issue.message, it: italian } };
}
