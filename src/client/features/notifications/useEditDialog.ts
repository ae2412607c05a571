import { useState } from 'react';

/** The part of a react-query mutation the dialog drives. */
type Mutation<Variables> = {
  mutate: (variables: Variables, options?: { onSuccess?: () => void }) => void;
  reset: () => void;
  isPending: boolean;
  error: unknown;
};

/**
 * The create-or-edit dialog of a settings tab: which row is open (or a new one), and saving it with
 * the create or the update mutation; the dialog closes once the save succeeds.
 */
export function useEditDialog<Row extends { id: number }, New, Change>(
  create: Mutation<New>,
  update: Mutation<{ id: number; change: Change }>,
) {
  const [editing, setEditing] = useState<Row | 'new' | null>(null);
  const close = () => {
    setEditing(null);
    // A failed save's message must not greet the next dialog.
    create.reset();
    update.reset();
  };
  return {
    isOpen: editing !== null,
    /** The row being edited; undefined for a new one. */
    row: editing === 'new' || editing === null ? undefined : editing,
    openNew: () => setEditing('new'),
    openEdit: (row: Row) => setEditing(row),
    close,
    /** `value` creates a row; `change` is what an edit sends. */
    save: (value: New, change: Change) => {
      if (editing === 'new') create.mutate(value, { onSuccess: close });
      else if (editing) update.mutate({ id: editing.id, change }, { onSuccess: close });
    },
    isPending: create.isPending || update.isPending,
    error: editing === 'new' ? create.error : update.error,
  };
}
