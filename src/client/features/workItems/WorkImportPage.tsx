import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { WorkImportReport } from '../../../shared/contracts/work-import';
import { http } from '../../api/http';
import { CsvImportWizard } from '../../components/CsvImportWizard';

/** Previews (dry run) or applies a work-item CSV import; a written import refreshes every work query. */
function useImportWorkItems() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { csv: string; dryRun: boolean }) =>
      http.post<WorkImportReport>('/work-items/import', body),
    onSuccess: (report) => {
      if (report.isApplied) void queryClient.invalidateQueries();
    },
  });
}

/** Work-item CSV import: choose a file, preview the server's dry run row by row, then import. */
export function WorkImportPage() {
  const { t } = useTranslation();
  return (
    <CsvImportWizard
      title={t('workImport.title')}
      intro={`${t('workImport.intro')} ${t('workImport.parents')}`}
      nameHeader={t('workImport.itemTitle')}
      importer={useImportWorkItems()}
      back={{ to: '/work', label: t('workImport.backToWork') }}
    />
  );
}
