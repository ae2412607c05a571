import { type Language, languages } from './messages';

function languageOfTag(tag: string): Language | undefined {
  const base = tag.trim().slice(0, 2).toLowerCase();
  return (languages as readonly string[]).includes(base) ? (base as Language) : undefined;
}

/** The first language Regia speaks in an `Accept-Language` header, by the caller's preference (q). */
export function languageOfAcceptHeader(header: string | undefined): Language | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...options] = part.split(';');
      const quality = options.map((option) => /^\s*q=([\d.]+)\s*$/.exec(option)?.[1]).find(Boolean);
      return { tag, quality: quality === undefined ? 1 : Number(quality), index };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranked) {
    const language = languageOfTag(tag);
    if (language) return language;
  }
  return undefined;
}

/**
 * The language to answer a request in: the signed-in person's chosen locale, else what the browser
 * asks for, else English. A person without a chosen locale follows their browser.
 */
export function chooseLanguage(
  userLocale: string | null | undefined,
  acceptLanguage: string | undefined,
): Language {
  return (
    (userLocale ? languageOfTag(userLocale) : undefined) ?? languageOfAcceptHeader(acceptLanguage) ?? 'en'
  );
}
