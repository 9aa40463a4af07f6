/**
 * The manager's appointments (issue #16 §1): the day's figures, the capacity per service per
 * 30-minute slot (saved with the store settings), a DMS/OEM CSV import with preview and per-row
 * errors, and the same booking screen the desk has.
 */
import { useEffect, useState } from 'react';
import type { Language, Translate } from '../../../shared/src/i18n.ts';
import type { PublicStore } from '../../../shared/src/client/hooks.ts';
import { errorText, fieldSentence } from '../../../shared/src/error-text.ts';
import type { AppointmentFigures, ImportAnswer } from '../../../shared/src/protocol.ts';
import type { StoreConfig } from '../../../shared/src/services.ts';
import { AppointmentBook } from '../common/AppointmentBook.tsx';
import { endpoints } from '../../../shared/src/api/index.ts';
import { api, type StaffSession } from '../common/session.ts';

interface Props {
  t: Translate;
  store: PublicStore;
  language: Language;
  session: StaffSession;
  onExpired: () => void;
}

const percent = (value: number | null): string => (value === null ? '—' : `${Math.round(value * 100)}%`);

export function AppointmentsTab(props: Props) {
  const { t, session } = props;
  const [figures, setFigures] = useState<AppointmentFigures | null>(null);
  useEffect(() => {
    api(endpoints.appointmentFigures, {}, { token: session.token })
      .then(setFigures)
      .catch(() => undefined); // figures are a summary; the rest of the tab works without them
  }, [session.token]);
  return (
    <section className="appointments-tab" data-testid="appointments-tab">
      {figures && (
        <p className="figures-line" data-testid="appointment-figures">
          {t('appt.figures', { share: percent(figures.appointmentShare), onTime: percent(figures.onTimeRate), noShows: figures.noShows })}
        </p>
      )}
      {figures && figures.loadByHour.length > 0 && (
        <table className="load-by-hour" data-testid="load-by-hour">
          <caption>{t('appt.load.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('appt.load.hour')}</th>
              <th scope="col">{t('appt.load.booked')}</th>
              <th scope="col">{t('appt.load.capacity')}</th>
            </tr>
          </thead>
          <tbody>
            {figures.loadByHour.map((h) => (
              <tr key={h.hour} className={h.capacity > 0 && h.booked >= h.capacity ? 'full' : ''}>
                <td>{h.hour}:00</td>
                <td>{h.booked}</td>
                <td>{h.capacity}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="appointments-admin">
        <Capacity {...props} />
        <Import {...props} />
      </div>
      <AppointmentBook {...props} />
    </section>
  );
}

function Capacity(props: Props) {
  const { t, session, language } = props;
  const [config, setConfig] = useState<StoreConfig | null>(null);
  const [message, setMessage] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  useEffect(() => {
    api(endpoints.getSettings, {}, { token: session.token })
      .then(setConfig)
      .catch((e: unknown) => setMessage({ text: errorText(t, e), tone: 'error' }));
  }, [session.token, t]);
  if (!config) return <div className="panel">{message?.text ?? '…'}</div>;
  const settings = config.appointments;
  const setCapacity = (service: string | null, value: string): void => {
    const n = Math.max(0, Math.min(50, Math.floor(Number(value) || 0)));
    setConfig({
      ...config,
      appointments: service ? { ...settings, slotCapacity: { ...settings.slotCapacity, [service]: n } } : { ...settings, defaultSlotCapacity: n },
    });
  };
  const save = async (): Promise<void> => {
    try {
      setConfig(await api(endpoints.saveSettings, { body: { settings: config } }, { token: session.token }));
      setMessage({ text: t('manager.saved'), tone: 'ok' });
    } catch (err) {
      setMessage({ text: errorText(t, err), tone: 'error' });
    }
  };
  return (
    <div className="panel capacity" data-testid="capacity">
      <h3>{t('appt.capacity')}</h3>
      <div className="capacity-grid">
        {config.services
          .filter((s) => s.drivesIn)
          .map((s) => (
            <label key={s.id}>
              {s.name[language]}
              <input
                type="number"
                min={0}
                max={50}
                name={`capacity-${s.id}`}
                value={settings.slotCapacity[s.id] ?? settings.defaultSlotCapacity}
                onChange={(e) => setCapacity(s.id, e.target.value)}
              />
            </label>
          ))}
        <label>
          {t('appt.defaultCapacity')}
          <input
            type="number"
            min={0}
            max={50}
            name="capacity-default"
            value={settings.defaultSlotCapacity}
            onChange={(e) => setCapacity(null, e.target.value)}
          />
        </label>
      </div>
      <button className="small" data-action="save-capacity" onClick={() => void save()}>
        {t('manager.save')}
      </button>
      {message && (
        <p className={`message ${message.tone}`} role="status">
          {message.text}
        </p>
      )}
    </div>
  );
}

/** Bytes → base64 in slices (a spread of a whole file would overflow the call stack). */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function Import(props: Props) {
  const { t, session } = props;
  const [csv, setCsv] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportAnswer | null>(null);
  const [message, setMessage] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  const send = async (commit: boolean, content = csv): Promise<void> => {
    if (!content) return;
    try {
      const answer = await api(endpoints.importAppointments, { body: { csv: content, commit } }, { token: session.token });
      setPreview(answer);
      if (commit) {
        const duplicates = answer.rows.filter((r) => r.status === 'duplicate').length;
        setMessage({ text: t('appt.importResult', { created: answer.created, duplicates, errors: answer.errors.length }), tone: 'ok' });
      } else setMessage(null);
    } catch (err) {
      setMessage({ text: errorText(t, err), tone: 'error' });
    }
  };
  const fresh = preview?.rows.filter((r) => r.status === 'new').length ?? 0;
  return (
    <div className="panel import" data-testid="import">
      <h3>{t('appt.import')}</h3>
      <p className="muted">{t('appt.importHint')}</p>
      <input
        type="file"
        name="csv"
        accept=".csv,text/csv"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (!file) return;
          void file.arrayBuffer().then((buffer) => {
            const content = toBase64(new Uint8Array(buffer));
            setCsv(content);
            void send(false, content);
          });
        }}
      />
      {preview && (
        <div className="import-preview">
          <ol data-testid="import-rows">
            {preview.rows.map((r) => (
              <li key={r.row} className={r.status}>
                {t('appt.importRow', { row: r.row })} · {r.plate ?? '—'} {r.customerName ?? ''} ·{' '}
                {r.status === 'duplicate' ? t('appt.duplicate') : t('appt.new')}
                {r.overCapacity && ` · ${t('appt.overCapacity')}`}
              </li>
            ))}
          </ol>
          <ol className="import-errors" data-testid="import-errors">
            {preview.errors.map((e) => (
              <li key={`${e.row}-${e.field}`}>
                {t('appt.importRow', { row: e.row })} · {fieldSentence(t, e.field, e.message)}
              </li>
            ))}
          </ol>
          {fresh > 0 && preview.created === 0 && (
            <button className="small" data-action="import" onClick={() => void send(true)}>
              {t('appt.importNow', { count: fresh })}
            </button>
          )}
        </div>
      )}
      {message && (
        <p className={`message ${message.tone}`} role="status">
          {message.text}
        </p>
      )}
    </div>
  );
}
