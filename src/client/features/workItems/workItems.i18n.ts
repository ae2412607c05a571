import type { Widen } from '../../i18n/widen';

/** English texts of the workItems pages (merged into en.ts under `workItems`). */
export const workItemsEn = {
  title: 'Work',
} as const;

/** Italian texts of the workItems pages; the same keys as the English ones (the type checker makes sure). */
export const workItemsIt: Widen<typeof workItemsEn> = {
  title: 'Attività',
};
