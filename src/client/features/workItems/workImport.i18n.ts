import type { Widen } from '../../i18n/widen';

/** English texts of the work-item CSV import (merged into en.ts under `workImport`). */
export const workImportEn = {
  title: 'Import work items from CSV',
  link: 'Import CSV',
  intro:
    'Choose a CSV file with the columns of the work export (team and title required; id to update an item, empty to create one). Team, state and assignee are read by name, the assignee also by e-mail; dates as YYYY-MM-DD or DD/MM/YYYY. Regia shows a preview first; nothing is written until you press Import.',
  parents:
    'A parent is an existing item (parentId, its number) or a new row of the same file: give that row a key (any text, unique in the file) and name it in parentKey on its children. Rows are created parents first, in any order in the file.',
  itemTitle: 'Title',
  backToWork: 'Back to work',
};

/** Italian texts of the work-item CSV import. */
export const workImportIt: Widen<typeof workImportEn> = {
  title: 'Importa attività da CSV',
  link: 'Importa CSV',
  intro:
    "Scegli un file CSV con le colonne dell'esportazione delle attività (team e titolo obbligatori; id per aggiornare un'attività, vuoto per crearne una). Team, stato e assegnatario si leggono per nome, l'assegnatario anche per e-mail; date come AAAA-MM-GG o GG/MM/AAAA. Regia mostra prima un'anteprima; nulla viene scritto finché non premi Importa.",
  parents:
    "L'attività padre è un'attività esistente (parentId, il suo numero) o una nuova riga dello stesso file: dai a quella riga una key (un testo qualsiasi, unico nel file) e indicala in parentKey nelle righe figlie. Le attività padre vengono create prima delle figlie, in qualunque ordine siano le righe nel file.",
  itemTitle: 'Titolo',
  backToWork: 'Torna alle attività',
};
