/**
 * The advisor's console (seed 000: reception; issue #7, #8): log in, choose a counter, call
 * next, recall, start, finish, no-show, park and resume, transfer, call a chosen ticket with a
 * reason, pause the counter, auto-call, create the job from the ticket, record the customer's
 * answer on additional work, see and acknowledge desk alerts. Keyboard shortcuts for the busy
 * hours; a scanned ticket QR finds the ticket.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Translate } from '../../../shared/src/i18n.ts';
import { isAlertKind, type CounterStatus, type HeldOutcome, type Ticket, type TicketPathAction } from '../../../shared/src/protocol.ts';
import { allows, isActive } from '../../../shared/src/ticket-lifecycle.ts';
import { initialLanguage, type PublicStore } from '../../../shared/src/client/hooks.ts';
import { errorText, fieldErrors } from '../../../shared/src/error-text.ts';
import { AlertArea } from '../common/AlertArea.tsx';
import { AppointmentBook } from '../common/AppointmentBook.tsx';
import { BayBoard } from '../common/BayBoard.tsx';
import { CasesPanel } from '../common/CasesPanel.tsx';
import { StaffGate } from '../common/StaffGate.tsx';
import { COUNTER_KEY, DialogView, type Dialog } from './DeskDialog.tsx';
import { JobMessages } from './JobMessages.tsx';
import { AdditionalWorkPanel } from './AdditionalWorkPanel.tsx';
import { CounterControls } from './CounterControls.tsx';
import { endpoints } from '../../../shared/src/api/index.ts';
import { api, ApiFailure, prepare, send, type PreparedCall, type StaffSession } from '../common/session.ts';
import { elapsed, tokenFromScan, useNow, useStaffState } from '../common/staff-state.ts';
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

function DeskHeader(props: {
  t: Translate;
  store: PublicStore;
  language: ReturnType<typeof initialLanguage>;
  session: StaffSession;
  onLogout: () => void;
  connected: boolean | null;
}) {
  const { t } = props;
  return (
    <header className="desk-header">
      <div>
        <strong>{t('desk.title')}</strong> · {props.store.name[props.language]}
      </div>
      <div className="who">
        <span data-testid="staff-name">{props.session.staff.name}</span>
        <button className="link light" onClick={props.onLogout}>
          {t('desk.logout')}
        </button>
        {props.connected !== null && (
          <span className={`conn ${props.connected ? 'on' : 'off'}`}>{props.connected ? t('display.connected') : t('display.reconnecting')}</span>
        )}
      </div>
    </header>
  );
}

function Console(props: {
  t: Translate;
  store: PublicStore;
  language: ReturnType<typeof initialLanguage>;
  session: StaffSession;
  counterId: string;
  onLogout: () => void;
  onChangeCounter: () => void;
  onExpired: () => void;
}) {
  const { t, store, language, session, counterId } = props;
  const live = useStaffState(session.token);
  const now = useNow();
  const [message, setMessage] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [query, setQuery] = useState('');
  /** A vehicle entering the drive, registered here before any job (issue #16). */
  const [arrivalPlate, setArrivalPlate] = useState('');
  /** The booking screen, over the console (a phone call asking for an appointment). */
  const [booking, setBooking] = useState(false);
  /** Complaint cases, over the console: the desk opens them and records the first contact. */
  const [showCases, setShowCases] = useState(false);
  const [highlight, setHighlight] = useState<number | null>(null);
  /** The ticket called here but never started: the hub needs its outcome before the next call. */
  const [askOutcome, setAskOutcome] = useState(false);
  /** Problems the hub found with a dialog's fields, shown next to each field. */
  const [fieldProblems, setFieldProblems] = useState<Record<string, string>>({});

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

  const run = async (call: PreparedCall, done?: string): Promise<unknown> => {
    setBusy(true);
    setMessage(null);
    setFieldProblems({});
    try {
      const result = await send(call, { token: session.token });
      if (done) setMessage({ text: done, tone: 'ok' });
      return result;
    } catch (err) {
      if (err instanceof ApiFailure && err.status === 401) props.onExpired();
      // Another screen called here meanwhile: ask what became of the ticket instead of guessing.
      if (err instanceof ApiFailure && err.body.error === 'held_not_started') setAskOutcome(true);
      setMessage({ text: errorText(t, err), tone: 'error' });
      setFieldProblems(fieldErrors(t, err));
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  const callNext = async (heldOutcome?: HeldOutcome): Promise<void> => {
    if (!heldOutcome && held?.status === 'called') {
      setAskOutcome(true);
      return;
    }
    setAskOutcome(false);
    const result = await run(prepare(endpoints.callNext, { params: { counterId }, body: heldOutcome ? { heldOutcome } : {} }));
    if (result === null) setMessage({ text: t('desk.nobodyWaiting'), tone: 'ok' });
  };
  const act = (ticket: Ticket, action: TicketPathAction) => run(prepare(endpoints.actOnTicket, { params: { id: ticket.id, action }, body: {} }));

  // Keyboard shortcuts, ignored while typing in a field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const target = e.target as HTMLElement | null;
      if (dialog || booking || showCases || (target && ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) || e.ctrlKey || e.altKey || e.metaKey) return;
      const key = e.key.toLowerCase();
      if (key === ' ' || key === 'enter') {
        e.preventDefault();
        // A second press while the first call is on its way must not call a second ticket.
        if (!busy) void callNext();
      } else if (held && key === 'r') void act(held, 'recall');
      else if (held && key === 's' && allows('start', held.status)) void act(held, 'start');
      else if (held && key === 'f') void act(held, 'finish');
      else if (held && key === 'n') void act(held, 'no-show');
      else if (held && key === 'p' && allows('park', held.status)) void act(held, 'park');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const find = (): void => {
    const token = tokenFromScan(query);
    const q = query.trim().toUpperCase();
    const found = tickets.find((x) => (token ? x.trackingToken === token : x.number === q));
    if (found) {
      setHighlight(found.id);
      setMessage(null);
    } else setMessage({ text: t('desk.notFound', { query: query.trim() }), tone: 'error' });
    setQuery('');
  };

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

        <section className="panel queue-panel">
          <form
            className="find"
            onSubmit={(e) => {
              e.preventDefault();
              find();
            }}
          >
            <input name="find" value={query} placeholder={t('desk.find')} autoComplete="off" onChange={(e) => setQuery(e.target.value)} />
          </form>
          <form
            className="register-arrival"
            onSubmit={(e) => {
              e.preventDefault();
              if (!arrivalPlate.trim()) return setMessage({ text: t('arrivals.enterPlate'), tone: 'error' });
              void run(
                prepare(endpoints.registerArrival, { body: { plate: arrivalPlate.trim(), source: 'desk' } }),
                t('arrivals.registeredWaiting', { plate: arrivalPlate.trim() }),
              ).then((done) => done !== undefined && setArrivalPlate(''));
            }}
          >
            <input
              name="arrival-plate"
              value={arrivalPlate}
              maxLength={16}
              placeholder={t('arrivals.plate')}
              autoComplete="off"
              onChange={(e) => setArrivalPlate(e.target.value.toUpperCase())}
            />
            <button className="small" type="submit">
              {t('arrivals.register')}
            </button>
          </form>
          <BayBoard t={t} view={snapshot?.bays} now={now} compact onAction={(call) => void run(call)} />
          <h2>
            {t('desk.waitingList')} <span className="muted">({waiting.length})</span>
          </h2>
          <ol className="ticket-list" data-testid="waiting-list">
            {waiting.map((x) => (
              <li key={x.id} className={x.id === highlight ? 'highlight' : ''} data-number={x.number}>
                <span className="num">{x.number}</span>
                <span className={`badge ${x.ticketClass}`}>{t(`desk.class.${x.ticketClass}`)}</span>
                <span className="svc">{serviceName(x.service)}</span>
                <span className="age">{elapsed(x.issuedAt, now)}</span>
                <button className="small" onClick={() => setDialog({ kind: 'call-chosen', ticket: x })}>
                  {t('desk.callThis')}
                </button>
              </li>
            ))}
          </ol>
          {parked.length > 0 && (
            <>
              <h2>{t('desk.parkedList')}</h2>
              <ol className="ticket-list" data-testid="parked-list">
                {parked.map((x) => (
                  <li key={x.id} className={x.id === highlight ? 'highlight' : ''}>
                    <span className="num">{x.number}</span>
                    <span className="svc">{serviceName(x.service)}</span>
                    <button
                      className="small"
                      data-action="resume"
                      onClick={() => void run(prepare(endpoints.resumeTicket, { params: { id: x.id }, body: { counterId } }))}
                    >
                      {t('desk.resume')}
                    </button>
                  </li>
                ))}
              </ol>
            </>
          )}
        </section>
      </main>
      {showCases && (
        <div className="appt-overlay" role="dialog" aria-label={t('cases.title')}>
          <div className="appt-sheet">
            <div className="console-top">
              <span />
              <button className="link" data-action="close-cases" onClick={() => setShowCases(false)}>
                {t('appt.close')}
              </button>
            </div>
            {message && (
              <p className={`message ${message.tone}`} role="status">
                {message.text}
              </p>
            )}
            <CasesPanel t={t} cases={snapshot?.cases} timeZone={store.timeZone} staffName={session.staff.name} onAction={(call) => void run(call)} />
          </div>
        </div>
      )}
      {booking && (
        <div className="appt-overlay" role="dialog" aria-label={t('appt.title')}>
          <div className="appt-sheet">
            <div className="console-top">
              <h2>{t('appt.title')}</h2>
              <button className="link" data-action="close-appointments" onClick={() => setBooking(false)}>
                {t('appt.close')}
              </button>
            </div>
            <AppointmentBook t={t} store={store} language={language} session={session} onExpired={props.onExpired} />
          </div>
        </div>
      )}
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
