import type { Widen } from '../../i18n/widen';

/** English texts of the work-item CSV import (merged into en.ts under `workImport`). */
export const workImportEn = {
  title: 'Import work items from CSV',
  link: 'Import CSV',
  intro:
    'Choose a CSV file with the columns of the work export (team and title required; id to update an item, empty to create one). Team, state and assignee are read by name, the assignee also by e-mail; dates as YYYY-MM-DD or DD/MM/YYYY. Regia shows a preview first; nothing is written until you press Import.',
  itemTitle: 'Title',
  backToWork: 'Back to work',
};

/** Italian texts of the work-item CSV import. */
export const workImportIt: Widen<typeof workImportEn> = {
  title: 'Importa attività da CSV',
  link: 'Importa CSV',
  intro:
    "Scegli un file CSV con le colonne dell'esportazione delle attività (team e titolo obbligatori; id per aggiornare un'attività, vuoto per crearne una). Team, stato e assegnatario si leggono per nome, l'assegnatario anche per e-mail; date come AAAA-MM-GG o GG/MM/AAAA. Regia mostra prima un'anteprima; nulla viene scritto finché non premi Importa.",
  itemTitle: 'Titolo',
  backToWork: 'Torna alle attività',
};
