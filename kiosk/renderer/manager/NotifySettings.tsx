/**
 * The message channels in the manager's settings (issue #15): the customer webhook, the WeCom
 * robot, quiet hours and the per-phone limit, and a test message that says whether it went.
 * Aliyun SMS (key, secret, sign name, one approved template per message type) and the near
 * notice. Secrets arrive masked; left as they are, the hub keeps the stored ones.
 */
import { Fragment, useState } from 'react';
import type { Translate } from '../../../shared/src/i18n.ts';
import { messageStatusText } from '../../../shared/src/message-status.ts';
import { SMS_MESSAGE_TYPES, type StoreConfig } from '../../../shared/src/services.ts';
import { errorText } from '../../../shared/src/error-text.ts';
import { endpoints } from '../../../shared/src/api/index.ts';
import { api, type StaffSession } from '../common/session.ts';

/** SettingsForm's field: an input bound to one setting by its path, returning the settings it makes. */
type Field = (path: string, label: string, value: string | number, onChange: (v: string) => StoreConfig) => React.ReactNode;

export function NotifySettings(props: { t: Translate; config: StoreConfig; field: Field; num: (v: string) => number }) {
  const { t, config, field, num } = props;
  const n = config.notify;
  const set = (notify: Partial<StoreConfig['notify']>): StoreConfig => ({ ...config, notify: { ...n, ...notify } });
  const webhook = (patch: { url?: string; secret?: string }): StoreConfig => {
    const next = { url: n.webhook?.url ?? '', secret: n.webhook?.secret ?? '', ...patch };
    return set({ webhook: next.url || next.secret ? next : null });
  };
  type Sms = NonNullable<StoreConfig['notify']['sms']>;
  /** Any SMS field typed makes the whole setting, so the hub names each one still missing; all empty: no SMS. */
  const sms = (patch: Partial<Sms>): StoreConfig => {
    const next: Sms = {
      accessKeyId: n.sms?.accessKeyId ?? '',
      accessKeySecret: n.sms?.accessKeySecret ?? '',
      signName: n.sms?.signName ?? '',
      templates: n.sms?.templates ?? {},
      endpoint: n.sms?.endpoint ?? 'dysmsapi.aliyuncs.com',
      ...patch,
    };
    const empty = !next.accessKeyId && !next.accessKeySecret && !next.signName && Object.keys(next.templates).length === 0;
    return set({ sms: empty ? null : next });
  };
  const template = (type: (typeof SMS_MESSAGE_TYPES)[number], code: string): StoreConfig => {
    const { [type]: _old, ...rest } = n.sms?.templates ?? {};
    return sms({ templates: code.trim() ? { ...rest, [type]: code.trim() } : rest });
  };
  const wecom = (key: string): StoreConfig =>
    set({ wecom: key ? { key, endpoint: n.wecom?.endpoint ?? 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send' } : null });
  return (
    <>
      <div className="settings-grid" data-testid="notify-settings">
        {field('notify.webhook.url', t('manager.notify.webhookUrl'), n.webhook?.url ?? '', (v) => webhook({ url: v }))}
        {field('notify.webhook.secret', t('manager.notify.webhookSecret'), n.webhook?.secret ?? '', (v) => webhook({ secret: v }))}
        {field('notify.wecom.key', t('manager.notify.wecomKey'), n.wecom?.key ?? '', wecom)}
        {field('notify.quietHours.start', t('manager.notify.quietStart'), n.quietHours.start, (v) => set({ quietHours: { ...n.quietHours, start: v } }))}
        {field('notify.quietHours.end', t('manager.notify.quietEnd'), n.quietHours.end, (v) => set({ quietHours: { ...n.quietHours, end: v } }))}
        {field('notify.closingTime', t('manager.notify.closingTime'), n.closingTime, (v) => set({ closingTime: v }))}
        {field('notify.maxPerPhonePerHour', t('manager.notify.maxPerHour'), n.maxPerPhonePerHour, (v) => set({ maxPerPhonePerHour: num(v) }))}
        {field('notify.nearAhead', t('manager.notify.nearAhead'), n.nearAhead, (v) => set({ nearAhead: num(v) }))}
      </div>
      <h4>{t('manager.notify.sms')}</h4>
      <div className="settings-grid" data-testid="sms-settings">
        {field('notify.sms.accessKeyId', t('manager.notify.smsKeyId'), n.sms?.accessKeyId ?? '', (v) => sms({ accessKeyId: v.trim() }))}
        {field('notify.sms.accessKeySecret', t('manager.notify.smsKeySecret'), n.sms?.accessKeySecret ?? '', (v) => sms({ accessKeySecret: v.trim() }))}
        {field('notify.sms.signName', t('manager.notify.smsSignName'), n.sms?.signName ?? '', (v) => sms({ signName: v.trim() }))}
        {field('notify.sms.endpoint', t('manager.notify.smsEndpoint'), n.sms?.endpoint ?? 'dysmsapi.aliyuncs.com', (v) => sms({ endpoint: v.trim() }))}
        {SMS_MESSAGE_TYPES.map((type) => (
          <Fragment key={type}>
            {field(`notify.sms.templates.${type}`, t('manager.notify.smsTemplate', { type: t(`messages.type.${type}`) }), n.sms?.templates[type] ?? '', (v) =>
              template(type, v),
            )}
          </Fragment>
        ))}
      </div>
    </>
  );
}

/** Sends a test message through the saved settings and follows it until it went or failed. */
export function NotifyTest(props: { t: Translate; session: StaffSession; timeZone: string }) {
  const { t, session } = props;
  const [phone, setPhone] = useState('');
  const [status, setStatus] = useState<{ text: string; tone: 'ok' | 'error' | '' } | null>(null);
  const test = async (body: { audience: 'customer'; phone: string } | { audience: 'staff' }): Promise<void> => {
    setStatus({ text: t('manager.notify.testQueued'), tone: '' });
    try {
      const queued = await api(endpoints.testNotify, { body }, { token: session.token });
      for (let i = 0; i < 30; i++) {
        await new Promise((r) => setTimeout(r, 1000));
        const m = await api(endpoints.getMessage, { params: { id: queued.id } }, { token: session.token });
        if (m.status !== 'queued' || m.lastError) {
          setStatus({ text: messageStatusText(t, m, props.timeZone), tone: m.status === 'sent' ? 'ok' : 'error' });
          if (m.status !== 'queued') return;
        }
      }
    } catch (err) {
      setStatus({ text: errorText(t, err), tone: 'error' });
    }
  };
  return (
    <div className="notify-test-row" data-testid="notify-test">
      <label>
        {t('manager.notify.testPhone')}
        <input name="testPhone" value={phone} inputMode="tel" onChange={(e) => setPhone(e.target.value)} />
      </label>
      <button type="button" className="small secondary" data-action="test-customer" onClick={() => void test({ audience: 'customer', phone: phone.trim() })}>
        {t('manager.notify.testCustomer')}
      </button>
      <button type="button" className="small secondary" data-action="test-staff" onClick={() => void test({ audience: 'staff' })}>
        {t('manager.notify.testStaff')}
      </button>
      {status && (
        <span className={`message ${status.tone}`} role="status" data-testid="notify-test-status">
          {status.text}
        </span>
      )}
    </div>
  );
}
