/**
 * The providers, each behind one small interface: given a message, deliver it and say whether
 * the provider accepted it. Network I/O lives here and nowhere else in the notify code.
 */
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import type { NotifySettings } from '../../../shared/src/services.ts';

export interface OutgoingMessage {
  id: string;
  type: string;
  createdAt: string;
  phone: string | null;
  ticketNumber: string | null;
  jobId: number | null;
  text: string;
  link: string | null;
  /** Variables for SMS templates. */
  params: Record<string, string>;
}

/** `reason` is the provider's own words (HTTP status, errcode, SMS Code), shown at the desk. */
export type SendResult = { ok: true } | { ok: false; reason: string };

export interface Channel {
  readonly name: 'webhook' | 'wecom' | 'sms';
  send(message: OutgoingMessage): Promise<SendResult>;
}

const TIMEOUT_MS = 10_000;

function networkReason(err: unknown): string {
  const cause = (err as { cause?: { code?: string } }).cause;
  if (cause?.code) return cause.code;
  if (err instanceof Error && err.name === 'TimeoutError') return 'timeout';
  return err instanceof Error ? err.message : String(err);
}

/** `sha256=<hex>` of the exact bytes sent: the receiver recomputes it over the raw body. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** Any store system, DMS or SMS gateway: signed JSON; any 2xx is delivered, anything else is retried with the same id. */
export class WebhookChannel implements Channel {
  readonly name = 'webhook' as const;
  constructor(private readonly target: { url: string; secret: string }) {}

  async send(m: OutgoingMessage): Promise<SendResult> {
    const body = JSON.stringify({
      id: m.id,
      type: m.type,
      createdAt: m.createdAt,
      phone: m.phone,
      ...(m.ticketNumber ? { ticketNumber: m.ticketNumber } : {}),
      ...(m.jobId !== null ? { jobId: m.jobId } : {}),
      text: m.text,
      ...(m.link ? { link: m.link } : {}),
    });
    try {
      const response = await fetch(this.target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-signature': signBody(body, this.target.secret), 'idempotency-key': m.id },
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      await response.arrayBuffer().catch(() => undefined);
      return response.ok ? { ok: true } : { ok: false, reason: `HTTP ${response.status}` };
    } catch (err) {
      return { ok: false, reason: networkReason(err) };
    }
  }
}

/** 企业微信 group robot: `{"msgtype":"text",...}`; the answer's errcode 0 means delivered. */
export class WeComChannel implements Channel {
  readonly name = 'wecom' as const;
  constructor(private readonly target: NonNullable<NotifySettings['wecom']>) {}

  async send(m: OutgoingMessage): Promise<SendResult> {
    const url = new URL(this.target.endpoint);
    url.searchParams.set('key', this.target.key);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ msgtype: 'text', text: { content: m.text } }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (!response.ok) return { ok: false, reason: `HTTP ${response.status}` };
      const answer = (await response.json().catch(() => null)) as { errcode?: number; errmsg?: string } | null;
      if (answer?.errcode === 0) return { ok: true };
      return { ok: false, reason: answer ? `errcode ${answer.errcode ?? '?'}: ${answer.errmsg ?? ''}` : 'unreadable answer' };
    } catch (err) {
      return { ok: false, reason: networkReason(err) };
    }
  }
}

type SmsModule = typeof import('@alicloud/dysmsapi20170525');
type CoreModule = typeof import('@alicloud/openapi-core');
let sdk: { sms: SmsModule; core: CoreModule } | null = null;

/** Loaded on first use: a hub without SMS never pays for the SDK. Through require: it is CommonJS. */
function loadSdk(): { sms: SmsModule; core: CoreModule } {
  if (!sdk) {
    const require = createRequire(import.meta.url);
    sdk = { sms: require('@alicloud/dysmsapi20170525') as SmsModule, core: require('@alicloud/openapi-core') as CoreModule };
  }
  return sdk;
}

/** Aliyun SMS through its official SDK (SendSms); the SDK signs every request (ACS3-HMAC-SHA256). */
export class AliyunSmsChannel implements Channel {
  readonly name = 'sms' as const;
  constructor(private readonly target: NonNullable<NotifySettings['sms']>) {}

  async send(m: OutgoingMessage): Promise<SendResult> {
    if (!m.phone) return { ok: false, reason: 'no phone' };
    const template = this.target.templates[m.type as keyof typeof this.target.templates];
    if (!template) return { ok: false, reason: `no SMS template for ${m.type}` };
    const { sms, core } = loadSdk();
    // `http://host:port` in the endpoint setting is for a local fake; the real one is HTTPS.
    const plain = /^http:\/\//.exec(this.target.endpoint);
    const config = new core.$OpenApiUtil.Config({
      accessKeyId: this.target.accessKeyId,
      accessKeySecret: this.target.accessKeySecret,
      endpoint: this.target.endpoint.replace(/^https?:\/\//, ''),
      protocol: plain ? 'http' : 'https',
      readTimeout: TIMEOUT_MS,
      connectTimeout: TIMEOUT_MS,
    });
    const client = new sms.default(config);
    try {
      const answer = await client.sendSms(
        new sms.SendSmsRequest({
          phoneNumbers: m.phone,
          signName: this.target.signName,
          templateCode: template,
          templateParam: JSON.stringify(m.params),
          outId: m.id,
        }),
      );
      const code = answer.body?.code;
      return code === 'OK' ? { ok: true } : { ok: false, reason: `${code ?? 'no code'}: ${answer.body?.message ?? ''}` };
    } catch (err) {
      const e = err as { code?: string; message?: string; data?: { Code?: string } };
      return { ok: false, reason: e.code ?? e.data?.Code ?? networkReason(err) };
    }
  }
}
