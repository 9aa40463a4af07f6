/**
 * A customer's answer on priced additional work (issue #15) being chosen item by item: approve or
 * decline each, complete once every item has a choice. Shared by the desk (answer given at the
 * counter or by phone call) and the phone page (answer given by the customer).
 */
import { useReducer } from 'react';

/** One choice per item: approved, declined, or not chosen yet (null). */
export type WorkChoices = readonly (boolean | null)[];

export type WorkChoiceAction = { type: 'choose'; itemIndex: number; approved: boolean };

export interface WorkApprovalChoice {
  itemIndex: number;
  approved: boolean;
}

/** Nothing chosen yet for `itemCount` items. */
export const noWorkChoices = (itemCount: number): WorkChoices => Array.from({ length: itemCount }, () => null);

/** Records one item's choice; an index outside the items changes nothing. */
export function workChoicesReducer(state: WorkChoices, action: WorkChoiceAction): WorkChoices {
  if (action.itemIndex < 0 || action.itemIndex >= state.length) return state;
  return state.map((choice, i) => (i === action.itemIndex ? action.approved : choice));
}

/** The items chosen so far, in item order, as the hub's answer routes take them. */
export const chosenApprovals = (state: WorkChoices): WorkApprovalChoice[] =>
  state.flatMap((approved, itemIndex) => (approved === null ? [] : [{ itemIndex, approved }]));

/** Every item has been approved or declined. */
export const allChosen = (state: WorkChoices): boolean => state.every((choice) => choice !== null);

export interface WorkChoicesState {
  choices: WorkChoices;
  approvals: WorkApprovalChoice[];
  complete: boolean;
  choose: (itemIndex: number, approved: boolean) => void;
}

/** The per-item choice state of one additional-work answer with `itemCount` items. */
export function useWorkChoices(itemCount: number): WorkChoicesState {
  const [choices, dispatch] = useReducer(workChoicesReducer, itemCount, noWorkChoices);
  return {
    choices,
    approvals: chosenApprovals(choices),
    complete: allChosen(choices),
    choose: (itemIndex, approved) => dispatch({ type: 'choose', itemIndex, approved }),
  };
}
