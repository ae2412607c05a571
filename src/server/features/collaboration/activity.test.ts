import { describe, expect, it } from 'vitest';
import { changedFields } from './activity';

describe('changedFields', () => {
  it('lists the fields whose value differs, without timestamps', () => {
    expect(
      changedFields({ name: 'a', criticality: 2, updatedAt: 1 }, { name: 'a', criticality: 1, updatedAt: 2 }),
    ).toEqual([{ field: 'criticality', before: 2, after: 1 }]);
  });

  it('lists only the fields a create set to something', () => {
    expect(changedFields(null, { title: 'Down', itemId: null, severity: 3, description: '' })).toEqual([
      { field: 'title', before: null, after: 'Down' },
      { field: 'severity', before: null, after: 3 },
    ]);
  });

  it('compares an update against the fields written, not the whole row before', () => {
    // Work items audit the whole row before and only the written fields after.
    const before = {
      title: 'Patch',
      description: 'All servers',
      assigneeId: 4,
      stateId: 1,
      category: 'todo',
    };
    expect(changedFields(before, { stateId: 2, category: 'inProgress' })).toEqual([
      { field: 'stateId', before: 1, after: 2 },
    ]);
  });
});
