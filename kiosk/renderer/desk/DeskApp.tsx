/** The advisor's console: choose a counter, call the next number, see who was called. */
import { useEffect, useState } from 'react';
import type { Ticket } from '../../../shared/src/protocol.ts';
import { initialLanguage, useLiveQueue, useStore, useTranslate } from '../common/hooks.ts';
import { PinLogin } from '../common/PinLogin.tsx';
import { api, ApiFailure, loadSession, saveSession, type StaffSession } from '../common/session.ts';

const COUNTER_KEY = 'desk.counter';

export function DeskApp() {
  const store = useStore();
  const live = useLiveQueue();
  const [language] = useState(() => initialLanguage());
  const t = useTranslate(language);
  const [counterId, setCounterId] = useState<string | null>(() => localStorage.getItem(COUNTER_KEY));
  const [called, setCalled] = useState<Ticket | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [session, setSession] = useState<StaffSession | null>(() => loadSession());

  useEffect(() => {
    if (counterId) localStorage.setItem(COUNTER_KEY, counterId);
    else localStorage.removeItem(COUNTER_KEY);
  }, [counterId]);

  if (!store) return <div className="desk loading">…</div>;
  if (!session) {
    return (
      <div className="desk">
        <PinLogin
          t={t}
          title={`${t('desk.title')} · ${store.name[language]}`}
          onLogin={(s) => {
            saveSession(s);
            setSession(s);
          }}
        />
      </div>
    );
  }
  const logout = (): void => {
    void api('/api/logout', { method: 'POST', token: session.token }).catch(() => undefined);
    saveSession(null);
    setSession(null);
  };
  const counter = store.counters.find((c) => c.id === counterId);
  const waitingTotal = live.snapshot ? Object.values(live.snapshot.waiting).reduce((n, list) => n + list.length, 0) : null;
  const serviceName = (id: string): string => store.services.find((s) => s.id === id)?.name[language] ?? id;

  const callNext = async (): Promise<void> => {
    if (!counter) return;
    setBusy(true);
    setMessage(null);
    try {
      const ticket = await api<Ticket>(`/api/counters/${encodeURIComponent(counter.id)}/call-next`, { method: 'POST', token: session.token });
      setCalled(ticket);
      if (!ticket) setMessage(t('desk.nobodyWaiting'));
    } catch (err) {
      if (err instanceof ApiFailure && err.status === 401) {
        saveSession(null);
        setSession(null);
      }
      setMessage(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="desk">
      <header className="desk-header">
        <div>
          <strong>{t('desk.title')}</strong> · {store.name[language]}
        </div>
        <div className="who">
          <span>{session.staff.name}</span>
          <button className="link light" onClick={logout}>
            {t('desk.logout')}
          </button>
          <span className={`conn ${live.connected ? 'on' : 'off'}`}>{live.connected ? t('display.connected') : t('display.reconnecting')}</span>
        </div>
      </header>
      {!counter ? (
        <main className="choose">
          <h1>{t('desk.chooseCounter')}</h1>
          <div className="counters">
            {store.counters.map((c) => (
              <button key={c.id} data-counter={c.id} onClick={() => setCounterId(c.id)}>
                {c.name[language]}
              </button>
            ))}
          </div>
        </main>
      ) : (
        <main className="console">
          <div className="console-top">
            <h1 data-testid="counter-name">{counter.name[language]}</h1>
            <button className="link" onClick={() => setCounterId(null)}>
              {t('desk.change')}
            </button>
          </div>
          <div className="called-card" aria-live="polite">
            <div className="muted">{t('desk.calling')}</div>
            <div className="number" data-testid="called-number">
              {called?.number ?? '—'}
            </div>
            {called && (
              <div className="service">
                {serviceName(called.service)}
                {called.plate ? ` · ${called.plate}` : ''}
              </div>
            )}
          </div>
          <button className="call-next" data-action="call-next" disabled={busy} onClick={() => void callNext()}>
            {t('desk.callNext')}
          </button>
          {message && (
            <p className="message" role="status">
              {message}
            </p>
          )}
          <p className="muted waiting">{waitingTotal === null ? '' : t('desk.waiting', { count: waitingTotal })}</p>
        </main>
      )}
    </div>
  );
}
