import { useTranslation } from 'react-i18next';
import { CsvImportWizard } from '../../components/CsvImportWizard';
import { useImportItems } from './inventory.api';

/** Inventory CSV import: choose a file, preview the server's dry run, then import. */
export function ImportPage() {
  const { t } = useTranslation();
  return (
    <CsvImportWizard
      title={t('import.title')}
      intro={t('import.intro')}
      nameHeader={t('inventory.fields.name')}
      importer={useImportItems()}
      back={{ to: '/inventory', label: t('inventory.title') }}
    />
  );
}
