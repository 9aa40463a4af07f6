/** Where messages go: the store's settings, or NOTIFY_WEBHOOK_URL/NOTIFY_WEBHOOK_SECRET for a quick start. Pure. */
import type { NotifySettings } from '../../../shared/src/services.ts';

export interface NotifyEnv {
  webhookUrl?: string;
  webhookSecret?: string;
}

export interface Targets {
  webhook: { url: string; secret: string } | null;
  sms: NotifySettings['sms'];
  wecom: NotifySettings['wecom'];
}

export function notifyEnvFrom(env: NodeJS.ProcessEnv): NotifyEnv {
  return {
    ...(env.NOTIFY_WEBHOOK_URL ? { webhookUrl: env.NOTIFY_WEBHOOK_URL } : {}),
    ...(env.NOTIFY_WEBHOOK_SECRET ? { webhookSecret: env.NOTIFY_WEBHOOK_SECRET } : {}),
  };
}

/** The settings win; the environment fills in a webhook the settings lack. */
export function resolveTargets(settings: NotifySettings, env: NotifyEnv): Targets {
  const fromEnv = env.webhookUrl && env.webhookSecret ? { url: env.webhookUrl, secret: env.webhookSecret } : null;
  return { webhook: settings.webhook ?? fromEnv, sms: settings.sms, wecom: settings.wecom };
}

/** Customers are reached by the store's webhook when there is one, else by SMS. */
export function customerChannel(targets: Targets): 'webhook' | 'sms' | null {
  return targets.webhook ? 'webhook' : targets.sms ? 'sms' : null;
}
