/** The desk's dialogs: call a chosen ticket with a reason, transfer, create the job; field problems shown under each field. */
import { useState, type ReactElement } from 'react';
import type { Translate } from '../../../shared/src/i18n.ts';
import type { CustomerTitle, Ticket } from '../../../shared/src/protocol.ts';
import type { initialLanguage, PublicStore } from '../../../shared/src/client/hooks.ts';
import { prepare, type PreparedCall } from '../../../shared/src/api/client.ts';
import { endpoints } from '../../../shared/src/api/index.ts';

export const COUNTER_KEY = 'desk.counter';

export type Dialog = { kind: 'transfer'; ticket: Ticket } | { kind: 'call-chosen'; ticket: Ticket } | { kind: 'job'; ticket: Ticket } | null;

export function DialogView(props: {
  dialog: NonNullable<Dialog>;
  t: Translate;
  store: PublicStore;
  language: ReturnType<typeof initialLanguage>;
  /** The hub's problems with fields, by field name, shown under each field until it is edited. */
  problems: Record<string, string>;
  error: string | null;
  onEdit: (field: string) => void;
  onClose: () => void;
  onSubmit: (call: PreparedCall, done?: string) => Promise<void>;
}) {
  const { dialog, t, store, language, problems } = props;
  const problem = (field: string) =>
    problems[field] ? (
      <span className="field-error" data-field-error={field}>
        {problems[field]}
      </span>
    ) : null;
  const [reason, setReason] = useState('');
  const [service, setService] = useState(dialog.ticket.service);
  const [counter, setCounter] = useState('');
  const [job, setJob] = useState({
    plate: dialog.ticket.plate ?? '',
    model: '',
    surname: '',
    title: '先生' as CustomerTitle,
    phone: dialog.ticket.phone ?? '',
    // A ticket's phone was stored only with the customer's consent (asked at the kiosk).
    notifyConsent: Boolean(dialog.ticket.phone),
    promisedAt: defaultPromise(),
    wash: true,
  });
  const [services, setServices] = useState<string[]>([dialog.ticket.service]);

  let body: ReactElement;
  let submit: () => Promise<void>;
  if (dialog.kind === 'call-chosen') {
    body = (
      <label>
        {t('desk.reasonPrompt')}
        <input
          name="reason"
          value={reason}
          autoFocus
          aria-invalid={Boolean(problems.reason)}
          onChange={(e) => {
            setReason(e.target.value);
            props.onEdit('reason');
          }}
        />
        {problem('reason')}
      </label>
    );
    submit = () =>
      props.onSubmit(
        prepare(endpoints.callChosen, { params: { counterId: localStorage.getItem(COUNTER_KEY) ?? '' }, body: { ticketId: dialog.ticket.id, reason } }),
      );
  } else if (dialog.kind === 'transfer') {
    body = (
      <>
        <label>
          {t('desk.toService')}
          <select name="service" value={service} onChange={(e) => setService(e.target.value)}>
            {store.services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name[language]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('desk.toCounter')}
          <select name="counter" value={counter} onChange={(e) => setCounter(e.target.value)}>
            <option value="">—</option>
            {store.counters.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name[language]}
              </option>
            ))}
          </select>
        </label>
      </>
    );
    submit = () =>
      props.onSubmit(prepare(endpoints.transferTicket, { params: { id: dialog.ticket.id }, body: { service, ...(counter ? { counterId: counter } : {}) } }));
  } else {
    const field = (name: keyof typeof job, label: string, type = 'text') => (
      <label>
        {label}
        <input
          name={name}
          type={type}
          value={String(job[name])}
          aria-invalid={Boolean(problems[name])}
          onChange={(e) => {
            setJob({ ...job, [name]: e.target.value });
            props.onEdit(name);
          }}
        />
        {problem(name)}
      </label>
    );
    body = (
      <div className="job-form">
        {field('plate', t('kiosk.plate'))}
        {field('model', t('desk.model'))}
        {field('surname', t('desk.surname'))}
        <label>
          {t('desk.customerTitle')}
          <select name="title" value={job.title} onChange={(e) => setJob({ ...job, title: e.target.value as CustomerTitle })}>
            {['先生', '女士', 'Mr', 'Ms'].map((x) => (
              <option key={x}>{x}</option>
            ))}
          </select>
        </label>
        {field('phone', t('kiosk.phone'))}
        <label className="check">
          <input type="checkbox" name="notifyConsent" checked={job.notifyConsent} onChange={(e) => setJob({ ...job, notifyConsent: e.target.checked })} />
          {t('kiosk.consent')}
        </label>
        {field('promisedAt', t('desk.promised'), 'datetime-local')}
        <fieldset>
          <legend>{t('desk.services')}</legend>
          {problem('services')}
          {store.services.map((s) => (
            <label key={s.id} className="check">
              <input
                type="checkbox"
                checked={services.includes(s.id)}
                onChange={(e) => setServices(e.target.checked ? [...services, s.id] : services.filter((x) => x !== s.id))}
              />
              {s.name[language]}
            </label>
          ))}
        </fieldset>
        <label className="check">
          <input type="checkbox" name="wash" checked={job.wash} onChange={(e) => setJob({ ...job, wash: e.target.checked })} />
          {t('desk.wash')}
        </label>
      </div>
    );
    submit = () =>
      props.onSubmit(
        prepare(endpoints.createJob, {
          body: {
            ticketId: dialog.ticket.id,
            plate: job.plate,
            model: job.model,
            surname: job.surname,
            title: job.title,
            ...(job.phone ? { phone: job.phone, notifyConsent: job.notifyConsent } : {}),
            services,
            // An emptied field goes as it is: the hub names it, and the sentence appears under it.
            promisedAt: Number.isNaN(Date.parse(job.promisedAt)) ? job.promisedAt : new Date(job.promisedAt).toISOString(),
            wash: job.wash,
          },
        }),
        t('desk.jobCreated'),
      );
  }
  const title = dialog.kind === 'call-chosen' ? t('desk.callThis') : dialog.kind === 'transfer' ? t('desk.transfer') : t('desk.createJob');
  return (
    <div className="dialog-backdrop">
      <form
        className="dialog"
        role="dialog"
        aria-label={title}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2>
          {title} · {dialog.ticket.number}
        </h2>
        {body}
        {props.error && (
          <p className="message error" role="alert">
            {props.error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={props.onClose}>
            {t('desk.close')}
          </button>
          <button type="submit" className="primary">
            {t('desk.confirm')}
          </button>
        </div>
      </form>
    </div>
  );
}

/** Two hours from now, on the quarter hour, as a datetime-local value. */
function defaultPromise(): string {
  const d = new Date(Date.now() + 2 * 3_600_000);
  d.setMinutes(Math.ceil(d.getMinutes() / 15) * 15, 0, 0);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
