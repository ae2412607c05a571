import type { CatalogueMessage, MessageParams, MessageRef } from '../../shared/errors';
import { en } from './messages.en';
import { it } from './messages.it';

/** The languages the server answers in. */
export const languages = ['en', 'it'] as const;
export type Language = (typeof languages)[number];

export type MessageKey = keyof typeof en;

/** The names inside `{{…}}` in a message template, as a union of string literals. */
export type ParamNames<Template extends string> = Template extends `${string}{{${infer Name}}}${infer Rest}`
  ? Name | ParamNames<Rest>
  : never;

/** The named values one message needs. */
export type ParamsOf<Key extends MessageKey> = Record<ParamNames<(typeof en)[Key]>, MessageParams[string]>;

/** Every language's catalogue; English is the one the others are checked against. */
export const catalogues: Record<Language, Record<MessageKey, string>> = { en, it };

/** A reference to a catalogue message with its values; the params argument is required exactly when the
 * message has placeholders, so a missing or misspelt value is a type error. */
export function phrase<Key extends MessageKey>(
  key: Key,
  ...params: [ParamNames<(typeof en)[Key]>] extends [never] ? [] : [ParamsOf<Key>]
): CatalogueMessage {
  return params[0] === undefined ? { key } : { key, params: params[0] };
}

/** Says a message in one language; values are inserted as plain text, nested messages in the same language. */
export function render(language: Language, message: MessageRef): string {
  if ('texts' in message) return message.texts[language] ?? message.texts.en;
  const template =
    (catalogues[language] as Record<string, string>)[message.key] ??
    (en as Record<string, string>)[message.key] ??
    message.key;
  return template.replace(/\{\{(\w+)\}\}/g, (placeholder, name: string) => {
    const value = message.params?.[name];
    if (value === undefined) return placeholder;
    return typeof value === 'object' ? render(language, value) : String(value);
  });
}
