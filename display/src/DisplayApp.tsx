/**
 * The lounge TV (seed 001: 进厂维修进度通报制度): the number being called and where to go, with a
 * chime and voice; the last calls; waiting and estimated wait per service; every vehicle's
 * progress, paged when they do not fit; notices and a clock. Everything arrives by push, and
 * only public data — numbers, masked plates, surname and title — ever reaches this page.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { isLanguage, type Language, type Translate } from '../../shared/src/i18n.ts';
import type { JobStage, PublicJob } from '../../shared/src/protocol.ts';
import { localClock } from '../../shared/src/time.ts';
import { waitText } from '../../shared/src/wait-text.ts';
import { useLiveEvents, useLiveQueue, useStore, useTranslate, type PublicStore } from '../../shared/src/client/hooks.ts';
import { Announcer, type Announcement } from './announcer.ts';
import { browserSpeaker } from './browser-speaker.ts';
import { pageCount, pageOf, rowsThatFit } from './paging.ts';

const RECENT_SHOWN = 5;
const STAGES: JobStage[] = ['reception', 'waiting', 'repair', 'qc', 'wash', 'ready', 'delivered'];
/** Calls older than this when they reach the page (after a reconnect) are shown, not announced. */
const ANNOUNCE_WITHIN_MS = 60_000;
/** Every announced number holds the big slot at least this long (calls close together queue). */
const BIG_SLOT_MS = 5_000;

export function DisplayApp() {
  const store = useStore();
  const live = useLiveQueue();
  const language = useDisplayLanguage(store);
  const t = useTranslate(language);
  const [now, setNow] = useState(() => new Date());
  const [caption, setCaption] = useState<Announcement | null>(null);
  const announcer = useRef<Announcer | null>(null);

  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);

  const announceEnglish = store?.display.announceEnglish;
  useEffect(() => {
    if (announceEnglish === undefined) return;
    const languages = [language, ...(announceEnglish && language !== 'en' ? ['en'] : [])];
    announcer.current = new Announcer(browserSpeaker(), { languages, repeat: 2, onCaption: setCaption, minShowMs: BIG_SLOT_MS });
  }, [announceEnglish, language]);

  // Every call, also calls that arrive together (a catch-up after the Wi-Fi came back).
  useLiveEvents((event) => {
    if (!store || (event.type !== 'ticket.called' && event.type !== 'ticket.recalled')) return;
    if (Date.now() - Date.parse(event.at) > ANNOUNCE_WITHIN_MS) return;
    const counter = store.counters.find((c) => c.id === event.ticket.counterId);
    announcer.current?.announce({ number: event.ticket.number, counter: counter ? { ...counter.name } : { 'zh-CN': event.ticket.counterId ?? '' } });
  });

  if (!store) return <div className="display loading">…</div>;
  const counterName = (id: string): string => store.counters.find((c) => c.id === id)?.name[language] ?? id;
  const snapshot = live.snapshot;
  const calls = snapshot?.recentCalls ?? [];
  // The big slot shows the call being announced, with its own caption, so number and sentence
  // always agree; calls close together take turns there while the strip lists them all.
  const latest = calls[0];
  const current = caption
    ? { key: `announcing-${caption.number}`, number: caption.number, counter: caption.counter[language] ?? caption.counter['zh-CN'] ?? '' }
    : latest
      ? { key: `${latest.number}-${latest.calledAt}`, number: latest.number, counter: counterName(latest.counterId) }
      : null;
  const notices = store.display.notices.map((n) => n[language]);

  return (
    <div className="display" lang={language}>
      <header>
        <div className="store">{store.name[language]}</div>
        <div className="right">
          <span className={`conn ${live.connected ? 'on' : 'off'}`} data-testid="connection">
            {live.connected ? t('display.connected') : t('display.reconnecting')}
          </span>
          <span className="clock" data-testid="clock">
            {localClock(now, store.timeZone)}
          </span>
        </div>
      </header>
      <main>
        <section className="calling">
          <div className="now-calling" aria-live="assertive">
            <h2>{t('display.nowCallingTitle')}</h2>
            {current ? (
              <div key={current.key} className={`call ${caption ? 'announcing' : ''}`}>
                <div className="number" data-testid="now-calling-number">
                  {current.number}
                </div>
                <div className="counter" data-testid="now-calling-counter">
                  {current.counter}
                </div>
                <div className="sentence" data-testid="caption">
                  {caption ? t('display.nowCalling', { number: current.number, counter: current.counter }) : ''}
                </div>
              </div>
            ) : (
              <div className="idle">{t('display.noCalls')}</div>
            )}
          </div>
          <div className="recent">
            <h2>{t('display.recentCalls')}</h2>
            <ol data-testid="recent-calls">
              {calls.slice(0, RECENT_SHOWN).map((call) => (
                <li key={`${call.number}-${call.calledAt}`}>
                  <span className="number">{call.number}</span>
                  <span className="counter">{counterName(call.counterId)}</span>
                </li>
              ))}
            </ol>
          </div>
        </section>
        <ProgressBoard jobs={snapshot?.jobs ?? []} t={t} store={store} now={now.getTime()} />
      </main>
      <footer>
        <div className="waits">
          <span className="label">{t('display.waiting')}</span>
          {/* Complaint visits are not announced to the lounge (issue #14): no line of their own. */}
          {store.services
            .filter((s) => !s.priority)
            .map((s) => {
              const wait = snapshot?.waits[s.id];
              return (
                <span key={s.id} className="svc" data-service={s.id}>
                  {s.name[language]} <strong>{snapshot?.waiting[s.id]?.length ?? 0}</strong>
                  {wait && wait.waiting > 0 && wait.estimatedMinutes !== null && (
                    <em> {waitText({ ahead: wait.waiting, estimatedWaitMinutes: wait.estimatedMinutes, estimatedWaitRange: wait.range ?? null }, language)}</em>
                  )}
                </span>
              );
            })}
        </div>
        {notices.length > 0 && (
          <div className="ticker" aria-label="notices">
            <div className="ticker-track" style={{ animationDuration: `${Math.max(20, notices.join('').length * 0.5)}s` }}>
              {[...notices, ...notices].map((n, i) => (
                <span key={i}>{n}</span>
              ))}
            </div>
          </div>
        )}
      </footer>
    </div>
  );
}

function useDisplayLanguage(store: PublicStore | null): Language {
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  if (isLanguage(fromUrl)) return fromUrl;
  return store?.display.language ?? 'zh-CN';
}

function ProgressBoard(props: { jobs: PublicJob[]; t: Translate; store: PublicStore; now: number }) {
  const { jobs, t, store } = props;
  const board = useRef<HTMLElement | null>(null);
  const [perPage, setPerPage] = useState(6);
  const [page, setPage] = useState(0);
  const sorted = useMemo(
    // Ready cars first (customers look for them), then by promised time.
    () => [...jobs].sort((a, b) => Number(b.stage === 'ready') - Number(a.stage === 'ready') || a.promisedAt.localeCompare(b.promisedAt)),
    [jobs],
  );
  const pages = pageCount(sorted.length, perPage);

  useEffect(() => {
    const el = board.current;
    if (!el) return undefined;
    // A row's height as drawn (display.css) plus its gap; the heading takes about one row.
    const measure = (): void => {
      const row = el.querySelector('li');
      const rowPx = row ? row.getBoundingClientRect().height + parseFloat(getComputedStyle(row).marginBottom) : (window.innerHeight * 12) / 100;
      setPerPage(rowsThatFit(el.clientHeight, rowPx));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [sorted.length > 0]);

  useEffect(() => {
    if (pages <= 1) return undefined;
    const timer = setInterval(() => setPage((p) => (p + 1) % pages), store.display.pageSeconds * 1000);
    return () => clearInterval(timer);
  }, [pages, store.display.pageSeconds]);

  const time = (iso: string): string => localClock(new Date(iso), store.timeZone);
  return (
    <section className="board" ref={board} aria-label={t('display.progress')}>
      <h2>
        {t('display.progress')}
        {pages > 1 && <span className="page">{t('display.page', { page: (page % pages) + 1, pages })}</span>}
      </h2>
      {sorted.length === 0 && <p className="empty">{t('display.noVehicles')}</p>}
      <ul data-testid="progress-board">
        {pageOf(sorted, perPage, page).map((job) => {
          const path = STAGES.filter((s) => s !== 'wash' || job.wash);
          const at = job.stage === 'parts' ? path.indexOf('repair') : path.indexOf(job.stage);
          const percent = Math.round((Math.max(0, at) / (path.length - 2)) * 100);
          // An estimate past the promise is a delay already: flagged, so the two times never disagree silently.
          const late = job.overdue || Date.parse(job.estimatedReadyAt) > Date.parse(job.promisedAt);
          const state = job.stage === 'ready' ? 'ready' : job.additionalWorkPending ? 'advisor' : late ? 'overdue' : '';
          return (
            <li key={job.publicId} className={`vehicle ${state}`} data-plate={job.maskedPlate}>
              <div className="who">
                <span className="plate">{job.maskedPlate}</span>
                <span className="model">
                  {job.model} · {job.customer}
                </span>
              </div>
              <div className="progress">
                <div className="stage-name">{t(`stage.${job.stage}`)}</div>
                <div className="bar">
                  <div className="fill" style={{ width: `${Math.min(100, percent)}%` }} />
                </div>
                <div className="steps">
                  {path.slice(0, -1).map((s, i) => (
                    <span key={s} className={i < at ? 'done' : i === at ? 'now' : ''} title={t(`stage.${s}`)} />
                  ))}
                </div>
              </div>
              <div className="eta">
                {job.stage === 'ready' ? (
                  <strong className="badge ready">{t('display.readyForPickup')}</strong>
                ) : job.additionalWorkPending ? (
                  <strong className="badge advisor">{t('display.seeAdvisor')}</strong>
                ) : (
                  <>
                    <span>
                      {t('display.eta')} {time(job.estimatedReadyAt)}
                    </span>
                    <span className="muted">
                      {t('display.promised')} {time(job.promisedAt)}
                      {late && <strong className="badge overdue">{t('display.overdue')}</strong>}
                    </span>
                  </>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
