/**
 * The desk records a customer's answer on priced additional work (issue #15) given at the
 * counter or by phone call: each item approved or declined, sent marked with where it was given.
 */
import { formatYuan } from '../../../shared/src/additional-work-text.ts';
import type { Translate } from '../../../shared/src/i18n.ts';
import type { AdditionalWork } from '../../../shared/src/protocol.ts';
import { useWorkChoices } from '../../../shared/src/client/work-choices.ts';

export function WorkAnswerForm(props: {
  t: Translate;
  work: AdditionalWork;
  onAnswer: (approvals: { itemIndex: number; approved: boolean }[], source: 'in_person' | 'phone_call') => void;
}) {
  const { t, work } = props;
  const { choices, approvals, complete, choose } = useWorkChoices(work.items.length);
  // Sent only once complete: every item's choice is in `approvals`.
  const send = (source: 'in_person' | 'phone_call'): void => props.onAnswer(approvals, source);
  return (
    <div className="work-answer" data-work={work.id}>
      {work.items.map((item, i) => (
        <span key={i} className="work-answer-item" data-item={i}>
          {item.description} {formatYuan(item.priceYuan)}
          <button
            type="button"
            className={choices[i] === true ? 'small' : 'small secondary'}
            aria-pressed={choices[i] === true}
            onClick={() => choose(i, true)}
          >
            {t('track.work.approve')}
          </button>
          <button
            type="button"
            className={choices[i] === false ? 'small' : 'small secondary'}
            aria-pressed={choices[i] === false}
            onClick={() => choose(i, false)}
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
