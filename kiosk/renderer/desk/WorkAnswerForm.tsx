/**
 * The desk records a customer's answer on priced additional work (issue #15) given at the
 * counter or by phone call: each item approved or declined, sent marked with where it was given.
 */
import { useState } from 'react';
import { formatYuan } from '../../../shared/src/additional-work-text.ts';
import type { Translate } from '../../../shared/src/i18n.ts';
import type { AdditionalWork } from '../../../shared/src/protocol.ts';

export function WorkAnswerForm(props: {
  t: Translate;
  work: AdditionalWork;
  onAnswer: (approvals: { itemIndex: number; approved: boolean }[], source: 'in_person' | 'phone_call') => void;
}) {
  const { t, work } = props;
  const [choices, setChoices] = useState<(boolean | null)[]>(() => work.items.map(() => null));
  const complete = choices.every((c) => c !== null);
  const send = (source: 'in_person' | 'phone_call'): void =>
    props.onAnswer(
      choices.map((approved, itemIndex) => ({ itemIndex, approved: approved === true })),
      source,
    );
  return (
    <div className="work-answer" data-work={work.id}>
      {work.items.map((item, i) => (
        <span key={i} className="work-answer-item" data-item={i}>
          {item.description} {formatYuan(item.priceYuan)}
          <button
            type="button"
            className={choices[i] === true ? 'small' : 'small secondary'}
            aria-pressed={choices[i] === true}
            onClick={() => setChoices(choices.map((c, j) => (j === i ? true : c)))}
          >
            {t('track.work.approve')}
          </button>
          <button
            type="button"
            className={choices[i] === false ? 'small' : 'small secondary'}
            aria-pressed={choices[i] === false}
            onClick={() => setChoices(choices.map((c, j) => (j === i ? false : c)))}
          >
            {t('track.work.decline')}
          </button>
        </span>
      ))}
      <button type="button" className="small" data-action="answer-in-person" disabled={!complete} onClick={() => send('in_person')}>
        {t('desk.work.recordInPerson')}
      </button>
      <button type="button" className="small" data-action="answer-phone-call" disabled={!complete} onClick={() => send('phone_call')}>
        {t('desk.work.recordPhoneCall')}
      </button>
    </div>
  );
}
