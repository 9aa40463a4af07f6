/** The desk's header: the store, who is logged in, logging out, and whether live updates arrive. */
import type { Language, Translate } from '../../../shared/src/i18n.ts';
import type { PublicStore } from '../../../shared/src/client/hooks.ts';
import type { StaffSession } from '../common/session.ts';

export function DeskHeader(props: {
  t: Translate;
  store: PublicStore;
  language: Language;
  session: StaffSession;
  onLogout: () => void;
  connected: boolean | null;
}) {
  const { t } = props;
  return (
    <header className="desk-header">
      <div>
        <strong>{t('desk.title')}</strong> · {props.store.name[props.language]}
      </div>
      <div className="who">
        <span data-testid="staff-name">{props.session.staff.name}</span>
        <button className="link light" onClick={props.onLogout}>
          {t('desk.logout')}
        </button>
        {props.connected !== null && (
          <span className={`conn ${props.connected ? 'on' : 'off'}`}>{props.connected ? t('display.connected') : t('display.reconnecting')}</span>
        )}
      </div>
    </header>
  );
}
