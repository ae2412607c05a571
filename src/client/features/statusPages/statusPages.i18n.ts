import type { Widen } from '../../i18n/widen';

/** English texts of the statusPages pages (merged into en.ts under `statusPages`). */
export const statusPagesEn = {
  title: 'Status pages',
} as const;

/** Italian texts of the statusPages pages; the same keys as the English ones (the type checker makes sure). */
export const statusPagesIt: Widen<typeof statusPagesEn> = {
  title: 'Pagine di stato',
};
