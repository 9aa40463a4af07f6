/**
 * The staff tab (admin only): who may sign in, with which role; adding a colleague with a PIN;
 * deactivating with a confirmation that names the consequence, and undoing it (issue #14 item 3).
 */
import { useEffect, useState } from 'react';
import { errorCode, errorText } from '../../../shared/src/error-text.ts';
import type { Translate } from '../../../shared/src/i18n.ts';
import { ConfirmDialog } from '../common/ConfirmDialog.tsx';
import type { StaffSummary } from '../../../shared/src/api/auth.ts';
import { endpoints } from '../../../shared/src/api/index.ts';
import { api, prepare, send, type PreparedCall, type StaffSession } from '../common/session.ts';

type StaffMember = StaffSummary;

const ROLES = ['advisor', 'workshop', 'manager', 'admin'] as const;

export function Staff(props: { t: Translate; session: StaffSession }) {
  const { t, session } = props;
  const [staff, setStaff] = useState<StaffMember[]>([]);
  const [name, setName] = useState('');
  const [role, setRole] = useState<StaffMember['role']>('advisor');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [deactivating, setDeactivating] = useState<StaffMember | null>(null);
  const reload = (): void => {
    api(endpoints.listStaff, {}, { token: session.token })
      .then(setStaff)
      .catch((e: unknown) => setError(errorText(t, e)));
  };
  useEffect(reload, [session.token]);
  const act = (call: PreparedCall, success: string, onFailure?: (err: unknown) => string): void => {
    setError(null);
    setNotice(null);
    send(call, { token: session.token })
      .then(() => setNotice(success))
      .catch((err: unknown) => setError(onFailure?.(err) ?? errorText(t, err)))
      .finally(reload);
  };
  return (
    <section data-testid="staff">
      <form
        className="range-form"
        onSubmit={(e) => {
          e.preventDefault();
          act(prepare(endpoints.createStaff, { body: { name, role, pin } }), t('staff.added', { name }));
          setPin('');
        }}
      >
        <label>
          {t('staff.name')} <input name="staffName" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          {t('staff.role')}
          <select name="staffRole" value={role} onChange={(e) => setRole(e.target.value as StaffMember['role'])}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('staff.pin')}
          <input name="staffPin" type="password" inputMode="numeric" autoComplete="new-password" value={pin} onChange={(e) => setPin(e.target.value)} />
        </label>
        <button type="submit" className="small">
          {t('staff.add')}
        </button>
      </form>
      <p className="muted">{t('staff.pinHint')}</p>
      {error && (
        <p className="message error" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <p className="message ok" role="status">
          {notice}
        </p>
      )}
      {deactivating && (
        <ConfirmDialog
          title={t('confirm.deactivateTitle', { name: deactivating.name })}
          consequence={t('confirm.deactivate')}
          confirmLabel={t('confirm.deactivateAction')}
          cancelLabel={t('confirm.cancel')}
          onCancel={() => setDeactivating(null)}
          onConfirm={() => {
            const member = deactivating;
            setDeactivating(null);
            act(prepare(endpoints.deactivateStaff, { params: { id: member.id }, body: {} }), t('staff.deactivated', { name: member.name }));
          }}
        />
      )}
      <table className="range-table" data-testid="staff-table">
        <thead>
          <tr>
            <th>{t('staff.name')}</th>
            <th>{t('staff.role')}</th>
            <th>{t('staff.status')}</th>
            <th>{t('settings.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {staff.map((s) => (
            <tr key={s.id} className={s.active ? '' : 'resolved'}>
              <td>{s.name}</td>
              <td>{t(`role.${s.role}`)}</td>
              <td>{s.active ? t('staff.active') : t('staff.inactive')}</td>
              <td>
                {s.id === session.staff.id ? (
                  <span className="muted">{t('staff.you')}</span>
                ) : s.active ? (
                  <button className="small secondary" data-action="deactivate" onClick={() => setDeactivating(s)}>
                    {t('staff.deactivate')}
                  </button>
                ) : (
                  <button
                    className="small"
                    data-action="reactivate"
                    onClick={() =>
                      act(prepare(endpoints.reactivateStaff, { params: { id: s.id }, body: {} }), t('staff.reactivated', { name: s.name }), (err) =>
                        errorCode(err) === 'pin_taken' ? t('staff.reactivatePinTaken', { name: s.name }) : errorText(t, err),
                      )
                    }
                  >
                    {t('manager.reinstate')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
