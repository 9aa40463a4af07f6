/**
 * The store's settings as a manager edits them (issue #14 item 6, #21): every table has headers;
 * services with their letter, name and the minutes the wait estimates use (learned from the
 * store's history, or the manager's own figure); counters and which services each one serves;
 * stage times; alert limits; the lounge display's language and ticker. Problems the hub finds
 * are shown on the very cell they belong to, in the page's language. The sections live in
 * SettingsSections.tsx and SettingsTables.tsx; the inputs they share in settings-editor.tsx.
 */
import { useEffect, useState } from 'react';
import type { Language, Translate } from '../../../shared/src/i18n.ts';
import type { StoreConfig } from '../../../shared/src/services.ts';
import { errorText } from '../../../shared/src/error-text.ts';
import { ConfirmDialog } from '../common/ConfirmDialog.tsx';
import { endpoints } from '../../../shared/src/api/index.ts';
import { api, type StaffSession } from '../common/session.ts';
import { NotifySettings, NotifyTest } from './NotifySettings.tsx';
import { numberOrText, problemsOf, settingsEditor, type Problem } from './settings-editor.tsx';
import { AlertsSection, DisplaySection, StoreSection, type GroupShipping, type PublicUrl } from './SettingsSections.tsx';
import { CountersTable, ServicesTable, StagesTable, type ServiceDuration } from './SettingsTables.tsx';

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
  const editor = settingsEditor({ t, config, problems, setConfig, setProblems });

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
      <StoreSection editor={editor} publicUrl={publicUrl} shipping={shipping} />
      <AlertsSection editor={editor} baysText={baysText} onBaysText={setBaysText} />
      <ServicesTable editor={editor} durations={durations} />
      <CountersTable editor={editor} language={language} />
      <StagesTable editor={editor} />
      <DisplaySection editor={editor} />

      <fieldset>
        <legend>{t('manager.notify')}</legend>
        <NotifySettings t={t} config={config} field={editor.field} num={numberOrText} />
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
