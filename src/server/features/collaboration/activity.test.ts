import { describe, expect, it } from 'vitest';
import { changedFields } from './activity';

describe('changedFields', () => {
  it('lists the fields whose value differs, without timestamps', () => {
    expect(
      changedFields({ name: 'a', criticality: 2, updatedAt: 1 }, { name: 'a', criticality: 1, updatedAt: 2 }),
    ).toEqual([{ field: 'criticality', before: 2, after: 1 }]);
  });

  it('lists only the fields a create set', () => {
    expect(changedFields(null, { title: 'Down', itemId: null, severity: 3 })).toEqual([
      { field: 'title', before: null, after: 'Down' },
      { field: 'severity', before: null, after: 3 },
    ]);
  });
});
