/** The manager's devices tab: pairing codes, and revoking with a confirmation that can be undone (issue #14 item 3). */
import { useEffect, useState } from 'react';
import { errorText } from '../../../shared/src/error-text.ts';
import { isMessageKey, type Translate } from '../../../shared/src/i18n.ts';
import { ConfirmDialog } from '../common/ConfirmDialog.tsx';
import { initialLanguage } from '../../../shared/src/client/hooks.ts';
import type { DeviceSummary } from '../../../shared/src/api/auth.ts';
import { endpoints } from '../../../shared/src/api/index.ts';
import type { DeviceRole } from '../../../shared/src/protocol.ts';
import { api, prepare, send, type PreparedCall, type StaffSession } from '../common/session.ts';

type Device = DeviceSummary;

export function Devices(props: { t: Translate; session: StaffSession }) {
  const { t, session } = props;
  const [devices, setDevices] = useState<Device[]>([]);
  const [name, setName] = useState('');
  const [role, setRole] = useState<DeviceRole>('kiosk');
  const [code, setCode] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<Device | null>(null);
  const post = (call: PreparedCall, then: () => void): void => {
    setError(null);
    setNotice(null);
    send(call, { token: session.token })
      .then(then)
      .catch((err: unknown) => setError(errorText(t, err)))
      .finally(reload);
  };
  const reload = (): void => {
    api(endpoints.listDevices, {}, { token: session.token })
      .then(setDevices)
      .catch((e: unknown) => setError(errorText(t, e)));
  };
  useEffect(reload, [session.token]);
  return (
    <section>
      <form
        className="range-form"
        onSubmit={(e) => {
          e.preventDefault();
          api(endpoints.createPairingCode, { body: { name, role } }, { token: session.token })
            .then((r) => setCode(r.code))
            .catch((err: unknown) => setError(errorText(t, err)));
        }}
      >
        <label>
          {t('manager.pairName')} <input name="deviceName" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          {t('manager.pairRole')}
          <select name="role" value={role} onChange={(e) => setRole(e.target.value as DeviceRole)}>
            {(['kiosk', 'desk', 'display', 'integration'] as const).map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="small">
          {t('manager.pair')}
        </button>
      </form>
      {code && (
        <p className="pair-code" data-testid="pair-code">
          {t('manager.pairCode', { code })}
        </p>
      )}
      {error && <p className="message error">{error}</p>}
      {notice && <p className="message ok">{notice}</p>}
      {revoking && (
        <ConfirmDialog
          title={t('confirm.revokeTitle', { name: revoking.name === 'embedded kiosk' ? t('device.embeddedKiosk') : revoking.name })}
          consequence={revoking.role === 'kiosk' ? t('confirm.revokeKiosk') : t('confirm.revokeOther')}
          confirmLabel={t('confirm.revoke')}
          cancelLabel={t('confirm.cancel')}
          onCancel={() => setRevoking(null)}
          onConfirm={() => {
            const device = revoking;
            setRevoking(null);
            post(prepare(endpoints.revokeDevice, { params: { id: device.id }, body: {} }), () => undefined);
          }}
        />
      )}
      <table className="range-table" data-testid="devices-table">
        <tbody>
          {devices.map((d) => (
            <tr key={d.id}>
              <td>{d.name === 'embedded kiosk' ? t('device.embeddedKiosk') : d.name}</td>
              <td>{isMessageKey(`role.${d.role}`) ? t(`role.${d.role}` as 'role.kiosk') : d.role}</td>
              <td className="muted">
                {t('manager.lastSeen')} {d.lastSeenAt ? new Date(d.lastSeenAt).toLocaleString(initialLanguage()) : '—'}
              </td>
              <td>
                {d.revokedAt ? (
                  <>
                    {t('manager.revoked')}{' '}
                    <button
                      className="small"
                      data-action="reinstate"
                      onClick={() =>
                        post(prepare(endpoints.reinstateDevice, { params: { id: d.id }, body: {} }), () =>
                          setNotice(t('manager.reinstated', { name: d.name === 'embedded kiosk' ? t('device.embeddedKiosk') : d.name })),
                        )
                      }
                    >
                      {t('manager.reinstate')}
                    </button>
                  </>
                ) : (
                  <button className="small secondary" data-action="revoke" onClick={() => setRevoking(d)}>
                    {t('manager.revoke')}
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
