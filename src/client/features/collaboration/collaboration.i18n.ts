import type { Widen } from '../../i18n/widen';

/** English texts of the collaboration pages (merged into en.ts under `collaboration`). */
export const collaborationEn = {
  title: 'Notifications',
} as const;

/** Italian texts of the collaboration pages; the same keys as the English ones (the type checker makes sure). */
export const collaborationIt: Widen<typeof collaborationEn> = {
  title: 'Notifiche',
};
