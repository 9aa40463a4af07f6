/**
 * The store's settings as a manager edits them (issue #14 item 6, #21): every table has headers;
 * services with their letter, name and the minutes the wait estimates use (learned from the
 * store's history, or the manager's own figure); counters and which services each one serves;
 * stage times; alert limits; the lounge display's language and ticker. Problems the hub finds
 * are shown on the very cell they belong to, in the page's language.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { LANGUAGES, type Language, type Translate } from '../../../shared/src/i18n.ts';
import type { LocalizedText, StoreConfig } from '../../../shared/src/services.ts';
import { errorText, fieldProblem } from '../../../shared/src/error-text.ts';
import { ConfirmDialog } from '../common/ConfirmDialog.tsx';
import type { AnswerOf } from '../../../shared/src/api/endpoint.ts';
import { endpoints } from '../../../shared/src/api/index.ts';
import { api, type StaffSession } from '../common/session.ts';
import { NotifySettings, NotifyTest } from './NotifySettings.tsx';

/** Shipping to the dealer group (README "A dealer group"), where ticket QR codes lead, and what the hub learned per service. */
type GroupShipping = NonNullable<AnswerOf<typeof endpoints.health>['group']>;
type PublicUrl = AnswerOf<typeof endpoints.publicUrlSetting>;
type ServiceDuration = AnswerOf<typeof endpoints.getServiceDurations>[number];

const STAGES = ['reception', 'waiting', 'repair', 'parts', 'qc', 'wash', 'ready'] as const;
const LANGUAGE_NAMES: Record<Language, string> = { 'zh-CN': '简体中文', 'zh-TW': '繁體中文', en: 'English' };

type Problem = ReturnType<typeof fieldProblem>;

/** Problems per full path (`services.2.prefix`), from an `invalid_settings` answer; each cell words its own with its label. */
function problemsOf(err: unknown): Record<string, Problem> {
  const issues = (err as { body?: { issues?: { path: string; message: string }[] } } | null)?.body?.issues ?? [];
  const found: Record<string, Problem> = {};
  for (const issue of issues) {
    const path = issue.path.replace(/^settings\./, '');
    // The bays are one field: a problem with any of them is that field's.
    found[path.startsWith('preinspectionBays') ? 'preinspectionBays' : path] ??= fieldProblem(issue.message);
  }
  return found;
}

/** A number typed into a field: kept as typed (so the hub can say what is wrong) unless it is one. */
const numberOrText = (v: string): number => (v.trim() === '' || Number.isNaN(Number(v)) ? (v as unknown as number) : Number(v));

export function SettingsForm(props: { t: Translate; session: StaffSession; language: Language }) {
  const { t, session, language } = props;
  const [config, setConfig] = useState<StoreConfig | null>(null);
  const [message, setMessage] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);
  const [publicUrl, setPublicUrl] = useState<PublicUrl | null>(null);
  const [shipping, setShipping] = useState<GroupShipping | null>(null);
  const [durations, setDurations] = useState<ServiceDuration[]>([]);
  const [problems, setProblems] = useState<Record<string, Problem>>({});
  /** The settings as saved, to notice changes that renumber tickets. */
  const [saved, setSaved] = useState<StoreConfig | null>(null);
  const [confirming, setConfirming] = useState(false);
  /** The bays as typed (spaces kept while typing); the settings hold them split. */
  const [baysText, setBaysText] = useState<string | null>(null);
  useEffect(() => {
    api(endpoints.getSettings, {}, { token: session.token })
      .then((c) => {
        setConfig(c);
        setSaved(c);
      })
      .catch((e: unknown) => setMessage({ text: errorText(t, e), tone: 'error' }));
    api(endpoints.publicUrlSetting, {}, { token: session.token })
      .then(setPublicUrl)
      .catch(() => undefined); // a hint only: the settings work without it
    api(endpoints.getServiceDurations, {}, { token: session.token })
      .then(setDurations)
      .catch(() => undefined); // a hint only: the learned minutes beside the manager's own
    api(endpoints.health, {})
      .then((h) => setShipping(h.group))
      .catch(() => undefined); // a hint only: shipping to the dealer group, when set up
  }, [session.token]);
  if (!config) return <p>{message?.text ?? '…'}</p>;

  const save = async (): Promise<void> => {
    try {
      const next = await api(endpoints.saveSettings, { body: { settings: config } }, { token: session.token });
      setConfig(next);
      setSaved(next);
      setBaysText(null);
      setMessage({ text: t('manager.saved'), tone: 'ok' });
      setProblems({});
      api(endpoints.getServiceDurations, {}, { token: session.token })
        .then(setDurations)
        .catch(() => undefined);
    } catch (err) {
      setMessage({ text: errorText(t, err), tone: 'error' });
      setProblems(problemsOf(err));
    }
  };
  const update = (next: StoreConfig, path: string): void => {
    setConfig(next);
    setProblems(({ [path]: _fixed, ...rest }) => rest);
  };
  /** An input bound to one setting; `path` names it for the hub's problems and for tests. */
  const input = (path: string, label: string, value: string | number, onChange: (v: string) => StoreConfig, size?: number): ReactNode => (
    <>
      <input
        name={path}
        aria-label={label}
        value={value}
        size={size}
        aria-invalid={Boolean(problems[path])}
        onChange={(e) => update(onChange(e.target.value), path)}
      />
      {problems[path] && <span className="field-error">{t(`fieldError.${problems[path]}`, { field: label })}</span>}
    </>
  );
  const field = (path: string, label: string, value: string | number, onChange: (v: string) => StoreConfig): ReactNode => (
    <label>
      {label}
      {input(path, label, value, onChange)}
    </label>
  );
  const localized = (path: string, label: string, value: LocalizedText, onChange: (v: LocalizedText) => StoreConfig): ReactNode =>
    LANGUAGES.map((lang) => (
      <td key={lang}>{input(`${path}.${lang}`, `${label} ${LANGUAGE_NAMES[lang]}`, value[lang], (v) => onChange({ ...value, [lang]: v }))}</td>
    ));
  const serviceName = (id: string): string => config.services.find((s) => s.id === id)?.name[language] ?? id;
  const setService = (i: number, change: Partial<StoreConfig['services'][number]>): StoreConfig => ({
    ...config,
    services: config.services.map((x, j) => (j === i ? { ...x, ...change } : x)),
  });
  const setCounter = (i: number, change: Partial<StoreConfig['counters'][number]>): StoreConfig => ({
    ...config,
    counters: config.counters.map((x, j) => (j === i ? { ...x, ...change } : x)),
  });
  const setMinutes = (service: string, v: string): StoreConfig => {
    const { [service]: _old, ...rest } = config.queue.serviceMinutes;
    const serviceMinutes = v.trim() === '' ? rest : { ...rest, [service]: numberOrText(v) };
    return { ...config, queue: { ...config.queue, serviceMinutes } };
  };

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
      <fieldset>
        <legend>{t('settings.store')}</legend>
        <div className="settings-grid">
          {field('openingTime', t('manager.openingTime'), config.openingTime, (v) => ({ ...config, openingTime: v }))}
          {field('timeZone', t('manager.timeZone'), config.timeZone, (v) => ({ ...config, timeZone: v }))}
          {field('printer', t('manager.printer'), config.printer, (v) => ({ ...config, printer: v }))}
          {field('privacy.retentionDays', t('settings.retentionDays'), config.privacy.retentionDays, (v) => ({
            ...config,
            privacy: { ...config.privacy, retentionDays: numberOrText(v) },
          }))}
        </div>
        {publicUrl?.url && (
          <p className={publicUrl.problem ? 'field-error' : 'hint'} data-testid="public-url">
            {t('manager.publicUrl', { url: publicUrl.url })}
            {publicUrl.problem && <> {t(`manager.publicUrl.${publicUrl.problem}`)}</>}
          </p>
        )}
        {shipping && (
          <p className={shipping.lastError ? 'field-error' : 'hint'} data-testid="group-shipping">
            {t('manager.groupShipping', { store: shipping.storeId, seq: shipping.shippedSeq, lag: shipping.lag })}
            {shipping.lastError && <> {t('manager.groupShipping.error', { error: shipping.lastError })}</>}
          </p>
        )}
      </fieldset>

      <fieldset>
        <legend>{t('settings.alerts')}</legend>
        <div className="settings-grid">
          {field('alerts.greetingLimitSeconds', t('manager.greetingLimit'), config.alerts.greetingLimitSeconds, (v) => ({
            ...config,
            alerts: { ...config.alerts, greetingLimitSeconds: numberOrText(v) },
          }))}
          {field('alerts.preinspectionCongestion', t('manager.congestion'), config.alerts.preinspectionCongestion, (v) => ({
            ...config,
            alerts: { ...config.alerts, preinspectionCongestion: numberOrText(v) },
          }))}
          {field('alerts.preinspectionDwellMinutes', t('manager.dwell'), config.alerts.preinspectionDwellMinutes, (v) => ({
            ...config,
            alerts: { ...config.alerts, preinspectionDwellMinutes: numberOrText(v) },
          }))}
          {field('preinspectionBays', t('manager.bays'), baysText ?? config.preinspectionBays.join(' '), (v) => {
            setBaysText(v);
            return { ...config, preinspectionBays: v.split(/[\s,，、]+/).filter(Boolean) };
          })}
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('manager.services')}</legend>
        <table className="edit-table" data-testid="services-table">
          <thead>
            <tr>
              <th>{t('settings.prefix')}</th>
              <th>{t('settings.serviceId')}</th>
              {LANGUAGES.map((lang) => (
                <th key={lang}>
                  {t('settings.name')}（{LANGUAGE_NAMES[lang]}）
                </th>
              ))}
              <th>{t('settings.priority')}</th>
              <th>{t('settings.serviceMinutes')}</th>
              <th aria-label={t('settings.actions')} />
            </tr>
          </thead>
          <tbody>
            {config.services.map((s, i) => {
              const learned = durations.find((d) => d.service === s.id);
              return (
                <tr key={i}>
                  <td>{input(`services.${i}.prefix`, t('settings.prefix'), s.prefix, (v) => setService(i, { prefix: v }), 2)}</td>
                  <td>{input(`services.${i}.id`, t('settings.serviceId'), s.id, (v) => setService(i, { id: v }), 10)}</td>
                  {localized(`services.${i}.name`, t('settings.name'), s.name, (name) => setService(i, { name }))}
                  <td>
                    <input
                      type="checkbox"
                      aria-label={t('settings.priority')}
                      checked={s.priority}
                      onChange={(e) => update(setService(i, { priority: e.target.checked }), `services.${i}.priority`)}
                    />
                  </td>
                  <td className="minutes-cell">
                    {input(
                      `queue.serviceMinutes.${s.id}`,
                      t('settings.serviceMinutes'),
                      config.queue.serviceMinutes[s.id] ?? '',
                      (v) => setMinutes(s.id, v),
                      4,
                    )}
                    <span className="hint" data-testid={`learned-${s.id}`}>
                      {learned && learned.samples > 0
                        ? t('settings.learned', { minutes: learned.learnedMinutes, samples: Math.round(learned.samples) })
                        : t('settings.notLearned', { minutes: config.queue.defaultServiceMinutes })}
                    </span>
                  </td>
                  <td>
                    <button
                      type="button"
                      className="small secondary"
                      onClick={() => setConfig({ ...config, services: config.services.filter((_, j) => j !== i) })}
                    >
                      {t('manager.remove')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <p className="hint">{t('settings.serviceMinutesHint')}</p>
      </fieldset>

      <fieldset>
        <legend>{t('manager.counters')}</legend>
        <table className="edit-table" data-testid="counters-table">
          <thead>
            <tr>
              <th>{t('settings.counterId')}</th>
              {LANGUAGES.map((lang) => (
                <th key={lang}>
                  {t('settings.name')}（{LANGUAGE_NAMES[lang]}）
                </th>
              ))}
              <th>{t('settings.counterServices')}</th>
              <th aria-label={t('settings.actions')} />
            </tr>
          </thead>
          <tbody>
            {config.counters.map((c, i) => (
              <tr key={i}>
                <td>{input(`counters.${i}.id`, t('settings.counterId'), c.id, (v) => setCounter(i, { id: v }), 4)}</td>
                {localized(`counters.${i}.name`, t('settings.name'), c.name, (name) => setCounter(i, { name }))}
                <td className="service-choices" data-testid={`counter-services-${c.id}`}>
                  {config.services.map((s) => (
                    <label key={s.id} className="choice">
                      <input
                        type="checkbox"
                        checked={c.services.includes(s.id)}
                        onChange={(e) =>
                          update(
                            setCounter(i, { services: e.target.checked ? [...c.services, s.id] : c.services.filter((x) => x !== s.id) }),
                            `counters.${i}.services`,
                          )
                        }
                      />
                      {serviceName(s.id)}
                    </label>
                  ))}
                  <span className="hint">{c.services.length === 0 ? t('settings.allServices') : ''}</span>
                  {problems[`counters.${i}.services`] && (
                    <span className="field-error">{t(`fieldError.${problems[`counters.${i}.services`]!}`, { field: t('settings.counterServices') })}</span>
                  )}
                </td>
                <td>
                  <button
                    type="button"
                    className="small secondary"
                    onClick={() => setConfig({ ...config, counters: config.counters.filter((_, j) => j !== i) })}
                  >
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
      </fieldset>

      <fieldset>
        <legend>{t('settings.stageMinutes')}</legend>
        <table className="edit-table" data-testid="stages-table">
          <thead>
            <tr>
              {STAGES.map((stage) => (
                <th key={stage}>{t(`stage.${stage}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              {STAGES.map((stage) => (
                <td key={stage}>
                  {input(
                    `stageMinutes.${stage}`,
                    t('settings.stageLabel', { stage: t(`stage.${stage}`) }),
                    config.stageMinutes[stage],
                    (v) => ({ ...config, stageMinutes: { ...config.stageMinutes, [stage]: numberOrText(v) } }),
                    5,
                  )}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
        <p className="hint">{t('settings.stageMinutesHint')}</p>
      </fieldset>

      <fieldset>
        <legend>{t('settings.display')}</legend>
        <div className="settings-grid">
          <label>
            {t('settings.displayLanguage')}
            <select
              name="display.language"
              value={config.display.language}
              onChange={(e) =>
                update({ ...config, display: { ...config.display, language: e.target.value as StoreConfig['display']['language'] } }, 'display.language')
              }
            >
              {LANGUAGES.map((lang) => (
                <option key={lang} value={lang}>
                  {LANGUAGE_NAMES[lang]}
                </option>
              ))}
            </select>
          </label>
          <label className="choice">
            <input
              type="checkbox"
              name="display.announceEnglish"
              checked={config.display.announceEnglish}
              onChange={(e) => update({ ...config, display: { ...config.display, announceEnglish: e.target.checked } }, 'display.announceEnglish')}
            />
            {t('settings.announceEnglish')}
          </label>
          {field('display.pageSeconds', t('settings.pageSeconds'), config.display.pageSeconds, (v) => ({
            ...config,
            display: { ...config.display, pageSeconds: numberOrText(v) },
          }))}
        </div>
        <table className="edit-table notices-table" data-testid="notices-table">
          <thead>
            <tr>
              {LANGUAGES.map((lang) => (
                <th key={lang}>
                  {t('settings.notice')}（{LANGUAGE_NAMES[lang]}）
                </th>
              ))}
              <th aria-label={t('settings.actions')} />
            </tr>
          </thead>
          <tbody>
            {config.display.notices.map((notice, i) => (
              <tr key={i}>
                {localized(`display.notices.${i}`, t('settings.notice'), notice, (v) => ({
                  ...config,
                  display: { ...config.display, notices: config.display.notices.map((x, j) => (j === i ? v : x)) },
                }))}
                <td>
                  <button
                    type="button"
                    className="small secondary"
                    onClick={() => setConfig({ ...config, display: { ...config.display, notices: config.display.notices.filter((_, j) => j !== i) } })}
                  >
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
          data-action="add-notice"
          onClick={() => setConfig({ ...config, display: { ...config.display, notices: [...config.display.notices, { 'zh-CN': '', 'zh-TW': '', en: '' }] } })}
        >
          {t('manager.add')}
        </button>
      </fieldset>

      <fieldset>
        <legend>{t('manager.notify')}</legend>
        <NotifySettings t={t} config={config} field={field} num={numberOrText} />
        <NotifyTest t={t} session={session} timeZone={config.timeZone} />
      </fieldset>

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

/** Whether new settings change how tickets are numbered: a service letter or the opening time. */
export function renumbers(before: StoreConfig, after: StoreConfig): boolean {
  if (before.openingTime !== after.openingTime) return true;
  const prefix = new Map(before.services.map((s) => [s.id, s.prefix]));
  return after.services.some((s) => prefix.has(s.id) && prefix.get(s.id) !== s.prefix);
}
