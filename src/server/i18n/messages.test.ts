import { describe, expect, it } from 'vitest';
import { catalogues, languages, phrase, render } from './messages';
import { en } from './messages.en';

const placeholders = (template: string) => [...template.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('server message catalogue', () => {
  it('has every English key in every language, non-empty, with the same placeholders', () => {
    const keys = Object.keys(en).sort();
    for (const language of languages) {
      const catalogue = catalogues[language] as Record<string, string>;
      expect(Object.keys(catalogue).sort(), language).toEqual(keys);
      for (const key of keys) {
        const template = catalogue[key] ?? '';
        expect(template.trim(), `${language} ${key}`).not.toBe('');
        expect(placeholders(template), `${language} ${key}`).toEqual(
          placeholders(en[key as keyof typeof en]),
        );
      }
    }
  });

  it('leaves no placeholder syntax but {{name}} (a typo such as {state} would show as text)', () => {
    for (const language of languages) {
      for (const [key, template] of Object.entries(catalogues[language])) {
        const stripped = template.replace(/\{\{\w+\}\}/g, '');
        expect(/[{}]/.test(stripped), `${language} ${key}: ${template}`).toBe(false);
      }
    }
  });

  it('fills named values as plain text and says nested messages in the same language', () => {
    const wip = phrase('work.wipLimit', { state: 'In review', limit: 2 });
    expect(render('en', wip)).toBe(
      '"In review" is at its work-in-progress limit of 2: finish or move an item out first',
    );
    expect(render('it', wip)).toBe(
      '"In review" ha raggiunto il limite di 2 attività in corso: completa o sposta prima un\'attività',
    );
    // A value that looks like a placeholder is shown as typed, never filled again.
    expect(render('it', phrase('inventory.nameUsed', { name: '{{name}}' }))).toBe(
      'Esiste già un elemento chiamato "{{name}}"',
    );
    const merged = phrase('requests.mergeIntoLive', { id: 7, status: phrase('requests.status.declined') });
    expect(render('en', merged)).toBe('Request #7 was declined: merge into a live one');
    expect(render('it', merged)).toBe('La richiesta #7 è rifiutata: uniscila a una richiesta ancora aperta');
  });
});
