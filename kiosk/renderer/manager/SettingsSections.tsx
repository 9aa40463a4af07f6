/**
 * The plain sections of the manager's settings: the store (with where ticket QR codes lead and
 * shipping to the dealer group), alert limits, and the lounge display's language and ticker.
 */
import { LANGUAGES } from '../../../shared/src/i18n.ts';
import type { StoreConfig } from '../../../shared/src/services.ts';
import type { AnswerOf } from '../../../shared/src/api/endpoint.ts';
import type { endpoints } from '../../../shared/src/api/index.ts';
import { LANGUAGE_NAMES, numberOrText, RemoveCell, type SettingsEditor } from './settings-editor.tsx';

/** Shipping to the dealer group (README "A dealer group") and where ticket QR codes lead. */
export type GroupShipping = NonNullable<AnswerOf<typeof endpoints.health>['group']>;
export type PublicUrl = AnswerOf<typeof endpoints.publicUrlSetting>;

export function StoreSection(props: { editor: SettingsEditor; publicUrl: PublicUrl | null; shipping: GroupShipping | null }) {
  const { editor, publicUrl, shipping } = props;
  const { t, config, field } = editor;
  return (
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
  );
}

/** Alert limits; the bays are typed as one text (spaces kept while typing) and held split. */
export function AlertsSection(props: { editor: SettingsEditor; baysText: string | null; onBaysText: (text: string) => void }) {
  const { editor, baysText, onBaysText } = props;
  const { t, config, field } = editor;
  return (
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
          onBaysText(v);
          return { ...config, preinspectionBays: v.split(/[\s,，、]+/).filter(Boolean) };
        })}
      </div>
    </fieldset>
  );
}

export function DisplaySection(props: { editor: SettingsEditor }) {
  const { t, config, field, localized, update, setConfig } = props.editor;
  return (
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
              <RemoveCell
                t={t}
                onRemove={() => setConfig({ ...config, display: { ...config.display, notices: config.display.notices.filter((_, j) => j !== i) } })}
              />
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
  );
}
