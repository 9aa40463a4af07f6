/**
 * The desk's queue panel: find a ticket by number or scanned QR, register a vehicle entering the
 * drive (issue #16), the pre-inspection bays, the waiting list in the hub's calling order (call a
 * chosen ticket) and the parked tickets (resume here).
 */
import { useState } from 'react';
import type { Translate } from '../../../shared/src/i18n.ts';
import type { BayView, Ticket } from '../../../shared/src/protocol.ts';
import { endpoints } from '../../../shared/src/api/index.ts';
import { BayBoard } from '../common/BayBoard.tsx';
import { prepare, type PreparedCall } from '../common/session.ts';
import { elapsed, tokenFromScan } from '../common/staff-state.ts';
import type { DeskMessage } from './use-desk-commands.ts';

export function QueuePanel(props: {
  t: Translate;
  counterId: string;
  /** Every ticket of the day, to find one by number or QR. */
  tickets: Ticket[];
  waiting: Ticket[];
  parked: Ticket[];
  bays: BayView | undefined;
  now: number;
  serviceName: (id: string) => string;
  run: (call: PreparedCall, done?: string) => Promise<unknown>;
  onMessage: (message: DeskMessage) => void;
  onCallChosen: (ticket: Ticket) => void;
}) {
  const { t, counterId, tickets, waiting, parked, now, serviceName, run, onMessage } = props;
  const [query, setQuery] = useState('');
  /** A vehicle entering the drive, registered here before any job (issue #16). */
  const [arrivalPlate, setArrivalPlate] = useState('');
  const [highlight, setHighlight] = useState<number | null>(null);

  const find = (): void => {
    const token = tokenFromScan(query);
    const q = query.trim().toUpperCase();
    const found = tickets.find((x) => (token ? x.trackingToken === token : x.number === q));
    if (found) {
      setHighlight(found.id);
      onMessage(null);
    } else onMessage({ text: t('desk.notFound', { query: query.trim() }), tone: 'error' });
    setQuery('');
  };

  return (
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
          if (!arrivalPlate.trim()) return onMessage({ text: t('arrivals.enterPlate'), tone: 'error' });
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
      <BayBoard t={t} view={props.bays} now={now} compact onAction={(call) => void run(call)} />
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
            <button className="small" onClick={() => props.onCallChosen(x)}>
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
  );
}
