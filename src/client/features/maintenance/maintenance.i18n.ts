import type { Widen } from '../../i18n/widen';

/** English texts of the maintenance pages (merged into en.ts under `maintenance`). */
export const maintenanceEn = {
  title: 'Maintenance windows',
} as const;

/** Italian texts of the maintenance pages; the same keys as the English ones (the type checker makes sure). */
export const maintenanceIt: Widen<typeof maintenanceEn> = {
  title: 'Finestre di manutenzione',
};
