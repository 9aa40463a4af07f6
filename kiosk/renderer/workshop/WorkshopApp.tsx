/**
 * The workshop board (seed 001: dispatch, repair, QC, wash, delivery): every job in a column by
 * stage with a timer coloured against the stage's expected time; move a job with a tap, or by
 * scanning its job card (`J` + job number) at a station set for a stage (`?station=qc`).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Translate } from '../../../shared/src/i18n.ts';
import { JOB_STAGES, nextStages, type JobStage } from '../../../shared/src/job-stages.ts';
import type { Job } from '../../../shared/src/protocol.ts';
import { initialLanguage, type PublicStore } from '../../../shared/src/client/hooks.ts';
import { errorText } from '../../../shared/src/error-text.ts';
import { BayBoard } from '../common/BayBoard.tsx';
import { StaffGate } from '../common/StaffGate.tsx';
import { localClock } from '../../../shared/src/time.ts';
import { photoForUpload } from '../common/photo-upload.ts';
import { AdditionalWorkForm, type WorkToSend } from './AdditionalWorkForm.tsx';
import { ScanBurst } from '../common/scan-burst.ts';
import { endpoints } from '../../../shared/src/api/index.ts';
import { api, ApiFailure, type StaffSession } from '../common/session.ts';
import { elapsed, useNow, useStaffState } from '../common/staff-state.ts';

const COLUMNS = JOB_STAGES.filter((s) => s !== 'delivered');

function stationStage(): JobStage | null {
  const value = new URLSearchParams(window.location.search).get('station');
  return (JOB_STAGES as readonly string[]).includes(value ?? '') ? (value as JobStage) : null;
}

export function WorkshopApp() {
  return (
    <StaffGate titleKey="workshop.title">
      {({ t, store, session, endSession }) => <Board t={t} store={store} session={session} onExpired={endSession} />}
    </StaffGate>
  );
}

function Board(props: { t: Translate; store: PublicStore; session: StaffSession; onExpired: () => void }) {
  const { t, store, session } = props;
  const live = useStaffState(session.token);
  const now = useNow();
  const station = useMemo(stationStage, []);
  const [message, setMessage] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  const jobs = (live.snapshot?.jobs ?? []).filter((j) => j.stage !== 'delivered');
  const jobsRef = useRef(jobs);
  jobsRef.current = jobs;

  const move = async (job: Job, to: JobStage): Promise<void> => {
    const allowed = nextStages(job.stage, job.wash);
    if (!allowed.includes(to)) {
      // Say where the vehicle may go instead of sending a move the hub would refuse.
      const stage = t(`stage.${job.stage}`);
      const text = allowed.length
        ? t('workshop.illegalMove', { plate: job.plate, stage, next: allowed.map((s) => t(`stage.${s}`)).join('、') })
        : t('workshop.noNextStage', { plate: job.plate, stage });
      setMessage({ text, tone: 'error' });
      return;
    }
    try {
      await api(endpoints.moveJobStage, { params: { id: job.id }, body: { to } }, { token: session.token });
      setMessage({ text: t('workshop.scanned', { plate: job.plate, stage: t(`stage.${to}`) }), tone: 'ok' });
    } catch (err) {
      if (err instanceof ApiFailure && err.status === 401) props.onExpired();
      setMessage({ text: errorText(t, err), tone: 'error' });
    }
  };

  // A job card scanned at this station moves the job to the station's stage.
  useEffect(() => {
    if (!station) return undefined;
    const burst = new ScanBurst();
    const onKey = (e: KeyboardEvent): void => {
      const code = burst.key(e.key, performance.now());
      if (code === null) return;
      const match = /^J0*(\d{1,9})$/.exec(code.trim().toUpperCase());
      if (!match) return setMessage({ text: t('workshop.badScan'), tone: 'error' });
      const job = jobsRef.current.find((j) => j.id === Number(match[1]));
      if (!job) return setMessage({ text: t('error.unknown_job_card', { card: `J${match[1]!.padStart(6, '0')}` }), tone: 'error' });
      void move(job, station);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const [workFor, setWorkFor] = useState<Job | null>(null);
  const sendWork = async (job: Job, work: WorkToSend): Promise<boolean> => {
    try {
      const { photos, ...request } = 'photos' in work ? work : { ...work, photos: undefined };
      const updated = await api(endpoints.proposeAdditionalWork, { params: { id: job.id }, body: request }, { token: session.token });
      // Photos go with the work the customer is asked about (its id: the newest pending work).
      const pending = updated.additionalWork?.filter((w) => w.status === 'pending').at(-1);
      for (const file of pending ? (photos ?? []) : []) {
        const body = await photoForUpload(file);
        await api(endpoints.addWorkPhoto, { params: { id: job.id, workId: pending!.id }, body }, { token: session.token });
      }
      setMessage({ text: t('workshop.workSent', { plate: job.plate }), tone: 'ok' });
      return true;
    } catch (err) {
      setMessage({ text: errorText(t, err), tone: 'error' });
      return false;
    }
  };

  return (
    <div className="desk workshop">
      <header className="desk-header">
        <div>
          <strong>{t('workshop.title')}</strong> · {store.name[initialLanguage()]}
        </div>
        <div className="who">
          <span className="station">{station ? t('workshop.station', { stage: t(`stage.${station}`) }) : t('workshop.noStation')}</span>
          <span>{session.staff.name}</span>
          <span className={`conn ${live.connected ? 'on' : 'off'}`}>{live.connected ? t('display.connected') : t('display.reconnecting')}</span>
        </div>
      </header>
      {message && (
        <p className={`message banner ${message.tone}`} role="status">
          {message.text}
        </p>
      )}
      <div className="workshop-bays">
        <BayBoard t={t} view={live.snapshot?.bays} now={now} compact />
      </div>
      <main className="columns">
        {COLUMNS.map((stage) => (
          <section key={stage} className="column" data-stage={stage}>
            <h2>
              {t(`stage.${stage}`)} <span className="muted">{jobs.filter((j) => j.stage === stage).length}</span>
            </h2>
            {jobs
              .filter((j) => j.stage === stage)
              .map((job) => {
                const expected = store.stageMinutes[stage as keyof typeof store.stageMinutes] * 60_000;
                const ratio = (now - Date.parse(job.stageStartedAt)) / expected;
                const tone = ratio >= 1 ? 'late' : ratio >= 0.75 ? 'soon' : 'fine';
                return (
                  <article key={job.id} className={`job-card ${tone}`} data-job={job.id}>
                    <div className="plate">{job.plate}</div>
                    <div className="muted">
                      {job.model} · {job.customer} · J{String(job.id).padStart(6, '0')}
                    </div>
                    <div className="times">
                      <span className={`timer ${tone}`}>{elapsed(job.stageStartedAt, now)}</span>
                      <span className="promised" data-testid="promised">
                        {t('workshop.promised', { time: localClock(new Date(job.promisedAt), store.timeZone) })}
                      </span>
                    </div>
                    {job.additionalWorkPending && <div className="pending-work">{t('workshop.pending')}</div>}
                    <div className="moves">
                      {nextStages(job.stage, job.wash).map((to) => (
                        <button key={to} className="small" data-move={to} onClick={() => void move(job, to)}>
                          → {t(`stage.${to}`)}
                        </button>
                      ))}
                      {job.stage === 'repair' && !job.additionalWorkPending && (
                        <button className="small secondary" data-action="add-work" onClick={() => setWorkFor(job)}>
                          {t('workshop.addWork')}
                        </button>
                      )}
                    </div>
                  </article>
                );
              })}
          </section>
        ))}
      </main>
      {workFor && (
        <AdditionalWorkForm t={t} job={workFor} onClose={() => setWorkFor(null)} onSend={async (work) => (await sendWork(workFor, work)) && setWorkFor(null)} />
      )}
    </div>
  );
}
