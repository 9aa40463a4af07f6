/**
 * The phone tracking page (`/t/<token>`, the QR on the ticket): that one vehicle's stages,
 * expected time and ready notice, and additional work to approve item by item — or, before a
 * job exists, the ticket's place in the queue.
 * Nothing about anyone else: it hears only its own room's pings (issue #15) and then reloads.
 */
import { StrictMode, useCallback, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { io } from 'socket.io-client';
import { isLanguage, type Language } from '../../shared/src/i18n.ts';
import type { JobStage, PublicJob } from '../../shared/src/protocol.ts';
import { ApiFailure, call } from '../../shared/src/api/client.ts';
import { endpoints } from '../../shared/src/api/index.ts';
import type { TrackView } from '../../shared/src/api/public.ts';
import { WorkApproval } from './WorkApproval.tsx';
import { localClock } from '../../shared/src/time.ts';
import { waitText } from '../../shared/src/wait-text.ts';
import { useStore, useTranslate } from '../../shared/src/client/hooks.ts';
import '../../shared/src/client/base.css';
import './track.css';

type View = TrackView;
const STAGES: JobStage[] = ['reception', 'waiting', 'repair', 'qc', 'wash', 'ready', 'delivered'];

function languageFromBrowser(): Language {
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  if (isLanguage(fromUrl)) return fromUrl;
  const nav = navigator.language;
  return nav.startsWith('zh') ? (/TW|HK|Hant/i.test(nav) ? 'zh-TW' : 'zh-CN') : 'en';
}

function TrackApp() {
  const store = useStore();
  const [language] = useState(languageFromBrowser);
  const t = useTranslate(language);
  const token = window.location.pathname.split('/').pop() ?? '';
  const [view, setView] = useState<View | null | 'missing'>(null);
  const [updated, setUpdated] = useState<Date | null>(null);

  const load = useCallback(async () => {
    try {
      setView(await call(endpoints.track, { params: { token } }));
      setUpdated(new Date());
    } catch (err) {
      // An unknown or malformed code is missing; a hub that did not answer keeps the last view.
      if (err instanceof ApiFailure && (err.status === 404 || err.status === 400)) setView('missing');
    }
  }, [token]);

  useEffect(() => {
    void load();
    // Its own room only: the hub pings when this ticket or vehicle (or the queue) changed.
    const socket = io({ transports: ['websocket', 'polling'], auth: { track: token } });
    socket.on('connect', () => void load());
    socket.on('track-changed', () => void load());
    return () => {
      socket.close();
    };
  }, [load]);

  if (!store || view === null) return <div className="track loading">…</div>;
  if (view === 'missing')
    return (
      <div className="track">
        <p className="missing">{t('track.notFound')}</p>
      </div>
    );
  const time = (iso: string): string => localClock(new Date(iso), store.timeZone);
  const counterName = (id: string | null): string => store.counters.find((c) => c.id === id)?.name[language] ?? id ?? '';

  return (
    <div className="track">
      <header>
        <div className="store">{store.name[language]}</div>
        <h1>{t('track.title')}</h1>
      </header>
      {view.kind === 'job' ? (
        <>
          <JobView job={view.job} t={t} time={time} priced={(view.additionalWork ?? []).some((w) => w.status === 'pending')} />
          {(view.additionalWork ?? []).map((work) => (
            <WorkApproval key={work.id} work={work} token={token} language={language} t={t} onAnswered={() => void load()} />
          ))}
        </>
      ) : (
        <section className="ticket-view" data-testid="ticket-view">
          <div className="number">{view.ticket.number}</div>
          <p>
            {view.ticket.status === 'waiting'
              ? t('track.ticketWaiting', { number: view.ticket.number, ahead: view.ticket.ahead })
              : view.ticket.status === 'called' || view.ticket.status === 'serving'
                ? t('track.ticketCalled', { number: view.ticket.number, counter: counterName(view.ticket.counterId) })
                : t('track.ticketDone', { number: view.ticket.number })}
          </p>
          {view.ticket.status === 'waiting' && waitText(view.ticket, language) !== null && (
            <p className="muted" data-testid="ticket-estimate">
              {waitText(view.ticket, language)}
            </p>
          )}
        </section>
      )}
      {updated && <p className="updated muted">{t('track.updated', { time: localClock(updated, store.timeZone) })}</p>}
    </div>
  );
}

function JobView(props: { job: PublicJob; t: ReturnType<typeof useTranslate>; time: (iso: string) => string; priced: boolean }) {
  const { job, t, time } = props;
  const path = STAGES.filter((s) => s !== 'wash' || job.wash);
  const at = job.stage === 'parts' ? path.indexOf('repair') : path.indexOf(job.stage);
  return (
    <section className="job-view" data-testid="job-view">
      <div className="vehicle">
        <span className="plate">{job.maskedPlate}</span> <span>{job.model}</span> <span>{job.customer}</span>
      </div>
      {job.stage === 'ready' && <div className="notice ready">{t('display.readyForPickup')}</div>}
      {/* Priced work is answered right here (below); a note-only request still needs the advisor. */}
      {job.additionalWorkPending && !props.priced && <div className="notice advisor">{t('display.seeAdvisor')}</div>}
      <ol className="timeline">
        {path.map((stage, i) => {
          const span = [...job.history].reverse().find((h) => h.stage === stage);
          return (
            <li key={stage} className={i < at ? 'done' : i === at ? 'now' : ''}>
              <span className="dot" />
              <span className="name">
                {t(`stage.${stage}`)}
                {stage === 'repair' && job.stage === 'parts' ? ` · ${t('stage.parts')}` : ''}
              </span>
              <span className="when">{span ? time(span.startedAt) : ''}</span>
            </li>
          );
        })}
      </ol>
      {job.stage !== 'ready' && job.stage !== 'delivered' && (
        <dl>
          <dt>{t('display.eta')}</dt>
          <dd data-testid="eta">{time(job.estimatedReadyAt)}</dd>
          <dt>{t('display.promised')}</dt>
          <dd>{time(job.promisedAt)}</dd>
        </dl>
      )}
    </section>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <TrackApp />
  </StrictMode>,
);
