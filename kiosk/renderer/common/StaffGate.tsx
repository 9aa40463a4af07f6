/**
 * What every staff console shows before its own screen: a wait for the store settings, then the
 * PIN login; once logged in, the console with its session and a way to end it.
 */
import { useEffect, useState, type ReactElement } from 'react';
import type { Language, Translate } from '../../../shared/src/i18n.ts';
import { initialLanguage, useStore, useTranslate, type PublicStore } from '../../../shared/src/client/hooks.ts';
import { PinLogin } from './PinLogin.tsx';
import { loadSession, saveSession, type StaffSession } from './session.ts';
import { SESSION_ENDED_EVENT } from './staff-state.ts';

export interface ConsoleProps {
  t: Translate;
  store: PublicStore;
  language: Language;
  session: StaffSession;
  /** Forgets the session (logout, or the hub no longer accepts it). */
  endSession: () => void;
}

export function StaffGate(props: {
  titleKey: 'desk.title' | 'workshop.title' | 'manager.title' | 'arrivals.title';
  children: (console: ConsoleProps) => ReactElement;
}) {
  const store = useStore();
  const [language] = useState(() => initialLanguage());
  const t = useTranslate(language);
  const [session, setSession] = useState<StaffSession | null>(() => loadSession());
  const [signedOut, setSignedOut] = useState(false);
  useEffect(() => {
    const onEnded = (): void => {
      saveSession(null);
      setSession(null);
      setSignedOut(true);
    };
    window.addEventListener(SESSION_ENDED_EVENT, onEnded);
    return () => window.removeEventListener(SESSION_ENDED_EVENT, onEnded);
  }, []);
  if (!store) return <div className="desk loading">…</div>;
  if (!session) {
    return (
      <div className="desk">
        {signedOut && (
          <p className="notice" role="status" data-state="signed-out">
            {t('login.signedOut')}
          </p>
        )}
        <PinLogin
          t={t}
          title={`${t(props.titleKey)} · ${store.name[language]}`}
          onLogin={(s) => {
            setSignedOut(false);
            saveSession(s);
            setSession(s);
          }}
        />
      </div>
    );
  }
  const endSession = (): void => {
    saveSession(null);
    setSession(null);
  };
  return props.children({ t, store, language, session, endSession });
}
