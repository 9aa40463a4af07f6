/**
 * Local HTTP fakes of the providers, for tests. Each checks what the real one checks — the
 * webhook receiver the HMAC signature over the raw body and the required fields, the WeCom
 * robot its key and message shape, the Aliyun endpoint the ACS3-HMAC-SHA256 signature its
 * SDK computed — and refuses like the real one when a check fails.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

async function rawBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

abstract class FakeServer {
  private server: Server | null = null;
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  protected abstract handle(request: IncomingMessage, body: Buffer, response: ServerResponse): void;

  /** Listens (again on the same port after `stop`, like a provider coming back). */
  async start(): Promise<void> {
    const server = createServer((request, response) => {
      void rawBody(request).then((body) => this.handle(request, body, response));
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
  }

  /** Down: connections are refused until `start`. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export interface WebhookDelivery {
  id: string;
  type: string;
  createdAt: string;
  phone: string;
  ticketNumber?: string;
  jobId?: number;
  text: string;
  link?: string;
}

/** A store system receiving signed messages; it drops repeats by id, as the contract asks receivers to. */
export class FakeWebhookReceiver extends FakeServer {
  /** Every request that passed the checks, repeats included. */
  readonly received: WebhookDelivery[] = [];
  /** Requests refused by a check, with why. */
  readonly refused: string[] = [];
  /** 'ok' answers 200; 'error' answers 503; 'hang' never answers (a provider that went silent). */
  mode: 'ok' | 'error' | 'hang' = 'ok';
  private readonly hanging: ServerResponse[] = [];

  constructor(private readonly secret: string) {
    super();
  }

  /** Distinct ids, in first-seen order: what the store system acted on. */
  get uniqueIds(): string[] {
    return [...new Set(this.received.map((d) => d.id))];
  }

  protected handle(request: IncomingMessage, body: Buffer, response: ServerResponse): void {
    const expected = `sha256=${createHmac('sha256', this.secret).update(body).digest('hex')}`;
    const given = String(request.headers['x-signature'] ?? '');
    if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) {
      this.refused.push('bad signature');
      return json(response, 401, { error: 'bad signature' });
    }
    let message: WebhookDelivery;
    try {
      message = JSON.parse(body.toString('utf8')) as WebhookDelivery;
    } catch {
      this.refused.push('not JSON');
      return json(response, 400, { error: 'not JSON' });
    }
    const missing = (['id', 'type', 'createdAt', 'phone', 'text'] as const).filter((k) => typeof message[k] !== 'string' || !message[k]);
    if (missing.length || !/^[0-9a-f-]{36}$/.test(message.id)) {
      this.refused.push(`missing ${missing.join(', ') || 'uuid id'}`);
      return json(response, 400, { error: 'missing fields' });
    }
    this.received.push(message);
    if (this.mode === 'hang') {
      this.hanging.push(response);
      return;
    }
    if (this.mode === 'error') return json(response, 503, { problem: 'unavailable' });
    json(response, 200, { ok: true });
  }
}

/** 企业微信 group robot: POST ?key=KEY with {"msgtype":"text","text":{"content":"..."}}. */
export class FakeWeComRobot extends FakeServer {
  readonly received: string[] = [];
  down = false;

  constructor(private readonly key: string) {
    super();
  }

  get endpoint(): string {
    return `${this.url}/cgi-bin/webhook/send`;
  }

  protected handle(request: IncomingMessage, body: Buffer, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', this.url);
    if (request.method !== 'POST' || url.pathname !== '/cgi-bin/webhook/send') return json(response, 404, {});
    if (url.searchParams.get('key') !== this.key) return json(response, 200, { errcode: 93000, errmsg: 'invalid webhook url' });
    if (this.down) return json(response, 200, { errcode: -1, errmsg: 'system busy' });
    let message: { msgtype?: string; text?: { content?: unknown } };
    try {
      message = JSON.parse(body.toString('utf8')) as typeof message;
    } catch {
      return json(response, 200, { errcode: 40001, errmsg: 'invalid json' });
    }
    const content = message.text?.content;
    if (message.msgtype !== 'text' || typeof content !== 'string' || !content) return json(response, 200, { errcode: 40008, errmsg: 'invalid message type' });
    if (Buffer.byteLength(content) > 2048) return json(response, 200, { errcode: 45002, errmsg: 'content size out of limit' });
    this.received.push(content);
    json(response, 200, { errcode: 0, errmsg: 'ok' });
  }
}

/** RFC 3986 encoding as Aliyun's canonical query string uses it. */
function percent(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export interface SmsSent {
  phoneNumbers: string;
  signName: string;
  templateCode: string;
  templateParam: Record<string, string>;
  outId: string | null;
}

/** The dysmsapi endpoint: verifies the V3 signature (ACS3-HMAC-SHA256) the SDK computed, then SendSms. */
export class FakeAliyunSms extends FakeServer {
  readonly sent: SmsSent[] = [];
  readonly refused: string[] = [];

  constructor(
    private readonly accessKeyId: string,
    private readonly accessKeySecret: string,
  ) {
    super();
  }

  protected handle(request: IncomingMessage, body: Buffer, response: ServerResponse): void {
    const refuse = (code: string, message: string): void => {
      this.refused.push(code);
      json(response, 400, { Code: code, Message: message, RequestId: 'fake' });
    };
    const h = request.headers;
    const authorization = String(h.authorization ?? '');
    const auth = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(authorization);
    if (!auth) return refuse('MissingAuthorization', 'no ACS3-HMAC-SHA256 authorization');
    if (auth[1] !== this.accessKeyId) return refuse('InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    if (h['x-acs-action'] !== 'SendSms' || h['x-acs-version'] !== '2017-05-25') return refuse('InvalidAction', 'not SendSms 2017-05-25');
    const date = Date.parse(String(h['x-acs-date'] ?? ''));
    if (!Number.isFinite(date) || Math.abs(Date.now() - date) > 15 * 60_000) return refuse('InvalidTimeStamp.Expired', 'x-acs-date too far off');
    const payloadHash = createHash('sha256').update(body).digest('hex');
    if (h['x-acs-content-sha256'] !== payloadHash) return refuse('ContentSHA256NotMatch', 'body hash differs');
    const signed = auth[2]!.split(';');
    for (const required of ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version']) {
      if (!signed.includes(required)) return refuse('IncompleteSignature', `${required} is not signed`);
    }
    const url = new URL(request.url ?? '/', 'http://fake');
    const query = [...url.searchParams.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${percent(k)}=${percent(v)}`)
      .join('&');
    const headers = signed.map((name) => `${name}:${String(h[name] ?? '').trim()}\n`).join('');
    const canonical = [request.method, url.pathname, query, headers, auth[2], payloadHash].join('\n');
    const toSign = `ACS3-HMAC-SHA256\n${createHash('sha256').update(canonical).digest('hex')}`;
    const expected = createHmac('sha256', this.accessKeySecret).update(toSign).digest('hex');
    if (expected !== auth[3]) return refuse('SignatureDoesNotMatch', 'Specified signature is not matched with our calculation.');
    const p = url.searchParams;
    for (const field of ['PhoneNumbers', 'SignName', 'TemplateCode']) {
      if (!p.get(field)) return refuse('MissingParameter', `${field} is mandatory`);
    }
    this.sent.push({
      phoneNumbers: p.get('PhoneNumbers')!,
      signName: p.get('SignName')!,
      templateCode: p.get('TemplateCode')!,
      templateParam: JSON.parse(p.get('TemplateParam') ?? '{}') as Record<string, string>,
      outId: p.get('OutId'),
    });
    json(response, 200, { Code: 'OK', Message: 'OK', BizId: `biz-${this.sent.length}`, RequestId: 'fake' });
  }
}
