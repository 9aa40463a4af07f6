/**
 * Booking at the desk and the manager console (issue #16 §1): the day's load per 30-minute slot
 * as a chart (tap a slot to choose it), the booking form, proposals of the nearest least-loaded
 * slots when the chosen one is busy or full, and the day's appointments with move and cancel.
 */
import { useCallback, useEffect, useState } from 'react';
import { zonedInstant } from '../../../shared/src/appointment-slots.ts';
import { LANGUAGE_NAMES, LANGUAGES, type Language, type Translate } from '../../../shared/src/i18n.ts';
import type { PublicStore } from '../../../shared/src/client/hooks.ts';
import { errorCode, errorText, fieldErrors } from '../../../shared/src/error-text.ts';
import type { Appointment, SlotsAnswer } from '../../../shared/src/protocol.ts';
import { businessDay, localClock } from '../../../shared/src/time.ts';
import { endpoints } from '../../../shared/src/api/index.ts';
import { api, ApiFailure, type StaffSession } from './session.ts';
import './appointments.css';

interface Props {
  t: Translate;
  store: PublicStore;
  language: Language;
  session: StaffSession;
  onExpired: () => void;
}

export function AppointmentBook(props: Props) {
  const { t, store, language, session } = props;
  const [day, setDay] = useState(() => businessDay(new Date(), store.timeZone, store.openingTime));
  const [service, setService] = useState(store.services[0]!.id);
  const [slots, setSlots] = useState<SlotsAnswer | null>(null);
  const [list, setList] = useState<Appointment[]>([]);
  const [time, setTime] = useState('');
  const [form, setForm] = useState({ plate: '', phone: '', customerName: '', note: '' });
  const [consent, setConsent] = useState(false);
  const [customerLanguage, setCustomerLanguage] = useState<Language>(language);
  const [proposals, setProposals] = useState<{ hint: string; starts: string[] } | null>(null);
  const [moving, setMoving] = useState<Appointment | null>(null);
  const [message, setMessage] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const clock = (iso: string): string => localClock(new Date(iso), store.timeZone);
  const serviceName = (id: string): string => store.services.find((s) => s.id === id)?.name[language] ?? id;

  const fail = (err: unknown): void => {
    if (err instanceof ApiFailure && err.status === 401) props.onExpired();
    setMessage({ text: errorText(t, err), tone: 'error' });
    setProblems(fieldErrors(t, err));
  };

  const reload = useCallback(async (): Promise<void> => {
    try {
      const [loads, appointments] = await Promise.all([
        api(endpoints.appointmentSlots, { query: { date: day, service } }, { token: session.token }),
        api(endpoints.listAppointments, { query: { date: day } }, { token: session.token }),
      ]);
      setSlots(loads);
      setList(appointments);
    } catch (err) {
      fail(err);
    }
  }, [day, service, session.token]);
  useEffect(() => void reload(), [reload]);

  /** The chosen time as an instant, from the slot tapped or the time typed. */
  const chosen = (): string | null => {
    const m = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
    return m ? new Date(zonedInstant(day, Number(m[1]) * 60 + Number(m[2]), store.timeZone)).toISOString() : null;
  };

  const propose = async (at: string, hint: string): Promise<void> => {
    const answer = await api(endpoints.appointmentSlots, { query: { date: day, service, at } }, { token: session.token });
    setProposals({ hint, starts: answer.proposals });
  };

  const pick = (start: string): void => {
    setMessage(null);
    if (moving) return void move(moving, start);
    setTime(clock(start));
    const slot = slots?.slots.find((s) => s.start === start);
    if (slot && slot.state !== 'free') void propose(start, slot.state === 'full' ? t('appt.fullHint') : t('appt.busyHint'));
    else setProposals(null);
  };

  const book = async (): Promise<void> => {
    const at = chosen();
    setProblems({});
    if (!at) return setProblems({ scheduledAt: t('appt.pickSlot') });
    const body = {
      service,
      scheduledAt: at,
      ...(form.plate.trim() ? { plate: form.plate.trim() } : {}),
      ...(form.phone.trim() ? { phone: form.phone.trim() } : {}),
      ...(form.customerName.trim() ? { customerName: form.customerName.trim() } : {}),
      ...(form.note.trim() ? { note: form.note.trim() } : {}),
      ...(form.phone.trim() && consent ? { notifyConsent: true } : {}),
      language: customerLanguage,
    };
    try {
      const booked = await api(endpoints.createAppointment, { body }, { token: session.token });
      setMessage({ text: t('appt.booked', { plate: booked.plate ?? '', time: clock(booked.scheduledAt), code: booked.code }), tone: 'ok' });
      setForm({ plate: '', phone: '', customerName: '', note: '' });
      setConsent(false);
      setTime('');
      setProposals(null);
    } catch (err) {
      fail(err);
      if (errorCode(err) === 'slot_full') await propose(at, t('appt.fullHint'));
    }
    await reload();
  };

  const move = async (appointment: Appointment, start: string): Promise<void> => {
    try {
      await api(endpoints.moveAppointment, { params: { id: appointment.id }, body: { scheduledAt: start } }, { token: session.token });
      setMessage({ text: t('appt.moved', { time: clock(start) }), tone: 'ok' });
      setMoving(null);
    } catch (err) {
      fail(err);
    }
    await reload();
  };

  const cancel = async (appointment: Appointment): Promise<void> => {
    try {
      await api(endpoints.cancelAppointment, { params: { id: appointment.id }, body: {} }, { token: session.token });
      setMessage({ text: t('appt.cancelled', { plate: appointment.plate ?? appointment.code }), tone: 'ok' });
    } catch (err) {
      fail(err);
    }
    await reload();
  };

  const max = Math.max(1, ...(slots?.slots ?? []).map((s) => Math.max(s.load, s.capacity)));
  const field = (name: keyof typeof form, label: string, width = '') => (
    <label className={`appt-field ${width}`}>
      <span>{label}</span>
      <input name={name} value={form[name]} autoComplete="off" onChange={(e) => setForm({ ...form, [name]: e.target.value })} />
      {problems[name] && <em className="field-problem">{problems[name]}</em>}
    </label>
  );

  return (
    <div className="appt-book" data-testid="appointment-book">
      <div className="appt-controls">
        <label className="appt-field">
          <span>{t('appt.date')}</span>
          <input type="date" name="day" value={day} onChange={(e) => e.target.value && setDay(e.target.value)} />
        </label>
        <label className="appt-field">
          <span>{t('appt.service')}</span>
          <select name="service" value={service} onChange={(e) => setService(e.target.value)}>
            {store.services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name[language]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <section className="appt-chart" aria-label={t('appt.load', { service: serviceName(service), capacity: slots?.slots[0]?.capacity ?? 0 })}>
        <h3>{t('appt.load', { service: serviceName(service), capacity: slots?.slots[0]?.capacity ?? 0 })}</h3>
        <div className="slot-bars" data-testid="slot-chart">
          {(slots?.slots ?? []).map((s) => (
            <button
              key={s.start}
              className={`slot-bar ${s.state} ${time === clock(s.start) ? 'chosen' : ''}`}
              data-slot={clock(s.start)}
              data-state={s.state}
              title={`${clock(s.start)} ${s.load}/${s.capacity} ${t(`appt.state.${s.state}`)}`}
              onClick={() => pick(s.start)}
            >
              <span className="slot-count">
                {s.load}/{s.capacity}
              </span>
              <span className="slot-fill" style={{ height: `${(s.load / max) * 100}%` }} />
              <span className="slot-time">{clock(s.start)}</span>
            </button>
          ))}
        </div>
        <p className="muted">{moving ? t('appt.moving', { plate: moving.plate ?? moving.code }) : t('appt.pickSlot')}</p>
      </section>
      {proposals && (
        <div className="appt-proposals" data-testid="proposals">
          <span>{proposals.hint}</span>
          {proposals.starts.map((start) => (
            <button key={start} className="small" data-proposal={clock(start)} onClick={() => pick(start)}>
              {clock(start)}
            </button>
          ))}
        </div>
      )}
      <form
        className="appt-form"
        onSubmit={(e) => {
          e.preventDefault();
          void book();
        }}
      >
        <label className="appt-field narrow">
          <span>{t('appt.time')}</span>
          <input name="time" value={time} placeholder="09:30" autoComplete="off" onChange={(e) => setTime(e.target.value)} />
          {problems.scheduledAt && <em className="field-problem">{problems.scheduledAt}</em>}
        </label>
        {field('plate', t('appt.plate'))}
        {field('phone', t('appt.phone'))}
        {field('customerName', t('appt.name'))}
        {field('note', t('appt.note'), 'wide')}
        <label className="appt-field">
          <span>{t('appt.language')}</span>
          <select name="language" value={customerLanguage} onChange={(e) => setCustomerLanguage(e.target.value as Language)}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
        <label className="appt-field wide consent">
          <input type="checkbox" name="notifyConsent" checked={consent} onChange={(e) => setConsent(e.target.checked)} />
          <span>{t('appt.consent')}</span>
        </label>
        <button type="submit" data-action="book">
          {t('appt.book')}
        </button>
      </form>
      {message && (
        <p className={`message ${message.tone}`} role="status">
          {message.text}
        </p>
      )}
      <section className="appt-list">
        <h3>{t('appt.list', { count: list.filter((a) => a.status !== 'cancelled').length })}</h3>
        {list.length === 0 && <p className="muted">{t('appt.none')}</p>}
        <ol data-testid="appointment-list">
          {list.map((a) => (
            <li key={a.id} data-code={a.code} className={a.status ?? 'booked'}>
              <span className="appt-time">{clock(a.scheduledAt)}</span>
              <span>{serviceName(a.service)}</span>
              <strong>{a.plate ?? '—'}</strong>
              <span>{a.customerName ?? ''}</span>
              <span className="muted">{a.note ?? ''}</span>
              <span className={`badge ${a.status ?? 'booked'}`}>{t(`appt.status.${a.status ?? 'booked'}`)}</span>
              {(a.status ?? 'booked') === 'booked' && (
                <>
                  <button className="small secondary" data-action="move" onClick={() => setMoving(a)}>
                    {t('appt.move')}
                  </button>
                  <button className="small secondary" data-action="cancel" onClick={() => void cancel(a)}>
                    {t('appt.cancel')}
                  </button>
                </>
              )}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
