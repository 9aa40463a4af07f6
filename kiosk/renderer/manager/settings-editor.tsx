/**
 * What every section of the manager's settings form edits with: the settings being edited, the
 * problems the hub found per field path, and inputs bound to one setting by that path (the path
 * names the input for tests and carries the hub's problem to the very cell it belongs to).
 */
import type { ReactNode } from 'react';
import { LANGUAGES, type Language, type Translate } from '../../../shared/src/i18n.ts';
import type { LocalizedText, StoreConfig } from '../../../shared/src/services.ts';
import { fieldProblem } from '../../../shared/src/error-text.ts';

export const LANGUAGE_NAMES: Record<Language, string> = { 'zh-CN': '简体中文', 'zh-TW': '繁體中文', en: 'English' };

export type Problem = ReturnType<typeof fieldProblem>;

/** Problems per full path (`services.2.prefix`), from an `invalid_settings` answer; each cell words its own with its label. */
export function problemsOf(err: unknown): Record<string, Problem> {
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
export const numberOrText = (v: string): number => (v.trim() === '' || Number.isNaN(Number(v)) ? (v as unknown as number) : Number(v));

export interface SettingsEditor {
  t: Translate;
  config: StoreConfig;
  problems: Record<string, Problem>;
  /** Replaces the settings as they are (a row added or removed). */
  setConfig: (next: StoreConfig) => void;
  /** Replaces the settings after an edit of `path`, whose problem the edit may have fixed. */
  update: (next: StoreConfig, path: string) => void;
  /** An input bound to one setting; `path` names it for the hub's problems and for tests. */
  input: (path: string, label: string, value: string | number, onChange: (v: string) => StoreConfig, size?: number) => ReactNode;
  /** `input` with its label around it. */
  field: (path: string, label: string, value: string | number, onChange: (v: string) => StoreConfig) => ReactNode;
  /** One table cell per language for a text the store shows in every language. */
  localized: (path: string, label: string, value: LocalizedText, onChange: (v: LocalizedText) => StoreConfig) => ReactNode;
}

export function settingsEditor(options: {
  t: Translate;
  config: StoreConfig;
  problems: Record<string, Problem>;
  setConfig: (next: StoreConfig) => void;
  setProblems: (change: (problems: Record<string, Problem>) => Record<string, Problem>) => void;
}): SettingsEditor {
  const { t, config, problems, setConfig, setProblems } = options;
  const update = (next: StoreConfig, path: string): void => {
    setConfig(next);
    setProblems(({ [path]: _fixed, ...rest }) => rest);
  };
  const input: SettingsEditor['input'] = (path, label, value, onChange, size) => (
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
  const field: SettingsEditor['field'] = (path, label, value, onChange) => (
    <label>
      {label}
      {input(path, label, value, onChange)}
    </label>
  );
  const localized: SettingsEditor['localized'] = (path, label, value, onChange) =>
    LANGUAGES.map((lang) => (
      <td key={lang}>{input(`${path}.${lang}`, `${label} ${LANGUAGE_NAMES[lang]}`, value[lang], (v) => onChange({ ...value, [lang]: v }))}</td>
    ));
  return { t, config, problems, setConfig, update, input, field, localized };
}

/** One header per language for a name edited in every language. */
export function NameHeaders({ t }: { t: SettingsEditor['t'] }) {
  return LANGUAGES.map((lang) => (
    <th key={lang}>
      {t('settings.name')}（{LANGUAGE_NAMES[lang]}）
    </th>
  ));
}

export function RemoveCell({ t, onRemove }: { t: SettingsEditor['t']; onRemove: () => void }) {
  return (
    <td>
      <button type="button" className="small secondary" onClick={onRemove}>
        {t('manager.remove')}
      </button>
    </td>
  );
}
