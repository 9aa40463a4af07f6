/**
 * Provider credentials are settings, shown only masked: `GET /api/settings` gives `••••••••` and
 * the last four characters, and the manager page sends that mask back unchanged when the secret
 * was not edited, which keeps the stored one. Pure.
 */
import { createHash } from 'node:crypto';
import type { StoreConfig } from '../../../shared/src/services.ts';

export const SECRET_MASK = '••••••••';

export function maskSecret(secret: string): string {
  return secret.length > 12 ? `${SECRET_MASK}${secret.slice(-4)}` : SECRET_MASK;
}

type Notify = StoreConfig['notify'];

function mapSecrets(notify: Notify, f: (secret: string) => string): Notify {
  return {
    ...notify,
    webhook: notify.webhook ? { ...notify.webhook, secret: f(notify.webhook.secret) } : null,
    wecom: notify.wecom ? { ...notify.wecom, key: f(notify.wecom.key) } : null,
    sms: notify.sms ? { ...notify.sms, accessKeySecret: f(notify.sms.accessKeySecret) } : null,
  };
}

/** The settings as a page, the audit log or an idempotency reply may hold them. */
export function maskSecrets(config: StoreConfig): StoreConfig {
  return { ...config, notify: mapSecrets(config.notify, maskSecret) };
}

/** For the audit log and the idempotency hash: masked, plus a fingerprint so a changed secret is a different request. */
export function redactedSettings(config: StoreConfig): StoreConfig & { secretsFingerprint: string } {
  const secrets: string[] = [];
  mapSecrets(config.notify, (s) => (secrets.push(s), s));
  return { ...maskSecrets(config), secretsFingerprint: createHash('sha256').update(secrets.join('\n')).digest('hex').slice(0, 16) };
}

/** A masked value sent back stands for the secret already stored (the same provider field). */
export function restoreSecrets(input: unknown, current: StoreConfig): unknown {
  if (!input || typeof input !== 'object' || !('notify' in input)) return input;
  const notify = (input as { notify: unknown }).notify;
  if (!notify || typeof notify !== 'object') return input;
  const n = { ...(notify as Record<string, unknown>) };
  const keep = (field: 'webhook' | 'wecom' | 'sms', key: string, stored: string | undefined): void => {
    const section = n[field];
    if (!section || typeof section !== 'object') return;
    const given = (section as Record<string, unknown>)[key];
    if (typeof given === 'string' && given.startsWith(SECRET_MASK) && stored !== undefined && given === maskSecret(stored)) {
      n[field] = { ...section, [key]: stored };
    }
  };
  keep('webhook', 'secret', current.notify.webhook?.secret);
  keep('wecom', 'key', current.notify.wecom?.key);
  keep('sms', 'accessKeySecret', current.notify.sms?.accessKeySecret);
  return { ...(input as Record<string, unknown>), notify: n };
}
