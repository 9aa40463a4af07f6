/**
 * The dealer group's report page (`/group`, issue #18 §2): log in with the group admin's token,
 * pick a date range, and see the stores side by side — charts per store and per day, a table of
 * every figure, CSV export. zh-CN first (the page follows `?lang=`), figures from the group server.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { isLanguage, translator, type Language, type MessageKey, type Translate } from '../../shared/src/i18n.ts';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

/** What `/api/group/stats` answers (group/src/stats.ts), as far as the page reads it. */
interface Figures {
  issued: number;
  called: number;
  served: number;
  noShows: number;
  waitP50Seconds: number | null;
  waitP90Seconds: number | null;
  greetingRate: number | null;
  onTimeDelivery: { delivered: number; rate: number | null };
  appointments: { appointmentShare: number | null; noShows: number };
  satisfaction: { responses: number; overall: number } | null;
}
interface Stats {
  from: string;
  to: string;
  total: Figures;
  stores: ({ storeId: string } & Figures)[];
}
interface Day {
  day: string;
  issued: number;
  called: number;
  noShows: number;
  greetingRate: number | null;
}

const TOKEN_KEY = 'group.token';

/** Both charts: counts on the left axis, a rate in percent on the right. */
const COUNT_AND_RATE = {
  animation: false,
  responsive: true,
  maintainAspectRatio: false,
  scales: {
    y: { beginAtZero: true, position: 'left' },
    rate: { beginAtZero: true, max: 100, position: 'right', grid: { drawOnChartArea: false } },
  },
} as const;

/** A rate (0–1) as a chart's percent with one decimal. */
const chartPercent = (rate: number | null): number | null => (rate === null ? null : Math.round(rate * 1000) / 10);

class Polite extends Error {
  constructor(readonly key: MessageKey) {
    super(key);
  }
}

async function get<T>(path: string, token: string, as: 'json' | 'blob' = 'json'): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { method: path === '/api/group/login' ? 'POST' : 'GET', headers: { authorization: `Bearer ${token}` } });
  } catch {
    throw new Polite('group.error.unreachable');
  }
  if (response.status === 401) throw new Polite('group.error.token');
  if (response.status === 400) throw new Polite('group.error.range');
  if (!response.ok) throw new Polite('group.error.unreachable');
  return (as === 'blob' ? await response.blob() : await response.json()) as T;
}

const politeKey = (err: unknown): MessageKey => (err instanceof Polite ? err.key : 'group.error.unreachable');

function language(): Language {
  const lang = new URLSearchParams(window.location.search).get('lang');
  return isLanguage(lang) ? lang : 'zh-CN';
}

function isoDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function GroupApp() {
  const lang = useMemo(language, []);
  const t = useMemo(() => translator(lang), [lang]);
  const [token, setToken] = useState(() => sessionStorage.getItem(TOKEN_KEY) ?? '');
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('group.title');
  }, [lang, t]);
  return (
    <main className="group">
      <header>
        <h1>{t('group.title')}</h1>
        {token && (
          <button
            type="button"
            className="link"
            onClick={() => {
              sessionStorage.removeItem(TOKEN_KEY);
              setToken('');
            }}
          >
            {t('group.logout')}
          </button>
        )}
      </header>
      {token ? <Report t={t} token={token} /> : <Login t={t} onToken={setToken} />}
    </main>
  );
}

function Login(props: { t: Translate; onToken: (token: string) => void }) {
  const { t } = props;
  const [value, setValue] = useState('');
  const [error, setError] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await get('/api/group/login', value);
      sessionStorage.setItem(TOKEN_KEY, value);
      props.onToken(value);
    } catch (err) {
      setError(politeKey(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card login" onSubmit={(e) => void submit(e)} aria-busy={busy}>
      <label>
        {t('group.token')}
        <input name="token" type="password" autoComplete="current-password" required value={value} onChange={(e) => setValue(e.target.value)} />
      </label>
      <button type="submit" className="primary" disabled={busy}>
        {t('group.login')}
      </button>
      <p className="error" role="alert">
        {error ? t(error) : ''}
      </p>
    </form>
  );
}

function Report(props: { t: Translate; token: string }) {
  const { t, token } = props;
  const today = isoDay(new Date());
  const [from, setFrom] = useState(() => isoDay(new Date(Date.now() - 6 * 86_400_000)));
  const [to, setTo] = useState(today);
  const [report, setReport] = useState<{ stats: Stats; days: Day[] } | null>(null);
  const [error, setError] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);
  const query = `?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
  const show = async (event?: FormEvent): Promise<void> => {
    event?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const [stats, days] = await Promise.all([get<Stats>(`/api/group/stats${query}`, token), get<Day[]>(`/api/group/daily${query}`, token)]);
      setReport({ stats, days });
    } catch (err) {
      setReport(null);
      setError(politeKey(err));
    } finally {
      setBusy(false);
    }
  };
  const csv = async (): Promise<void> => {
    setError(null);
    try {
      const blob = await get<Blob>(`/api/group/stats.csv${query}`, token, 'blob');
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = `group-${from}-${to}.csv`;
      a.click();
      URL.revokeObjectURL(a.href);
    } catch (err) {
      setError(politeKey(err));
    }
  };
  useEffect(() => {
    void show();
    // The first report on opening; later ones on 查询.
  }, []);
  return (
    <>
      <form className="card range" onSubmit={(e) => void show(e)} aria-busy={busy}>
        <label>
          {t('group.from')}
          <input name="from" type="date" required value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('group.to')}
          <input name="to" type="date" required value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {t('group.show')}
        </button>
        <button type="button" onClick={() => void csv()}>
          {t('group.csv')}
        </button>
      </form>
      <p className="error" role="alert">
        {error ? t(error) : ''}
      </p>
      {busy && !report && <p className="muted">{t('group.loading')}</p>}
      {report && <Figures t={t} stats={report.stats} days={report.days} />}
    </>
  );
}

const percent = (r: number | null): string => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

function Figures(props: { t: Translate; stats: Stats; days: Day[] }) {
  const { t, stats, days } = props;
  const seconds = (s: number | null): string =>
    s === null ? '—' : s < 120 ? t('group.seconds', { n: Math.round(s) }) : t('group.minutes', { n: Math.round(s / 60) });
  const columns: [MessageKey, (f: Figures) => string][] = [
    ['group.issued', (f) => String(f.issued)],
    ['group.called', (f) => String(f.called)],
    ['group.served', (f) => String(f.served)],
    ['group.noShows', (f) => String(f.noShows)],
    ['group.waitP50', (f) => seconds(f.waitP50Seconds)],
    ['group.waitP90', (f) => seconds(f.waitP90Seconds)],
    ['group.greetingRate', (f) => percent(f.greetingRate)],
    ['group.onTimeDelivery', (f) => percent(f.onTimeDelivery.rate)],
    ['group.delivered', (f) => String(f.onTimeDelivery.delivered)],
    ['group.appointmentShare', (f) => percent(f.appointments.appointmentShare)],
    ['group.appointmentNoShows', (f) => String(f.appointments.noShows)],
    ['group.satisfaction', (f) => (f.satisfaction ? f.satisfaction.overall.toFixed(2) : '—')],
    ['group.responses', (f) => String(f.satisfaction?.responses ?? 0)],
  ];
  if (!stats.stores.length) return <p className="card">{t('group.empty')}</p>;
  const storeIds = stats.stores.map((s) => s.storeId);
  // Every day of the range, a day without tickets too.
  const byDay = new Map(days.map((d) => [d.day, d]));
  const range: Day[] = [];
  for (let at = Date.parse(`${stats.from}T00:00:00Z`); at <= Date.parse(`${stats.to}T00:00:00Z`); at += 86_400_000) {
    const day = new Date(at).toISOString().slice(0, 10);
    range.push(byDay.get(day) ?? { day, issued: 0, called: 0, noShows: 0, greetingRate: null });
  }
  return (
    <>
      <p className="summary" data-testid="summary">
        {t('group.summary', { from: stats.from, to: stats.to, stores: stats.stores.length, issued: stats.total.issued })}
      </p>
      <div className="charts">
        <section className="card">
          <h2>{t('group.byStore')}</h2>
          <ChartCanvas
            testId="chart-stores"
            config={{
              type: 'bar',
              data: {
                labels: storeIds,
                datasets: [
                  { label: t('group.issued'), data: stats.stores.map((s) => s.issued), backgroundColor: '#0b5cad', yAxisID: 'y' },
                  {
                    label: `${t('group.greetingRate')} (%)`,
                    data: stats.stores.map((s) => chartPercent(s.greetingRate)),
                    backgroundColor: '#f5a623',
                    yAxisID: 'rate',
                  },
                ],
              },
              options: COUNT_AND_RATE,
            }}
          />
        </section>
        <section className="card">
          <h2>{t('group.byDay')}</h2>
          <ChartCanvas
            testId="chart-days"
            config={{
              type: 'bar',
              data: {
                labels: range.map((d) => d.day),
                datasets: [
                  { label: t('group.issued'), data: range.map((d) => d.issued), backgroundColor: '#0b5cad', yAxisID: 'y', order: 2 },
                  {
                    // A line over the bars (Chart.js mixed chart).
                    type: 'line' as 'bar',
                    label: `${t('group.greetingRate')} (%)`,
                    data: range.map((d) => chartPercent(d.greetingRate)),
                    borderColor: '#1f9d55',
                    backgroundColor: '#1f9d55',
                    yAxisID: 'rate',
                    order: 1,
                  },
                ],
              },
              options: COUNT_AND_RATE,
            }}
          />
        </section>
      </div>
      <section className="card">
        <h2>{t('group.table')}</h2>
        <div className="scroll">
          <table aria-label={t('group.table')}>
            <thead>
              <tr>
                <th scope="col">{t('group.metric')}</th>
                {columns.map(([key]) => (
                  <th scope="col" key={key}>
                    {t(key)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[...stats.stores.map((s) => [s.storeId, s] as const), [t('group.total'), stats.total] as const].map(([name, f], i) => (
                <tr key={name} className={i === stats.stores.length ? 'total' : undefined}>
                  <th scope="row">{name}</th>
                  {columns.map(([key, value]) => (
                    <td key={key}>{value(f)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

function ChartCanvas(props: { config: ChartConfiguration; testId: string }) {
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const { config } = props;
  useEffect(() => {
    if (!canvas.current) return undefined;
    const chart = new Chart(canvas.current, config);
    return () => chart.destroy();
  }, [config]);
  return (
    <div className="chart" data-testid={props.testId}>
      <canvas ref={canvas} role="img" aria-label={config.data.datasets.map((d) => d.label).join(', ')} />
    </div>
  );
}
