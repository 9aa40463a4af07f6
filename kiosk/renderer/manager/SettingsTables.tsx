/**
 * The tables of the manager's settings (issue #14 item 6, #21), every one with headers: services
 * with their letter, name and the minutes the wait estimates use (learned from the store's
 * history, or the manager's own figure); counters and which services each one serves; stage times.
 */
import type { Language } from '../../../shared/src/i18n.ts';
import type { StoreConfig } from '../../../shared/src/services.ts';
import type { AnswerOf } from '../../../shared/src/api/endpoint.ts';
import type { endpoints } from '../../../shared/src/api/index.ts';
import { NameHeaders, numberOrText, RemoveCell, type SettingsEditor } from './settings-editor.tsx';

/** What the hub learned per service. */
export type ServiceDuration = AnswerOf<typeof endpoints.getServiceDurations>[number];

const STAGES = ['reception', 'waiting', 'repair', 'parts', 'qc', 'wash', 'ready'] as const;

export function ServicesTable(props: { editor: SettingsEditor; durations: ServiceDuration[] }) {
  const { editor, durations } = props;
  const { t, config, input, localized, update, setConfig } = editor;
  const setService = (i: number, change: Partial<StoreConfig['services'][number]>): StoreConfig => ({
    ...config,
    services: config.services.map((x, j) => (j === i ? { ...x, ...change } : x)),
  });
  const setMinutes = (service: string, v: string): StoreConfig => {
    const { [service]: _old, ...rest } = config.queue.serviceMinutes;
    const serviceMinutes = v.trim() === '' ? rest : { ...rest, [service]: numberOrText(v) };
    return { ...config, queue: { ...config.queue, serviceMinutes } };
  };
  return (
    <fieldset>
      <legend>{t('manager.services')}</legend>
      <table className="edit-table" data-testid="services-table">
        <thead>
          <tr>
            <th>{t('settings.prefix')}</th>
            <th>{t('settings.serviceId')}</th>
            <NameHeaders t={t} />
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
                  {input(`queue.serviceMinutes.${s.id}`, t('settings.serviceMinutes'), config.queue.serviceMinutes[s.id] ?? '', (v) => setMinutes(s.id, v), 4)}
                  <span className="hint" data-testid={`learned-${s.id}`}>
                    {learned && learned.samples > 0
                      ? t('settings.learned', { minutes: learned.learnedMinutes, samples: Math.round(learned.samples) })
                      : t('settings.notLearned', { minutes: config.queue.defaultServiceMinutes })}
                  </span>
                </td>
                <RemoveCell t={t} onRemove={() => setConfig({ ...config, services: config.services.filter((_, j) => j !== i) })} />
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="hint">{t('settings.serviceMinutesHint')}</p>
    </fieldset>
  );
}

export function CountersTable(props: { editor: SettingsEditor; language: Language }) {
  const { editor, language } = props;
  const { t, config, input, localized, update, setConfig, problems } = editor;
  const serviceName = (id: string): string => config.services.find((s) => s.id === id)?.name[language] ?? id;
  const setCounter = (i: number, change: Partial<StoreConfig['counters'][number]>): StoreConfig => ({
    ...config,
    counters: config.counters.map((x, j) => (j === i ? { ...x, ...change } : x)),
  });
  return (
    <fieldset>
      <legend>{t('manager.counters')}</legend>
      <table className="edit-table" data-testid="counters-table">
        <thead>
          <tr>
            <th>{t('settings.counterId')}</th>
            <NameHeaders t={t} />
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
              <RemoveCell t={t} onRemove={() => setConfig({ ...config, counters: config.counters.filter((_, j) => j !== i) })} />
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
  );
}

export function StagesTable(props: { editor: SettingsEditor }) {
  const { t, config, input } = props.editor;
  return (
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
  );
}
