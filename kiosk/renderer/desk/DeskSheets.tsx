/** Sheets over the desk's console: complaint cases (opened here, first contact recorded) and the appointment book (a phone call asking for one). */
import type { Language, Translate } from '../../../shared/src/i18n.ts';
import type { ComplaintCase } from '../../../shared/src/protocol.ts';
import type { PublicStore } from '../../../shared/src/client/hooks.ts';
import { AppointmentBook } from '../common/AppointmentBook.tsx';
import { CasesPanel } from '../common/CasesPanel.tsx';
import type { PreparedCall, StaffSession } from '../common/session.ts';
import type { DeskMessage } from './use-desk-commands.ts';

export function CasesSheet(props: {
  t: Translate;
  message: DeskMessage;
  cases: ComplaintCase[] | undefined;
  timeZone: string;
  staffName: string;
  run: (call: PreparedCall) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t, message } = props;
  return (
    <div className="appt-overlay" role="dialog" aria-label={t('cases.title')}>
      <div className="appt-sheet">
        <div className="console-top">
          <span />
          <button className="link" data-action="close-cases" onClick={props.onClose}>
            {t('appt.close')}
          </button>
        </div>
        {message && (
          <p className={`message ${message.tone}`} role="status">
            {message.text}
          </p>
        )}
        <CasesPanel t={t} cases={props.cases} timeZone={props.timeZone} staffName={props.staffName} onAction={(call) => void props.run(call)} />
      </div>
    </div>
  );
}

export function BookingSheet(props: {
  t: Translate;
  store: PublicStore;
  language: Language;
  session: StaffSession;
  onExpired: () => void;
  onClose: () => void;
}) {
  const { t } = props;
  return (
    <div className="appt-overlay" role="dialog" aria-label={t('appt.title')}>
      <div className="appt-sheet">
        <div className="console-top">
          <h2>{t('appt.title')}</h2>
          <button className="link" data-action="close-appointments" onClick={props.onClose}>
            {t('appt.close')}
          </button>
        </div>
        <AppointmentBook t={t} store={props.store} language={props.language} session={props.session} onExpired={props.onExpired} />
      </div>
    </div>
  );
}
