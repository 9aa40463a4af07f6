/**
 * The lounge TV: the number being called and where to go, the last calls, and how many are
 * waiting per service. Everything arrives by push; only public data (numbers, counters,
 * services) ever reaches this page.
 */
import { useEffect, useState } from 'react';
import { localClock } from '../../shared/src/time.ts';
import { initialLanguage, useLiveQueue, useStore, useTranslate } from '../../kiosk/renderer/common/hooks.ts';

const RECENT_SHOWN = 5;

export function DisplayApp() {
  const store = useStore();
  const live = useLiveQueue();
  const [language] = useState(() => initialLanguage());
  const t = useTranslate(language);
  const [now, setNow] = useState(() => new Date());

  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);

  if (!store) return <div className="display loading">…</div>;
  const counterName = (id: string): string => store.counters.find((c) => c.id === id)?.name[language] ?? id;
  const snapshot = live.snapshot;
  const [current, ...earlier] = snapshot?.recentCalls ?? [];

  return (
    <div className="display">
      <header>
        <div className="store">{store.name[language]}</div>
        <div className="right">
          <span className={`conn ${live.connected ? 'on' : 'off'}`} data-testid="connection">
            {live.connected ? t('display.connected') : t('display.reconnecting')}
          </span>
          <span className="clock">{localClock(now, store.timeZone)}</span>
        </div>
      </header>
      <main>
        <section className="now-calling" aria-live="assertive">
          {current ? (
            <div key={`${current.number}-${current.calledAt}`} className="call flash">
              <div className="number" data-testid="now-calling-number">
                {current.number}
              </div>
              <div className="arrow">→</div>
              <div className="counter" data-testid="now-calling-counter">
                {counterName(current.counterId)}
              </div>
              <div className="sentence">
                {t('display.nowCalling', { number: current.number, counter: counterName(current.counterId) })}
              </div>
            </div>
          ) : (
            <div className="idle">{t('display.noCalls')}</div>
          )}
        </section>
        <aside className="recent">
          <h2>{t('display.recentCalls')}</h2>
          <ol>
            {earlier.slice(0, RECENT_SHOWN - 1).map((call) => (
              <li key={`${call.number}-${call.calledAt}`}>
                <span className="number">{call.number}</span>
                <span className="counter">{counterName(call.counterId)}</span>
              </li>
            ))}
          </ol>
        </aside>
      </main>
      <footer>
        <span className="label">{t('display.waiting')}</span>
        {store.services.map((s) => (
          <span key={s.id} className="svc" data-service={s.id}>
            {s.name[language]} <strong>{snapshot?.waiting[s.id]?.length ?? 0}</strong>
          </span>
        ))}
      </footer>
    </div>
  );
}
