import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { apiFieldErrors, type FieldErrors, zodFieldErrors } from './forms';

/**
 * Checks a form's values with the shared contract before they are sent, so most mistakes show
 * under their fields at once; `errors` holds those and the field errors of the last failed save.
 */
export function useContractForm<Schema extends z.ZodType>(
  schema: Schema,
  saveError: unknown,
  onSubmit: (value: z.output<Schema>) => void,
) {
  const { t } = useTranslation();
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const submit = (value: unknown) => {
    const parsed = schema.safeParse(value);
    setLocalErrors(parsed.success ? {} : zodFieldErrors(parsed.error, t));
    if (parsed.success) onSubmit(parsed.data);
  };
  const errors: FieldErrors = { ...apiFieldErrors(saveError), ...localErrors };
  return { errors, submit };
}
