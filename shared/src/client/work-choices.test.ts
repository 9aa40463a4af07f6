import { describe, expect, it } from 'vitest';
import { allChosen, chosenApprovals, noWorkChoices, workChoicesReducer } from './work-choices.ts';

describe('additional-work choices', () => {
  it('starts with nothing chosen and is complete only once every item is answered', () => {
    let state = noWorkChoices(3);
    expect(state).toEqual([null, null, null]);
    expect(allChosen(state)).toBe(false);
    state = workChoicesReducer(state, { type: 'choose', itemIndex: 2, approved: false });
    state = workChoicesReducer(state, { type: 'choose', itemIndex: 0, approved: true });
    expect(allChosen(state)).toBe(false);
    expect(chosenApprovals(state)).toEqual([
      { itemIndex: 0, approved: true },
      { itemIndex: 2, approved: false },
    ]);
    state = workChoicesReducer(state, { type: 'choose', itemIndex: 1, approved: true });
    expect(allChosen(state)).toBe(true);
    expect(chosenApprovals(state).map((a) => a.itemIndex)).toEqual([0, 1, 2]);
  });

  it('lets a choice be changed, and ignores an index outside the items', () => {
    const approved = workChoicesReducer(noWorkChoices(2), { type: 'choose', itemIndex: 1, approved: true });
    const changed = workChoicesReducer(approved, { type: 'choose', itemIndex: 1, approved: false });
    expect(changed).toEqual([null, false]);
    expect(approved).toEqual([null, true]);
    expect(workChoicesReducer(changed, { type: 'choose', itemIndex: 2, approved: true })).toBe(changed);
    expect(workChoicesReducer(changed, { type: 'choose', itemIndex: -1, approved: true })).toBe(changed);
  });

  it('has no items to choose for work without items', () => {
    expect(allChosen(noWorkChoices(0))).toBe(true);
    expect(chosenApprovals(noWorkChoices(0))).toEqual([]);
  });
});
