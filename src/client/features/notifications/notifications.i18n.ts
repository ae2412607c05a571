import type { Widen } from '../../i18n/widen';

/** English texts of the notifications pages (merged into en.ts under `notifications`). */
export const notificationsEn = {
  title: 'Notifications',
} as const;

/** Italian texts of the notifications pages; the same keys as the English ones (the type checker makes sure). */
export const notificationsIt: Widen<typeof notificationsEn> = {
  title: 'Notifiche',
};
