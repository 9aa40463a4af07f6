/**
 * Additional work on the phone page (issue #15): each item with its price, approve or decline
 * one by one, the total; the lines are the very ones the hub records as the customer's consent
 * (shared/src/additional-work-text.ts). After the answer, what was answered.
 */
import { useState } from 'react';
import { approvedTotal, formatYuan, workLines } from '../../shared/src/additional-work-text.ts';
import { call, newIdempotencyKey } from '../../shared/src/api/client.ts';
import { endpoints } from '../../shared/src/api/index.ts';
import { errorText } from '../../shared/src/error-text.ts';
import type { Language, Translate } from '../../shared/src/i18n.ts';
import type { AdditionalWork } from '../../shared/src/protocol.ts';
import { useWorkChoices } from '../../shared/src/client/work-choices.ts';

export function WorkApproval(props: { work: AdditionalWork; token: string; language: Language; t: Translate; onAnswered: () => void }) {
  const { work, t, language } = props;
  const { choices, approvals, complete, choose } = useWorkChoices(work.items.length);
  // One key per answer being given: a retry after a lost reply is the same answer.
  const [key] = useState(newIdempotencyKey);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const lines = workLines(work, language);

  if (work.status === 'answered') {
    return (
      <section className="work answered" data-testid="work-answered" data-work={work.id}>
        <h2>{t('track.work.answered')}</h2>
        <ul>
          {work.items.map((item, i) => (
            <li key={i}>
              {item.description} {formatYuan(item.priceYuan)} ·{' '}
              {work.answer?.find((a) => a.itemIndex === i)?.approved ? t('track.work.approve') : t('track.work.decline')}
            </li>
          ))}
        </ul>
      </section>
    );
  }

  const submit = async (): Promise<void> => {
    setSending(true);
    setProblem(null);
    try {
      const answer = { params: { token: props.token, workId: work.id }, body: { approvals, language } };
      await call(endpoints.answerWorkByPhone, answer, { idempotencyKey: key, retryDelaysMs: [300, 1000] });
      props.onAnswered();
    } catch (err) {
      setProblem(errorText(t, err, 'customer'));
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="work" data-testid="work-approval" data-work={work.id}>
      <h2>{t('track.work.title')}</h2>
      <p className="muted">{t('track.work.intro')}</p>
      {(work.photos ?? []).length > 0 && (
        <div className="work-photos" data-testid="work-photos">
          {(work.photos ?? []).map((id, i) => (
            <a key={id} href={`/api/track/${encodeURIComponent(props.token)}/additional-work/${work.id}/photos/${id}`} target="_blank" rel="noreferrer">
              <img src={`/api/track/${encodeURIComponent(props.token)}/additional-work/${work.id}/photos/${id}`} alt={t('track.work.photo', { n: i + 1 })} />
            </a>
          ))}
        </div>
      )}
      <ol className="work-items">
        {work.items.map((_, i) => (
          <li key={i} data-item={i}>
            <span className="line">{lines[i]}</span>
            <span className="choice" role="group">
              <button
                type="button"
                className={choices[i] === true ? 'chosen yes' : 'secondary'}
                aria-pressed={choices[i] === true}
                onClick={() => choose(i, true)}
              >
                {t('track.work.approve')}
              </button>
              <button
                type="button"
                className={choices[i] === false ? 'chosen no' : 'secondary'}
                aria-pressed={choices[i] === false}
                onClick={() => choose(i, false)}
              >
                {t('track.work.decline')}
              </button>
            </span>
          </li>
        ))}
      </ol>
      {lines.slice(work.items.length).map((line) => (
        <p key={line} className="work-line">
          {line}
        </p>
      ))}
      <p className="work-line strong" data-testid="approved-total">
        {t('track.work.approvedTotal', { amount: formatYuan(approvedTotal(work, approvals)) })}
      </p>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <button type="button" className="submit" disabled={!complete || sending} onClick={() => void submit()}>
        {complete ? t('track.work.submit') : t('track.work.chooseEach')}
      </button>
    </section>
  );
}
