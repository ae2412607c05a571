import { describe, expect, it } from 'vitest';
import { chooseLanguage, languageOfAcceptHeader } from './language';

describe('the language of an answer', () => {
  it('follows the account locale before the browser', () => {
    expect(chooseLanguage('it', 'en-GB,en;q=0.9')).toBe('it');
    expect(chooseLanguage('en', 'it-IT,it;q=0.9')).toBe('en');
    expect(chooseLanguage('it-IT', undefined)).toBe('it');
  });

  it('follows Accept-Language when the account has no locale, or the caller is anonymous', () => {
    expect(chooseLanguage(null, 'it-IT,it;q=0.9,en;q=0.8')).toBe('it');
    expect(chooseLanguage(undefined, 'IT')).toBe('it');
    expect(chooseLanguage(null, 'en-US')).toBe('en');
  });

  it('weighs the header by quality and skips languages Regia does not speak', () => {
    expect(languageOfAcceptHeader('de-DE,de;q=0.9,it;q=0.8,en;q=0.5')).toBe('it');
    expect(languageOfAcceptHeader('en;q=0.4, it;q=0.7')).toBe('it');
    expect(languageOfAcceptHeader('it;q=0, en')).toBe('en');
    expect(languageOfAcceptHeader('*')).toBeUndefined();
  });

  it('falls back to English for unknown or missing languages', () => {
    expect(chooseLanguage('fr', 'de-DE,es;q=0.8')).toBe('en');
    expect(chooseLanguage(null, undefined)).toBe('en');
    expect(chooseLanguage(null, '')).toBe('en');
  });
});
