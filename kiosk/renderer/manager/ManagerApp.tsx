/**
 * The service manager's console (seed 000/001: monthly review, 预检区应急预案): live alerts with
 * acknowledgement; the day's figures with charts; the same over a date range with CSV export;
 * settings (services, counters, opening hours, alert limits, printer); devices (enrol, revoke).
 */
import { useEffect, useMemo, useState } from 'react';
import { LANGUAGES, type Translate } from '../../../shared/src/i18n.ts';
import type { LocalizedText, StoreConfig } from '../../../shared/src/services.ts';
import { NotifySettings, NotifyTest } from './NotifySettings.tsx';
import { initialLanguage, type PublicStore } from '../../../shared/src/client/hooks.ts';
import { StaffGate } from '../common/StaffGate.tsx';
import { api, ApiFailure, type StaffSession } from '../common/session.ts';
import { useNow, useStaffState } from '../common/staff-state.ts';
import { AlertArea } from '../common/AlertArea.tsx';
import { ConfirmDialog } from '../common/ConfirmDialog.tsx';
import { duration } from '../common/alert-groups.ts';
import { errorText, fieldErrors } from '../../../shared/src/error-text.ts';
import { BarChart } from './BarChart.tsx';
import { Devices } from './Devices.tsx';

type Tab = 'alerts' | 'today' | 'range' | 'settings' | 'devices';

interface Stats {
  issued: number;
  called: number;
  served: number;
  noShows: number;
  expired: number;
  /** Seconds from ticket to first call over the whole day (median and p90). */
  waitP50Seconds: number | null;
  waitP90Seconds: number | null;
  greetingRate: number | null;
  /** The limit the rate was measured against (the store's setting). */
  greetingLimitSeconds?: number;
  byService: Record<string, { p50WaitSeconds: number | null; p90WaitSeconds: number | null }>;
  arrivalsByHour: Record<string, number>;
  alerts: Record<string, number>;
  ticketsPerAdvisor: Record<string, number>;
  onTimeDelivery: { delivered: number; onTime: number; rate: number | null };
  satisfaction: { responses: number; overall: number } | null;
}

const pct = (x: number | null): string => (x === null ? '—' : `${Math.round(x * 100)}%`);
const today = (): string => new Date().toISOString().slice(0, 10);

export function ManagerApp() {
  const [tab, setTab] = useState<Tab>('alerts');
  return (
    <StaffGate titleKey="manager.title">
      {({ t, store, language, session, endSession }) => (
        <div className="desk manager">
          <header className="desk-header">
            <div>
              <strong>{t('manager.title')}</strong> · {store.name[language]}
            </div>
            <div className="who">
              <span>{session.staff.name}</span>
              <button className="link light" onClick={endSession}>
                {t('desk.logout')}
              </button>
            </div>
          </header>
          <nav className="tabs">
            {(['alerts', 'today', 'range', 'settings', 'devices'] as const).map((name) => (
              <button key={name} className={tab === name ? 'active' : ''} data-tab={name} onClick={() => setTab(name)}>
                {t(`manager.${name}`)}
              </button>
            ))}
          </nav>
          <main className="manager-body">
            {tab === 'alerts' && <Alerts t={t} session={session} />}
            {tab === 'today' && <Today t={t} session={session} store={store} language={language} onExpired={endSession} />}
            {tab === 'range' && <Range t={t} session={session} />}
            {tab === 'settings' && <Settings t={t} session={session} />}
            {tab === 'devices' && <Devices t={t} session={session} />}
          </main>
        </div>
      )}
    </StaffGate>
  );
}

function Alerts(props: { t: Translate; session: StaffSession }) {
  const { t, session } = props;
  const live = useStaffState(session.token);
  const now = useNow();
  const [error, setError] = useState<string | null>(null);
  const snapshot = live.snapshot;
  return (
    <section data-testid="alerts">
      {error && <p className="message error">{error}</p>}
      <AlertArea
        t={t}
        alerts={snapshot?.alerts ?? []}
        live={snapshot ? { tickets: snapshot.tickets, counters: snapshot.counters } : null}
        now={now}
        emptyText={t('manager.noAlerts')}
        onAcknowledge={(kind: string) =>
          void api('/api/alerts/ack-kind', { method: 'POST', token: session.token, body: { kind } }).catch((e: unknown) => setError(errorText(t, e)))
        }
      />
    </section>
  );
}

function useStats(path: string | null, token: string, onExpired?: () => void): Stats | null {
  const [stats, setStats] = useState<Stats | null>(null);
  useEffect(() => {
    if (!path) return;
    api<Stats>(path, { token })
      .then(setStats)
      .catch((err) => err instanceof ApiFailure && err.status === 401 && onExpired?.());
  }, [path, token, onExpired]);
  return stats;
}

function Figures(props: { t: Translate; stats: Stats }) {
  const { t, stats } = props;
  const incidents = (stats.alerts.preinspection_congestion ?? 0) + (stats.alerts.preinspection_dwell ?? 0);
  const cards: [string, string][] = [
    [t('manager.issued'), String(stats.issued)],
    [t('manager.called'), String(stats.called)],
    [greetingLabel(t, stats), pct(stats.greetingRate)],
    [t('manager.noShows'), String(stats.noShows)],
    [t('manager.onTime'), pct(stats.onTimeDelivery.rate)],
    [t('manager.incidents'), String(incidents)],
    [t('manager.satisfaction'), stats.satisfaction ? `${stats.satisfaction.overall.toFixed(1)} / 5 (${stats.satisfaction.responses})` : t('manager.noData')],
  ];
  return (
    <div className="figures">
      {cards.map(([label, value]) => (
        <div key={label} className="figure" data-figure={label}>
          <div className="value">{value}</div>
          <div className="label">{label}</div>
        </div>
      ))}
    </div>
  );
}

function Today(props: { t: Translate; session: StaffSession; store: PublicStore; language: ReturnType<typeof initialLanguage>; onExpired: () => void }) {
  const { t, store, language } = props;
  const stats = useStats(`/api/stats/day`, props.session.token, props.onExpired);
  const hours = useMemo(() => {
    // Opening hours 08–20, widened to any hour that had arrivals.
    const seen = Object.keys(stats?.arrivalsByHour ?? {}).map(Number);
    const first = Math.min(8, ...seen);
    const last = Math.max(20, ...seen);
    return Array.from({ length: last - first + 1 }, (_, i) => String(first + i).padStart(2, '0'));
  }, [stats]);
  if (!stats) return <p>…</p>;
  const services = store.services.filter((s) => stats.byService[s.id]);
  return (
    <section>
      <Figures t={t} stats={stats} />
      <div className="charts">
        <div>
          <h3>{t('manager.arrivals')}</h3>
          <BarChart testId="arrivals-chart" labels={hours} series={[{ label: t('manager.issued'), values: hours.map((h) => stats.arrivalsByHour[h] ?? 0) }]} />
        </div>
        <div>
          <h3>{t('manager.waits')}</h3>
          <BarChart
            labels={services.map((s) => s.name[language])}
            series={[
              { label: 'p50', values: services.map((s) => stats.byService[s.id]!.p50WaitSeconds) },
              { label: 'p90', values: services.map((s) => stats.byService[s.id]!.p90WaitSeconds) },
            ]}
          />
        </div>
        <div>
          <h3>{t('manager.perAdvisor')}</h3>
          <BarChart labels={Object.keys(stats.ticketsPerAdvisor)} series={[{ label: t('manager.called'), values: Object.values(stats.ticketsPerAdvisor) }]} />
        </div>
      </div>
    </section>
  );
}

function Range(props: { t: Translate; session: StaffSession }) {
  const { t, session } = props;
  const [from, setFrom] = useState(() => new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10));
  const [to, setTo] = useState(today);
  const [query, setQuery] = useState<string | null>(null);
  const [data, setData] = useState<{ total: Stats; days: (Stats & { day: string })[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!query) return;
    api<{ total: Stats; days: (Stats & { day: string })[] }>(`/api/stats?${query}`, { token: session.token })
      .then((d) => {
        setData(d);
        setError(null);
      })
      .catch((e: unknown) => setError(errorText(t, e)));
  }, [query, session.token]);

  // Built here from the same figures as the table: headers in the manager's language, the
  // machine-readable column codes in a second row for spreadsheets and scripts.
  const exportCsv = async (): Promise<void> => {
    let range: { days: (Stats & { day: string })[] } | null;
    try {
      range = await api<{ total: Stats; days: (Stats & { day: string })[] }>(`/api/stats?from=${from}&to=${to}`, { token: session.token });
    } catch (err) {
      return setError(errorText(t, err));
    }
    const columns: [string, string, (d: Stats & { day: string }) => string | number][] = [
      ['date', t('manager.date'), (d) => d.day],
      ['issued', t('manager.issued'), (d) => d.issued],
      ['called', t('manager.called'), (d) => d.called],
      ['served', t('manager.csv.served'), (d) => d.served],
      ['no_shows', t('manager.noShows'), (d) => d.noShows],
      ['expired', t('manager.csv.expired'), (d) => d.expired],
      ['greeting_rate', greetingLabel(t, d0(range)), (d) => pct(d.greetingRate)],
      ['wait_p50_s', t('manager.csv.waitP50'), (d) => (d.waitP50Seconds === null ? '' : Math.round(d.waitP50Seconds))],
      ['wait_p90_s', t('manager.csv.waitP90'), (d) => (d.waitP90Seconds === null ? '' : Math.round(d.waitP90Seconds))],
      ['on_time_delivery_rate', t('manager.onTime'), (d) => pct(d.onTimeDelivery.rate)],
      ['delivered', t('manager.csv.delivered'), (d) => d.onTimeDelivery.delivered],
      ['greeting_alerts', t('manager.csv.greetingAlerts'), (d) => d.alerts.greeting_wait ?? 0],
      ['preinspection_incidents', t('manager.incidents'), (d) => (d.alerts.preinspection_congestion ?? 0) + (d.alerts.preinspection_dwell ?? 0)],
    ];
    const cell = (v: string | number): string => (/[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
    const lines = [columns.map((c) => cell(c[1])), columns.map((c) => c[0]), ...(range?.days ?? []).map((d) => columns.map((c) => cell(c[2](d))))];
    const csv = `\ufeff${lines.map((l) => l.join(',')).join('\r\n')}\r\n`;
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `stats-${from}-${to}.csv`;
    link.click();
    URL.revokeObjectURL(url);
  };

  return (
    <section>
      <form
        className="range-form"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(`from=${from}&to=${to}`);
        }}
      >
        <label>
          {t('manager.from')} <input type="date" name="from" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('manager.to')} <input type="date" name="to" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <button type="submit" className="small">
          {t('manager.show')}
        </button>
        <button type="button" className="small secondary" data-action="export" onClick={() => void exportCsv()}>
          {t('manager.export')}
        </button>
      </form>
      {error && <p className="message error">{error}</p>}
      {data && (
        <>
          <Figures t={t} stats={data.total} />
          <BarChart labels={data.days.map((d) => d.day.slice(5))} series={[{ label: t('manager.issued'), values: data.days.map((d) => d.issued) }]} />
          <table className="range-table" data-testid="range-table">
            <thead>
              <tr>
                <th>{t('manager.date')}</th>
                <th>{t('manager.issued')}</th>
                <th>{t('manager.called')}</th>
                <th>{greetingLabel(t, data.total)}</th>
                <th>{t('manager.onTime')}</th>
              </tr>
            </thead>
            <tbody>
              {data.days.map((d) => (
                <tr key={d.day}>
                  <td>{d.day}</td>
                  <td>{d.issued}</td>
                  <td>{d.called}</td>
                  <td>{pct(d.greetingRate)}</td>
                  <td>{pct(d.onTimeDelivery.rate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** Where ticket QR codes lead (GET /api/settings/public-url). */
interface PublicUrl {
  url: string | null;
  problem: 'loopback' | 'no_lan_address' | null;
}

function Settings(props: { t: Translate; session: StaffSession }) {
  const { t, session } = props;
  const [config, setConfig] = useState<StoreConfig | null>(null);
  const [message, setMessage] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  const [publicUrl, setPublicUrl] = useState<PublicUrl | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  /** The settings as saved, to notice changes that renumber tickets. */
  const [saved, setSaved] = useState<StoreConfig | null>(null);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    api<StoreConfig>('/api/settings', { token: session.token })
      .then((c) => {
        setConfig(c);
        setSaved(c);
      })
      .catch((e: unknown) => setMessage({ text: errorText(t, e), tone: 'error' }));
    api<PublicUrl>('/api/settings/public-url', { token: session.token })
      .then(setPublicUrl)
      .catch(() => undefined); // a hint only: the settings work without it
  }, [session.token]);
  if (!config) return <p>{message?.text ?? '…'}</p>;
  const save = async (): Promise<void> => {
    try {
      const next = (await api<StoreConfig>('/api/settings', { method: 'POST', body: { settings: config }, token: session.token }))!;
      setConfig(next);
      setSaved(next);
      setMessage({ text: t('manager.saved'), tone: 'ok' });
      setProblems({});
    } catch (err) {
      setMessage({ text: errorText(t, err), tone: 'error' });
      setProblems(fieldErrors(t, err));
    }
  };
  const field = (label: string, value: string | number, onChange: (v: string) => void, name: string) => (
    <label>
      {label}
      <input
        name={name}
        value={value}
        aria-invalid={Boolean(problems[name])}
        onChange={(e) => {
          onChange(e.target.value);
          setProblems(({ [name]: _fixed, ...rest }) => rest);
        }}
      />
      {problems[name] && <span className="field-error">{t('fieldError.invalid', { field: label })}</span>}
    </label>
  );
  const num = (v: string): number => (v.trim() === '' || Number.isNaN(Number(v)) ? (v as unknown as number) : Number(v));
  return (
    <form
      className="settings"
      onSubmit={(e) => {
        e.preventDefault();
        if (saved && renumbers(saved, config)) setConfirming(true);
        else void save();
      }}
    >
      {confirming && (
        <ConfirmDialog
          title={t('confirm.numberingTitle')}
          consequence={t('confirm.numbering')}
          confirmLabel={t('confirm.save')}
          cancelLabel={t('confirm.cancel')}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void save();
          }}
        />
      )}
      <div className="settings-grid">
        {field(t('manager.openingTime'), config.openingTime, (v) => setConfig({ ...config, openingTime: v }), 'openingTime')}
        {field(t('manager.timeZone'), config.timeZone, (v) => setConfig({ ...config, timeZone: v }), 'timeZone')}
        {field(t('manager.printer'), config.printer, (v) => setConfig({ ...config, printer: v }), 'printer')}
        {field(
          t('manager.greetingLimit'),
          config.alerts.greetingLimitSeconds,
          (v) => setConfig({ ...config, alerts: { ...config.alerts, greetingLimitSeconds: num(v) } }),
          'greetingLimitSeconds',
        )}
        {field(
          t('manager.congestion'),
          config.alerts.preinspectionCongestion,
          (v) => setConfig({ ...config, alerts: { ...config.alerts, preinspectionCongestion: num(v) } }),
          'preinspectionCongestion',
        )}
        {field(
          t('manager.dwell'),
          config.alerts.preinspectionDwellMinutes,
          (v) => setConfig({ ...config, alerts: { ...config.alerts, preinspectionDwellMinutes: num(v) } }),
          'preinspectionDwellMinutes',
        )}
      </div>
      <NotifySettings t={t} config={config} setConfig={setConfig} field={field} num={num} />
      <NotifyTest t={t} session={session} timeZone={config.timeZone} />
      {publicUrl?.url && (
        <p className={publicUrl.problem ? 'message error' : 'message'} data-testid="public-url">
          {t('manager.publicUrl', { url: publicUrl.url })}
          {publicUrl.problem && <> {t(`manager.publicUrl.${publicUrl.problem}`)}</>}
        </p>
      )}
      <h3>{t('manager.services')}</h3>
      <table className="edit-table">
        <tbody>
          {config.services.map((s, i) => (
            <tr key={i}>
              <td>
                <input
                  aria-label="prefix"
                  value={s.prefix}
                  size={2}
                  onChange={(e) => setConfig({ ...config, services: config.services.map((x, j) => (j === i ? { ...x, prefix: e.target.value } : x)) })}
                />
              </td>
              <td>
                <input
                  aria-label="id"
                  value={s.id}
                  onChange={(e) => setConfig({ ...config, services: config.services.map((x, j) => (j === i ? { ...x, id: e.target.value } : x)) })}
                />
              </td>
              <NameCells
                label="name"
                value={s.name}
                onChange={(name) => setConfig({ ...config, services: config.services.map((x, j) => (j === i ? { ...x, name } : x)) })}
              />
              <td>
                <button type="button" className="small secondary" onClick={() => setConfig({ ...config, services: config.services.filter((_, j) => j !== i) })}>
                  {t('manager.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('manager.counters')}</h3>
      <table className="edit-table" data-testid="counters-table">
        <tbody>
          {config.counters.map((c, i) => (
            <tr key={i}>
              <td>
                <input
                  aria-label="counter id"
                  value={c.id}
                  size={4}
                  onChange={(e) => setConfig({ ...config, counters: config.counters.map((x, j) => (j === i ? { ...x, id: e.target.value } : x)) })}
                />
              </td>
              <NameCells
                label="counter name"
                value={c.name}
                onChange={(name) => setConfig({ ...config, counters: config.counters.map((x, j) => (j === i ? { ...x, name } : x)) })}
              />
              <td>
                <button type="button" className="small secondary" onClick={() => setConfig({ ...config, counters: config.counters.filter((_, j) => j !== i) })}>
                  {t('manager.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        className="small secondary"
        data-action="add-counter"
        onClick={() => {
          const id = String(config.counters.length + 1);
          setConfig({
            ...config,
            counters: [...config.counters, { id, name: { 'zh-CN': `${id}号服务台`, 'zh-TW': `${id}號服務台`, en: `Counter ${id}` }, services: [] }],
          });
        }}
      >
        {t('manager.add')}
      </button>
      <div className="save-row">
        <button type="submit" className="primary-button" data-action="save-settings">
          {t('manager.save')}
        </button>
        {message && (
          <span className={`message ${message.tone}`} role="status">
            {message.text}
          </span>
        )}
      </div>
    </form>
  );
}

/** One input per store language for a name (services, counters). */
function NameCells(props: { label: string; value: LocalizedText; onChange: (value: LocalizedText) => void }) {
  return (
    <>
      {LANGUAGES.map((lang) => (
        <td key={lang}>
          <input aria-label={`${props.label} ${lang}`} value={props.value[lang]} onChange={(e) => props.onChange({ ...props.value, [lang]: e.target.value })} />
        </td>
      ))}
    </>
  );
}

/** Whether new settings change how tickets are numbered: a service letter or the opening time. */
function renumbers(before: StoreConfig, after: StoreConfig): boolean {
  if (before.openingTime !== after.openingTime) return true;
  const prefix = new Map(before.services.map((s) => [s.id, s.prefix]));
  return after.services.some((s) => prefix.has(s.id) && prefix.get(s.id) !== s.prefix);
}

/** "1 分钟接待率", following the store's greeting limit. */
function greetingLabel(t: Translate, stats: Pick<Stats, 'greetingLimitSeconds'> | null): string {
  const limit = stats?.greetingLimitSeconds;
  return limit ? t('manager.greetingRateWithin', { limit: duration(limit, t) }) : t('manager.greetingRate');
}

function d0(range: { days: Stats[] } | null): Stats | null {
  return range?.days[0] ?? null;
}
