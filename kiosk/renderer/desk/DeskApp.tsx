/**
 * The advisor's console (seed 000: reception; issue #7, #8): log in, choose a counter, call
 * next, recall, start, finish, no-show, park and resume, transfer, call a chosen ticket with a
 * reason, pause the counter, auto-call, create the job from the ticket, record the customer's
 * answer on additional work, see and acknowledge desk alerts. Keyboard shortcuts for the busy
 * hours; a scanned ticket QR finds the ticket. The console composes the panels and sheets of
 * this folder; its commands and shortcuts are hooks (use-desk-commands.ts, use-desk-shortcuts.ts).
 */
import { useEffect, useMemo, useState } from 'react';
import type { Language, Translate } from '../../../shared/src/i18n.ts';
import { isAlertKind, type CounterStatus } from '../../../shared/src/protocol.ts';
import { allows, isActive } from '../../../shared/src/ticket-lifecycle.ts';
import type { PublicStore } from '../../../shared/src/client/hooks.ts';
import { AlertArea } from '../common/AlertArea.tsx';
import { StaffGate } from '../common/StaffGate.tsx';
import { COUNTER_KEY, DialogView, type Dialog } from './DeskDialog.tsx';
import { DeskHeader } from './DeskHeader.tsx';
import { BookingSheet, CasesSheet } from './DeskSheets.tsx';
import { JobMessages } from './JobMessages.tsx';
import { AdditionalWorkPanel } from './AdditionalWorkPanel.tsx';
import { CounterControls } from './CounterControls.tsx';
import { QueuePanel } from './QueuePanel.tsx';
import { useDeskCommands } from './use-desk-commands.ts';
import { useDeskShortcuts } from './use-desk-shortcuts.ts';
import { endpoints } from '../../../shared/src/api/index.ts';
import { api, prepare, type StaffSession } from '../common/session.ts';
import { useNow, useStaffState } from '../common/staff-state.ts';
import { ticketOrder } from '../../../shared/src/calling-order.ts';

export function DeskApp() {
  const [counterId, setCounterId] = useState<string | null>(() => localStorage.getItem(COUNTER_KEY));
  useEffect(() => {
    if (counterId) localStorage.setItem(COUNTER_KEY, counterId);
    else localStorage.removeItem(COUNTER_KEY);
  }, [counterId]);

  return (
    <StaffGate titleKey="desk.title">
      {({ t, store, language, session, endSession }) => {
        const logout = (): void => {
          void api(endpoints.logout, {}, { token: session.token }).catch(() => undefined);
          endSession();
        };
        const counter = store.counters.find((c) => c.id === counterId);
        if (!counter) {
          return (
            <div className="desk">
              <DeskHeader t={t} store={store} language={language} session={session} onLogout={logout} connected={null} />
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
            </div>
          );
        }
        return (
          <Console
            t={t}
            store={store}
            language={language}
            session={session}
            counterId={counter.id}
            onLogout={logout}
            onChangeCounter={() => setCounterId(null)}
            onExpired={endSession}
          />
        );
      }}
    </StaffGate>
  );
}

function Console(props: {
  t: Translate;
  store: PublicStore;
  language: Language;
  session: StaffSession;
  counterId: string;
  onLogout: () => void;
  onChangeCounter: () => void;
  onExpired: () => void;
}) {
  const { t, store, language, session, counterId } = props;
  const live = useStaffState(session.token);
  const now = useNow();
  const [dialog, setDialog] = useState<Dialog>(null);
  /** The booking screen, over the console (a phone call asking for an appointment). */
  const [booking, setBooking] = useState(false);
  /** Complaint cases, over the console: the desk opens them and records the first contact. */
  const [showCases, setShowCases] = useState(false);

  const snapshot = live.snapshot;
  const tickets = snapshot?.tickets ?? [];
  const counterState: CounterStatus | undefined = snapshot?.counters.find((c) => c.counterId === counterId);
  const held = tickets.find((x) => x.counterId === counterId && isActive(x.status)) ?? null;
  // The hub's calling order (a ticket's own `ahead` is as of its last event).
  const headStarts = snapshot?.headStarts;
  const waiting = useMemo(
    () => tickets.filter((x) => x.status === 'waiting').sort(headStarts ? ticketOrder(headStarts) : (a, b) => a.ahead - b.ahead),
    [tickets, headStarts],
  );
  const parked = tickets.filter((x) => x.status === 'parked');
  const deskAlerts = (snapshot?.alerts ?? []).filter((a) => a.audience === 'desk');
  // Jobs still in the shop whose latest additional work the customer answered: staff see it live.
  const heldJob = held ? ((snapshot?.jobs ?? []).find((j) => j.ticketId === held.id) ?? null) : null;
  const serviceName = (id: string): string => store.services.find((s) => s.id === id)?.name[language] ?? id;
  const counterName = (id: string): string => store.counters.find((c) => c.id === id)?.name[language] ?? id;

  const { message, setMessage, busy, askOutcome, setAskOutcome, fieldProblems, setFieldProblems, run, callNext, act } = useDeskCommands({
    t,
    token: session.token,
    counterId,
    held,
    onExpired: props.onExpired,
  });
  useDeskShortcuts({ paused: Boolean(dialog || booking || showCases), busy, held, callNext, act });

  const pendingSeconds = counterState?.pendingCallAt ? Math.max(0, Math.ceil((Date.parse(counterState.pendingCallAt) - now) / 1000)) : null;

  return (
    <div className="desk console-page">
      <DeskHeader t={t} store={store} language={language} session={session} onLogout={props.onLogout} connected={live.connected} />
      <AlertArea
        t={t}
        alerts={deskAlerts}
        live={snapshot ? { tickets, counters: snapshot.counters } : null}
        now={now}
        onAcknowledge={(kind) => isAlertKind(kind) && void run(prepare(endpoints.ackAlertKind, { body: { kind } }))}
      />
      <main className="console-grid">
        <section className="panel counter-panel">
          <div className="console-top">
            <h1 data-testid="counter-name">{counterName(counterId)}</h1>
            <button className="link" onClick={props.onChangeCounter}>
              {t('desk.change')}
            </button>
          </div>
          <CounterControls t={t} counterId={counterId} status={counterState} pendingSeconds={pendingSeconds} run={run} />
          <p className="muted shortcuts">{t('desk.shortcuts')}</p>
          <button className="secondary" data-action="appointments" onClick={() => setBooking(true)}>
            {t('appt.open')}
          </button>
          <button className="secondary" data-action="cases" onClick={() => setShowCases(true)}>
            {t('cases.title')} ({snapshot?.cases?.length ?? 0})
          </button>
        </section>

        <section className="panel held-panel" aria-busy={busy}>
          <div className="called-card" aria-live="polite">
            <div className="muted">{t('desk.calling')}</div>
            <div className="number" data-testid="called-number">
              {held?.number ?? '—'}
            </div>
            {held && (
              <div className="details">
                <div>
                  {serviceName(held.service)} · <span className={`badge ${held.ticketClass}`}>{t(`desk.class.${held.ticketClass}`)}</span> ·{' '}
                  {t('desk.calls', { count: held.calls })}
                </div>
                {(held.plate || held.phone) && (
                  <div className="contact">
                    {held.plate} {held.phone}
                  </div>
                )}
              </div>
            )}
          </div>
          {askOutcome && held?.status === 'called' ? (
            <div className="held-outcome" role="group" aria-label={t('desk.held.prompt', { number: held.number })}>
              <p>{t('desk.held.prompt', { number: held.number })}</p>
              <button data-outcome="served" disabled={busy} onClick={() => void callNext('served')}>
                {t('desk.held.served')}
              </button>
              <button data-outcome="no_show" disabled={busy} onClick={() => void callNext('no_show')}>
                {t('desk.held.noShow')}
              </button>
              <button data-outcome="requeue" disabled={busy} onClick={() => void callNext('requeue')}>
                {t('desk.held.requeue')}
              </button>
              <button data-action="cancel-outcome" onClick={() => setAskOutcome(false)}>
                {t('desk.cancel')}
              </button>
            </div>
          ) : (
            <button className="call-next" data-action="call-next" disabled={busy || counterState?.state !== 'open'} onClick={() => void callNext()}>
              {t('desk.callNext')}
            </button>
          )}
          {held && (
            <div className="actions-row">
              <button data-action="recall" onClick={() => void act(held, 'recall')}>
                {t('desk.recall')}
              </button>
              {allows('start', held.status) && (
                <button data-action="start" onClick={() => void act(held, 'start')}>
                  {t('desk.start')}
                </button>
              )}
              <button data-action="finish" onClick={() => void act(held, 'finish')}>
                {t('desk.finish')}
              </button>
              {allows('no-show', held.status) && (
                <button data-action="no-show" onClick={() => void act(held, 'no-show')}>
                  {t('desk.noShow')}
                </button>
              )}
              {allows('park', held.status) && (
                <button data-action="park" onClick={() => void act(held, 'park')}>
                  {t('desk.park')}
                </button>
              )}
              <button data-action="transfer" onClick={() => setDialog({ kind: 'transfer', ticket: held })}>
                {t('desk.transfer')}
              </button>
              <button data-action="create-job" onClick={() => setDialog({ kind: 'job', ticket: held })}>
                {t('desk.createJob')}
              </button>
              {held.origin === 'online' && (
                <button
                  data-action="reprint"
                  onClick={() =>
                    void run(prepare(endpoints.reprintTicket, { params: { id: held.id }, body: {} }), t('desk.reprinted', { number: held.number }))
                  }
                >
                  {t('desk.reprint')}
                </button>
              )}
            </div>
          )}
          {heldJob && <JobMessages t={t} token={session.token} job={heldJob} timeZone={store.timeZone} />}
          {message && (
            <p className={`message ${message.tone}`} role="status">
              {message.text}
            </p>
          )}
          <AdditionalWorkPanel t={t} jobs={snapshot?.jobs ?? []} token={session.token} timeZone={store.timeZone} run={run} />
        </section>

        <QueuePanel
          t={t}
          counterId={counterId}
          tickets={tickets}
          waiting={waiting}
          parked={parked}
          bays={snapshot?.bays}
          now={now}
          serviceName={serviceName}
          run={run}
          onMessage={setMessage}
          onCallChosen={(ticket) => setDialog({ kind: 'call-chosen', ticket })}
        />
      </main>
      {showCases && (
        <CasesSheet
          t={t}
          message={message}
          cases={snapshot?.cases}
          timeZone={store.timeZone}
          staffName={session.staff.name}
          run={run}
          onClose={() => setShowCases(false)}
        />
      )}
      {booking && <BookingSheet t={t} store={store} language={language} session={session} onExpired={props.onExpired} onClose={() => setBooking(false)} />}
      {dialog && (
        <DialogView
          dialog={dialog}
          t={t}
          store={store}
          language={language}
          problems={fieldProblems}
          error={message?.tone === 'error' ? message.text : null}
          onEdit={(field) => setFieldProblems(({ [field]: _cleared, ...rest }) => rest)}
          onClose={() => {
            setDialog(null);
            setFieldProblems({});
            setMessage(null);
          }}
          onSubmit={async (call, done) => {
            const result = await run(call, done);
            if (result !== undefined) setDialog(null);
          }}
        />
      )}
    </div>
  );
}
