/**
 * The guard's tablet at the entrance of the service drive (issue #16 §2): type the plate of a
 * vehicle driving in and tap a free pre-inspection bay (or queue it when all are full). The
 * vehicle counts toward the pre-inspection rules from this moment, before any job exists.
 */
import { useState } from 'react';
import type { Translate } from '../../../shared/src/i18n.ts';
import { initialLanguage, type PublicStore } from '../../../shared/src/client/hooks.ts';
import { errorText, fieldErrors } from '../../../shared/src/error-text.ts';
import { BayBoard } from '../common/BayBoard.tsx';
import { StaffGate } from '../common/StaffGate.tsx';
import { endpoints } from '../../../shared/src/api/index.ts';
import { api, ApiFailure, send, type StaffSession } from '../common/session.ts';
import { useNow, useStaffState } from '../common/staff-state.ts';

export function ArrivalsApp() {
  return (
    <StaffGate titleKey="arrivals.title">
      {({ t, store, session, endSession }) => <Gate t={t} store={store} session={session} onExpired={endSession} />}
    </StaffGate>
  );
}

function Gate(props: { t: Translate; store: PublicStore; session: StaffSession; onExpired: () => void }) {
  const { t, store, session } = props;
  const live = useStaffState(session.token);
  const now = useNow();
  const [plate, setPlate] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  const view = live.snapshot?.bays;

  const attempt = async <T,>(request: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    try {
      return await request();
    } catch (err) {
      if (err instanceof ApiFailure && err.status === 401) props.onExpired();
      const field = fieldErrors(t, err);
      setMessage({ text: field.plate ?? field.bay ?? errorText(t, err), tone: 'error' });
      return null;
    } finally {
      setBusy(false);
    }
  };

  const register = async (bay: string | null): Promise<void> => {
    if (!plate.trim()) return setMessage({ text: t('arrivals.enterPlate'), tone: 'error' });
    const arrival = await attempt(() =>
      api(endpoints.registerArrival, { body: { plate: plate.trim(), source: 'guard', ...(bay ? { bay } : {}) } }, { token: session.token }),
    );
    if (!arrival) return;
    setPlate('');
    setMessage({
      text: arrival.bay ? t('arrivals.registeredBay', { plate: arrival.plate, bay: arrival.bay }) : t('arrivals.registeredWaiting', { plate: arrival.plate }),
      tone: 'ok',
    });
  };

  return (
    <div className="desk arrivals-page">
      <header className="desk-header">
        <div>
          <strong>{t('arrivals.title')}</strong> · {store.name[initialLanguage()]}
        </div>
        <div className="who">
          <span>{session.staff.name}</span>
          <span className={`conn ${live.connected ? 'on' : 'off'}`}>{live.connected ? t('display.connected') : t('display.reconnecting')}</span>
        </div>
      </header>
      <main className="arrivals-grid">
        <section className="panel arrivals-form">
          <label className="plate-field">
            <span>{t('arrivals.plate')}</span>
            <input
              name="plate"
              value={plate}
              maxLength={16}
              autoComplete="off"
              placeholder="粤B12345"
              onChange={(e) => {
                setPlate(e.target.value.toUpperCase());
                setMessage(null);
              }}
            />
          </label>
          <p className="muted">{t('arrivals.hint')}</p>
          <div className="bay-buttons">
            {(view?.bays ?? []).map(({ bay, vehicle }) => (
              <button key={bay} data-bay-button={bay} disabled={busy || vehicle !== null} onClick={() => void register(bay)}>
                <span className="bay-name">{bay}</span>
                <span className="bay-state">{vehicle ? vehicle.plate : t('bays.free')}</span>
              </button>
            ))}
          </div>
          <button className="secondary queue" data-action="queue" disabled={busy} onClick={() => void register(null)}>
            {t('arrivals.queue')}
          </button>
          {message && (
            <p className={`message banner ${message.tone}`} role="status">
              {message.text}
            </p>
          )}
        </section>
        <section className="panel">
          <BayBoard
            t={t}
            view={view}
            now={now}
            onAction={(call, vehicle) =>
              void attempt(() => send(call, { token: session.token })).then(
                (done) => done && setMessage({ text: t('arrivals.released', { plate: vehicle.plate }), tone: 'ok' }),
              )
            }
          />
        </section>
      </main>
    </div>
  );
}
