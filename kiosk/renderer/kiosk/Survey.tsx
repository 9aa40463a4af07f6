/**
 * The on-site satisfaction survey (seed 000: 现场满意度调查): the customer about to leave scans
 * the ticket QR or enters the plate, gives 1–5 scores and, if they like, a comment picked from
 * ready phrases (a touch kiosk has no keyboard for free text).
 */
import { useEffect, useState } from 'react';
import type { Translate } from '../../../shared/src/i18n.ts';
import { Plate, SURVEY_ITEMS } from '../../../shared/src/protocol.ts';
import { classifyScan } from '../../../shared/src/scanned-code.ts';
import { ScanBurst } from '../common/scan-burst.ts';
import { PlateKeyboard } from './PlateKeyboard.tsx';
import { errorText } from '../../../shared/src/error-text.ts';
import { stationApi } from './station-api.ts';

const CHIPS = ['friendly', 'fast', 'slow', 'price', 'clean'] as const;
type Who = { ticketToken: string } | { plate: string };

export function Survey(props: { t: Translate; onDone: () => void; newKey: () => string }) {
  const { t } = props;
  const [who, setWho] = useState<Who | null>(null);
  const [plate, setPlate] = useState('');
  const [scores, setScores] = useState<Record<(typeof SURVEY_ITEMS)[number], number>>({ overall: 0, advisor: 0, speed: 0, lounge: 0 });
  const [chips, setChips] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  useEffect(() => {
    if (who) return undefined;
    const burst = new ScanBurst();
    const onKey = (e: KeyboardEvent): void => {
      const code = burst.key(e.key, performance.now());
      if (code === null) return;
      const scan = classifyScan(code);
      if (scan.kind === 'ticket') {
        setError(null);
        setWho({ ticketToken: scan.token });
      } else setError(t('kiosk.appointmentRejected'));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [who, t]);

  if (done) {
    return (
      <section className="survey">
        <h1 data-testid="survey-thanks">{t('survey.thanks')}</h1>
        <button className="primary" onClick={props.onDone}>
          {t('kiosk.done')}
        </button>
      </section>
    );
  }

  if (!who) {
    const usePlate = (): void => {
      const parsed = Plate.safeParse(plate);
      if (parsed.success) {
        setError(null); // the identify step's error does not belong on the next step
        setWho({ plate: parsed.data });
      } else setError(t('kiosk.plateInvalid'));
    };
    return (
      <section className="survey">
        <h1>{t('survey.identify')}</h1>
        <PlateKeyboard value={plate} onChange={setPlate} t={t} />
        {error && <p className="field-error">{error}</p>}
        <div className="actions">
          <button className="secondary" onClick={props.onDone}>
            {t('kiosk.back')}
          </button>
          <button className="primary" data-action="survey-plate" onClick={usePlate}>
            {t('kiosk.next')}
          </button>
        </div>
      </section>
    );
  }

  const submit = async (): Promise<void> => {
    setError(null);
    try {
      const comment = chips.map((c) => t(`survey.chip.${c}` as 'survey.chip.fast')).join('；');
      await stationApi().submitSurvey({ ...who, scores, ...(comment ? { comment } : {}), idempotencyKey: props.newKey() });
      setDone(true);
    } catch (err) {
      setError(errorText(t, err, 'customer'));
    }
  };
  return (
    <section className="survey">
      {'ticketToken' in who && <p className="appointment-ok">{t('survey.ticketRead')}</p>}
      <h1>{t('survey.scores')}</h1>
      {error && <p className="field-error">{error}</p>}
      <div className="score-rows">
        {SURVEY_ITEMS.map((item) => (
          <div key={item} className="score-row" data-item={item}>
            <span className="item">{t(`survey.item.${item}`)}</span>
            {[1, 2, 3, 4, 5].map((n) => (
              <button
                key={n}
                className={`star ${scores[item] >= n ? 'on' : ''}`}
                data-score={n}
                aria-label={`${n}`}
                onClick={() => setScores({ ...scores, [item]: n })}
              >
                ★
              </button>
            ))}
          </div>
        ))}
      </div>
      <p className="muted">{t('survey.comment')}</p>
      <div className="chips">
        {CHIPS.map((c) => (
          <button
            key={c}
            className={`chip ${chips.includes(c) ? 'on' : ''}`}
            onClick={() => setChips(chips.includes(c) ? chips.filter((x) => x !== c) : [...chips, c])}
          >
            {t(`survey.chip.${c}`)}
          </button>
        ))}
      </div>
      <div className="actions">
        <button className="secondary" onClick={props.onDone}>
          {t('kiosk.back')}
        </button>
        <button className="primary" data-action="survey-submit" disabled={Object.values(scores).some((v) => v === 0)} onClick={() => void submit()}>
          {t('survey.submit')}
        </button>
      </div>
    </section>
  );
}
