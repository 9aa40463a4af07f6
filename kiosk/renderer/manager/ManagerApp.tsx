/**
 * The service manager's console (seed 000/001: monthly review, 预检区应急预案): live alerts with
 * acknowledgement; the day's figures with charts; the same over a date range with CSV export;
 * settings (SettingsForm.tsx); devices (enrol, revoke).
 */
import { useEffect, useMemo, useState } from 'react';
import type { Translate } from '../../../shared/src/i18n.ts';
import { initialLanguage, type PublicStore } from '../../../shared/src/client/hooks.ts';
import { StaffGate } from '../common/StaffGate.tsx';
import { endpoints } from '../../../shared/src/api/index.ts';
import { isAlertKind } from '../../../shared/src/protocol.ts';
import type { DayStats, DriveFigures, RangeWithDrive } from '../../../shared/src/stats.ts';
import { api, ApiFailure, send, type StaffSession } from '../common/session.ts';
import { useNow, useStaffState } from '../common/staff-state.ts';
import { AlertArea } from '../common/AlertArea.tsx';
import { BayBoard } from '../common/BayBoard.tsx';
import { CasesPanel } from '../common/CasesPanel.tsx';
import { AppointmentsTab } from './AppointmentsTab.tsx';
import { duration } from '../common/alert-groups.ts';
import { errorText } from '../../../shared/src/error-text.ts';
import { BarChart } from './BarChart.tsx';
import { Devices } from './Devices.tsx';
import { SettingsForm } from './SettingsForm.tsx';
import { Staff } from './Staff.tsx';

type Tab = 'alerts' | 'today' | 'range' | 'appointments' | 'settings' | 'devices' | 'staff';

/** A day's figures; a range's rows also carry the service drive's. */
type Stats = DayStats & Partial<DriveFigures>;

const pct = (x: number | null): string => (x === null ? '—' : `${Math.round(x * 100)}%`);
const whole = (x: number | null | undefined): string | number => (x === null || x === undefined ? '' : Math.round(x));
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
            {(
              ['alerts', 'today', 'range', 'appointments', 'settings', 'devices', ...(session.staff.role === 'admin' ? (['staff'] as const) : [])] as const
            ).map((name) => (
              <button key={name} className={tab === name ? 'active' : ''} data-tab={name} onClick={() => setTab(name)}>
                {t(`manager.${name}`)}
              </button>
            ))}
          </nav>
          <main className="manager-body">
            {tab === 'alerts' && <Alerts t={t} session={session} timeZone={store.timeZone} />}
            {tab === 'today' && <Today t={t} session={session} store={store} language={language} onExpired={endSession} />}
            {tab === 'range' && <Range t={t} session={session} />}
            {tab === 'appointments' && <AppointmentsTab t={t} store={store} language={language} session={session} onExpired={endSession} />}
            {tab === 'settings' && <SettingsForm t={t} session={session} language={language} />}
            {tab === 'devices' && <Devices t={t} session={session} />}
            {tab === 'staff' && <Staff t={t} session={session} />}
          </main>
        </div>
      )}
    </StaffGate>
  );
}

function Alerts(props: { t: Translate; session: StaffSession; timeZone: string }) {
  const { t, session, timeZone } = props;
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
          isAlertKind(kind) && void api(endpoints.ackAlertKind, { body: { kind } }, { token: session.token }).catch((e: unknown) => setError(errorText(t, e)))
        }
      />
      <div className="panel manager-bays">
        <CasesPanel
          t={t}
          cases={snapshot?.cases}
          timeZone={timeZone}
          staffName={session.staff.name}
          onAction={(call) => void send(call, { token: session.token }).catch((e: unknown) => setError(errorText(t, e)))}
        />
      </div>
      <div className="panel manager-bays">
        <BayBoard t={t} view={snapshot?.bays} now={now} />
      </div>
    </section>
  );
}

/** Today's figures (the hub's business day). */
function useDayStats(token: string, onExpired?: () => void): Stats | null {
  const [stats, setStats] = useState<Stats | null>(null);
  useEffect(() => {
    api(endpoints.dayStats, {}, { token })
      .then(setStats)
      .catch((err) => err instanceof ApiFailure && err.status === 401 && onExpired?.());
  }, [token, onExpired]);
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
  const stats = useDayStats(props.session.token, props.onExpired);
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
  const [query, setQuery] = useState<{ from: string; to: string } | null>(null);
  const [data, setData] = useState<RangeWithDrive | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!query) return;
    api(endpoints.rangeStats, { query }, { token: session.token })
      .then((d) => {
        setData(d);
        setError(null);
      })
      .catch((e: unknown) => setError(errorText(t, e)));
  }, [query, session.token]);

  // Built here from the same figures as the table: headers in the manager's language, the
  // machine-readable column codes in a second row for spreadsheets and scripts.
  const exportCsv = async (): Promise<void> => {
    let range: RangeWithDrive;
    try {
      range = await api(endpoints.rangeStats, { query: { from, to } }, { token: session.token });
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
      ['appointments_booked', t('manager.csv.apptBooked'), (d) => d.appointments?.booked ?? ''],
      ['appointments_arrived', t('manager.csv.apptArrived'), (d) => d.appointments?.arrived ?? ''],
      ['appointments_on_time', t('manager.csv.apptOnTime'), (d) => d.appointments?.onTime ?? ''],
      ['appointment_no_shows', t('manager.csv.apptNoShows'), (d) => d.appointments?.noShows ?? ''],
      ['appointment_share', t('manager.apptShare'), (d) => pct(d.appointments?.appointmentShare ?? null)],
      ['complaint_cases', t('manager.csv.cases'), (d) => d.cases?.opened ?? ''],
      ['complaint_first_contact_median_min', t('manager.csv.caseFirstContact'), (d) => whole(d.cases?.firstContactMedianMinutes)],
      ['complaint_close_median_min', t('manager.csv.caseClose'), (d) => whole(d.cases?.closeMedianMinutes)],
      ['complaint_replied_late', t('manager.csv.caseLate'), (d) => d.cases?.repliedLate ?? ''],
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
          setQuery({ from, to });
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
                <th>{t('manager.apptShare')}</th>
                <th>{t('manager.csv.apptNoShows')}</th>
                <th>{t('manager.csv.cases')}</th>
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
                  <td>{pct(d.appointments?.appointmentShare ?? null)}</td>
                  <td>{d.appointments?.noShows ?? '—'}</td>
                  <td>{d.cases?.opened ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** "1 分钟接待率", following the store's greeting limit. */
function greetingLabel(t: Translate, stats: Pick<Stats, 'greetingLimitSeconds'> | null): string {
  const limit = stats?.greetingLimitSeconds;
  return limit ? t('manager.greetingRateWithin', { limit: duration(limit, t) }) : t('manager.greetingRate');
}

function d0(range: { days: Stats[] } | null): Stats | null {
  return range?.days[0] ?? null;
}
