import { describe, expect, it } from 'vitest';
import { handleOf, parseMentions } from './mentions';

describe('parseMentions', () => {
  it('finds handles and emails, lower case, without a closing dot, once each', () => {
    expect(parseMentions('Hi @Ada and @bob@Example.com. Thanks @ada.')).toEqual(['ada', 'bob@example.com']);
  });

  it('ignores plain emails and code', () => {
    expect(parseMentions('mail ada@example.com, run `@bob` or\n```\n@carol\n```\n@dave')).toEqual(['dave']);
  });

  it('names a handle by the part of the email before "@"', () => {
    expect(handleOf('Ada.Lovelace@example.com')).toBe('ada.lovelace');
  });
});
