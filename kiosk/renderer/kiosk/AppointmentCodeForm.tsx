/**
 * Typing an appointment code on the touch screen (issue #14 item 4), for a customer whose phone
 * will not scan or who has the code in a text message: letters and digits as printed.
 */
import { useState } from 'react';
import type { Translate } from '../../../shared/src/i18n.ts';

const KEYS = '1234567890ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
const MAX = 16;

export function AppointmentCodeForm(props: { t: Translate; error: string | null; onBack: () => void; onSubmit: (code: string) => void }) {
  const { t } = props;
  const [code, setCode] = useState('');
  const [error, setError] = useState(props.error);
  const type = (next: string): void => {
    setCode(next);
    setError(null); // a sentence about the old code is wrong for the new one
  };
  const submit = (): void => {
    if (!/^[A-Z0-9]{6,16}$/.test(code)) setError(t('fieldError.invalid', { field: t('kiosk.appointmentCode') }));
    else props.onSubmit(code);
  };
  return (
    <section className="details appointment-code">
      <h1>{t('kiosk.typeAppointment')}</h1>
      <label className="code-field">
        <span>{t('kiosk.appointmentCodeHint')}</span>
        <input name="appointmentCode" value={code} readOnly inputMode="none" aria-invalid={Boolean(error)} />
        {error && <span className="field-error">{error}</span>}
      </label>
      <div className="keys code-keyboard">
        {KEYS.map((k) => (
          <button key={k} type="button" data-key={k} disabled={code.length >= MAX} onClick={() => type(code + k)}>
            {k}
          </button>
        ))}
        <button type="button" className="wide" data-key="delete" onClick={() => type(code.slice(0, -1))}>
          {t('kiosk.delete')}
        </button>
      </div>
      <div className="actions">
        <button className="secondary" onClick={props.onBack}>
          {t('kiosk.back')}
        </button>
        <button className="primary" data-action="appointment-submit" onClick={submit}>
          {t('kiosk.checkIn')}
        </button>
      </div>
    </section>
  );
}
