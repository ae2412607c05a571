import type { Widen } from '../../i18n/widen';

/** English texts of the incidents pages (merged into en.ts under `incidents`). */
export const incidentsEn = {
  title: 'Incidents',
} as const;

/** Italian texts of the incidents pages; the same keys as the English ones (the type checker makes sure). */
export const incidentsIt: Widen<typeof incidentsEn> = {
  title: 'Incidenti',
};
