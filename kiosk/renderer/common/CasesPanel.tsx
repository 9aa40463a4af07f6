/**
 * Open complaint cases on a staff screen (issue #16 §3): masked customer and vehicle, topic,
 * owner, promised reply time (flagged when passed without a contact), and the three steps —
 * take it, record the contact, close with a resolution.
 */
import { useState } from 'react';
import type { Translate } from '../../../shared/src/i18n.ts';
import type { ComplaintCase } from '../../../shared/src/protocol.ts';
import { localClock } from '../../../shared/src/time.ts';
import { prepare, type PreparedCall } from '../../../shared/src/api/client.ts';
import { endpoints } from '../../../shared/src/api/index.ts';
import './cases.css';

type Run = (call: PreparedCall) => void;

export function CasesPanel(props: { t: Translate; cases: ComplaintCase[] | undefined; timeZone: string; staffName: string; onAction: Run }) {
  const { t, cases, onAction } = props;
  const [closing, setClosing] = useState<{ id: number; text: string } | null>(null);
  const [draft, setDraft] = useState({ topic: '', plate: '', customer: '' });
  if (!cases) return null;
  return (
    <section className="cases-panel" data-testid="cases" aria-label={t('cases.title')}>
      <h2>
        {t('cases.title')} <span className="muted">({cases.length})</span>
      </h2>
      <form
        className="case-open"
        onSubmit={(e) => {
          e.preventDefault();
          if (!draft.topic.trim()) return;
          onAction(
            prepare(endpoints.openCase, {
              body: {
                topic: draft.topic.trim(),
                ...(draft.plate.trim() ? { plate: draft.plate.trim() } : {}),
                ...(draft.customer.trim() ? { customer: draft.customer.trim() } : {}),
              },
            }),
          );
          setDraft({ topic: '', plate: '', customer: '' });
        }}
      >
        <input name="case-topic" value={draft.topic} placeholder={t('cases.topic')} onChange={(e) => setDraft({ ...draft, topic: e.target.value })} />
        <input
          name="case-plate"
          value={draft.plate}
          placeholder={t('arrivals.plate')}
          onChange={(e) => setDraft({ ...draft, plate: e.target.value.toUpperCase() })}
        />
        <input
          name="case-customer"
          value={draft.customer}
          placeholder={t('cases.customer')}
          onChange={(e) => setDraft({ ...draft, customer: e.target.value })}
        />
        <button className="small" type="submit">
          {t('cases.open')}
        </button>
      </form>
      {cases.length === 0 && <p className="muted">{t('cases.none')}</p>}
      <ol>
        {cases.map((c) => (
          <li key={c.id} data-case={c.id} className={c.replyOverdue ? 'overdue' : c.status}>
            <div className="case-head">
              <strong>{c.topic ?? t('cases.kioskTopic')}</strong>
              <span className={`badge ${c.status}`}>{t(`cases.status.${c.status}`)}</span>
            </div>
            <div className="case-meta">
              {[c.customer, c.maskedPlate, c.maskedPhone].filter(Boolean).join(' · ')} · {t('cases.owner')}: {c.owner ?? t('cases.noOwner')} ·{' '}
              <span className={c.replyOverdue ? 'late' : ''}>
                {c.replyOverdue ? t('cases.overdue') : t('cases.promised', { time: localClock(new Date(c.promisedReplyAt), props.timeZone) })}
              </span>
            </div>
            <div className="case-actions">
              {!c.owner && (
                <button
                  className="small secondary"
                  data-action="own"
                  onClick={() => onAction(prepare(endpoints.assignCase, { params: { id: c.id }, body: { owner: props.staffName } }))}
                >
                  {t('cases.takeOwnership')}
                </button>
              )}
              {c.status === 'open' && (
                <button
                  className="small"
                  data-action="contacted"
                  onClick={() => onAction(prepare(endpoints.addCaseNote, { params: { id: c.id }, body: { text: t('cases.contactNote'), contact: true } }))}
                >
                  {t('cases.contacted')}
                </button>
              )}
              {closing?.id === c.id ? (
                <form
                  className="case-close"
                  onSubmit={(e) => {
                    e.preventDefault();
                    if (!closing.text.trim()) return;
                    onAction(prepare(endpoints.closeCase, { params: { id: c.id }, body: { resolution: closing.text.trim() } }));
                    setClosing(null);
                  }}
                >
                  <input
                    name="resolution"
                    value={closing.text}
                    placeholder={t('cases.resolution')}
                    onChange={(e) => setClosing({ id: c.id, text: e.target.value })}
                  />
                  <button className="small" type="submit">
                    {t('cases.close')}
                  </button>
                </form>
              ) : (
                <button className="small secondary" data-action="close" onClick={() => setClosing({ id: c.id, text: '' })}>
                  {t('cases.close')}
                </button>
              )}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
