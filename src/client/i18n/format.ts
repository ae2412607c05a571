import { useTranslation } from 'react-i18next';
import { isLocale, type Locale } from './index';

/** BCP 47 tags used for numbers and dates: Italian gives 1.234,56 € and 25/11/2026. */
const intlTag: Record<Locale, string> = { en: 'en-GB', it: 'it-IT' };

const dateOptions: Record<Locale, Intl.DateTimeFormatOptions> = {
  en: { day: 'numeric', month: 'short', year: 'numeric' },
  it: { day: '2-digit', month: '2-digit', year: 'numeric' },
};

/** Formatters for the current UI language. */
export type Formatters = {
  locale: Locale;
  number: (value: number) => string;
  money: (cents: number | null, currency: string) => string;
  /** A calendar date `YYYY-MM-DD`, shown without any time zone shift. */
  date: (isoDate: string | null) => string;
  /** An instant in epoch milliseconds, shown in 24-hour local time. */
  dateTime: (epochMs: number | null) => string;
};

/** Builds the formatters for one language. */
export function formattersFor(locale: Locale): Formatters {
  const tag = intlTag[locale];
  // Group thousands even in 4-digit numbers (1.234,56 €): some ICU data leaves them out for Italian.
  const numberFormat = new Intl.NumberFormat(tag, { useGrouping: true });
  const dateFormat = new Intl.DateTimeFormat(tag, { ...dateOptions[locale], timeZone: 'UTC' });
  const dateTimeFormat = new Intl.DateTimeFormat(tag, {
    ...dateOptions[locale],
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return {
    locale,
    number: (value) => numberFormat.format(value),
    money: (cents, currency) => {
      if (cents === null) return '—';
      try {
        return new Intl.NumberFormat(tag, { style: 'currency', currency, useGrouping: true }).format(
          cents / 100,
        );
      } catch {
        return `${numberFormat.format(cents / 100)} ${currency}`;
      }
    },
    date: (isoDate) => {
      if (!isoDate) return '—';
      const time = Date.parse(`${isoDate}T00:00:00Z`);
      return Number.isNaN(time) ? isoDate : dateFormat.format(time);
    },
    dateTime: (epochMs) => (epochMs === null ? '—' : dateTimeFormat.format(epochMs)),
  };
}

const cache = new Map<Locale, Formatters>();

/** Formatters that follow the UI language. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const locale: Locale = isLocale(i18n.language) ? i18n.language : 'en';
  let formatters = cache.get(locale);
  if (!formatters) {
    formatters = formattersFor(locale);
    cache.set(locale, formatters);
  }
  return formatters;
}
