/**
 * The one typed HTTP client of the hub's API, for pages (browser fetch), the station and tests
 * (Node fetch). A call names an endpoint from the shared contract; its path, query, body and
 * answer are typed from that declaration. A command carries one idempotency key per user
 * action, sent again on every retry, so the hub applies it once however often it arrives.
 */
import type { ApiError } from '../protocol.ts';
import { parseRetryAfter, retryWaitMs } from '../retry-after.ts';
import { fillPath, takesIdempotencyKey, type AnswerOf, type CallInput, type Endpoint } from './endpoint.ts';

/** The hub answered with an error status: its stable `error` code is what pages translate. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError,
    /** A hub shedding load says when to ask again (`Retry-After`, in ms). */
    readonly retryAfterMs: number | null = null,
  ) {
    super(body.message);
  }
}

/**
 * 32 random hex digits. `crypto.getRandomValues` works on any page; `crypto.randomUUID` exists
 * only in secure contexts (https or localhost), not at the hub's LAN address over plain http.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface CallOptions {
  /** The hub's origin; omitted on pages, which call their own origin. */
  baseUrl?: string;
  /** A staff session or device token. */
  token?: string | null;
  /** The user action's key; a fresh one when omitted. Reuse it to retry the same action. */
  idempotencyKey?: string;
  signal?: AbortSignal;
  fetch?: typeof fetch;
  /** Waits before each retry of a request the network lost (same key each time). */
  retryDelaysMs?: readonly number[];
  /** A hub shedding load (503 + Retry-After): ask once more after its wait, if the wait is at most this long. */
  shedPatienceMs?: number;
}

/** The URL and fetch options of one call: pure, so any transport can send it. */
export function requestFor<E extends Endpoint>(endpoint: E, input: CallInput<E>, options: CallOptions = {}): { url: string; init: RequestInit } {
  const { params, query, body } = input as { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: Record<string, unknown> };
  let url = fillPath(endpoint.path, params);
  if (query) {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== null) search.set(name, String(value));
    if (search.size > 0) url += `?${search.toString()}`;
  }
  if (options.baseUrl) url = new URL(url, options.baseUrl).toString();
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const init: RequestInit = { method: endpoint.method, headers };
  if (options.signal) init.signal = options.signal;
  if (endpoint.method === 'POST') {
    headers['content-type'] = 'application/json';
    // A key already in the body (a caller that kept its action's key there) is kept, never replaced.
    const key = options.idempotencyKey ?? (typeof body?.idempotencyKey === 'string' ? body.idempotencyKey : newIdempotencyKey());
    const withKey = takesIdempotencyKey(endpoint.body) ? { ...body, idempotencyKey: key } : (body ?? {});
    init.body = JSON.stringify(withKey);
  }
  return { url, init };
}

/** Reads the hub's answer: the typed body, null for the route's empty status, or an ApiFailure. */
export async function answerFrom<E extends Endpoint>(endpoint: E, response: Response): Promise<AnswerOf<E>> {
  const spec = endpoint.response;
  if ('emptyStatus' in spec && response.status === spec.emptyStatus) return null as AnswerOf<E>;
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as ApiError | null;
    throw new ApiFailure(
      response.status,
      body && typeof body.error === 'string' ? body : { error: 'bad_reply', message: `HTTP ${response.status}` },
      parseRetryAfter(response.headers.get('retry-after')),
    );
  }
  if ('file' in spec) return (await response.blob()) as AnswerOf<E>;
  return (await response.json()) as AnswerOf<E>;
}

/** Calls one endpoint; a request lost on the network is retried with the same key. */
export async function call<E extends Endpoint>(endpoint: E, input: CallInput<E>, options: CallOptions = {}): Promise<AnswerOf<E>> {
  // Built once: every retry sends the same key.
  const { url, init } = requestFor(endpoint, input, options);
  const send = options.fetch ?? fetch;
  const delays = options.retryDelaysMs ?? [];
  let waitedForShedding = false;
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await send(url, init);
    } catch (err) {
      const delay = delays[attempt];
      if (delay === undefined || options.signal?.aborted) throw err;
      await new Promise((resolve) => setTimeout(resolve, delay));
      continue;
    }
    // A hub shedding load: one more try with the same key after the wait it asks for, when short.
    const told = waitedForShedding ? null : retryWaitMs(response.status, parseRetryAfter(response.headers.get('retry-after')), options.shedPatienceMs ?? 0);
    if (told !== null) {
      waitedForShedding = true;
      await new Promise((resolve) => setTimeout(resolve, told));
      continue;
    }
    return answerFrom(endpoint, response);
  }
}

/** A call checked against its endpoint when made, sent later by whoever holds the session (a component's action). */
export interface PreparedCall {
  endpoint: Endpoint;
  input: CallInput<Endpoint>;
}

export function prepare<E extends Endpoint>(endpoint: E, input: CallInput<E>): PreparedCall {
  return { endpoint, input: input as CallInput<Endpoint> };
}
