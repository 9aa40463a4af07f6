/** The staff session of a console page: a bearer token kept for this browser tab only. */
import type { ApiError } from '../../../shared/src/protocol.ts';
import { parseRetryAfter, retryWaitMs } from '../../../shared/src/retry-after.ts';

const KEY = 'staff.session';

export interface StaffSession {
  token: string;
  staff: { id: number; name: string; role: string };
  expiresAt: string;
}

export function loadSession(): StaffSession | null {
  try {
    const session = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as StaffSession | null;
    return session && Date.parse(session.expiresAt) > Date.now() ? session : null;
  } catch {
    return null;
  }
}

export function saveSession(session: StaffSession | null): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError,
  ) {
    super(body.message);
  }
}

/**
 * 32 random hex digits. `crypto.getRandomValues` works on any page; `crypto.randomUUID` exists
 * only in secure contexts (https or localhost), not at the hub's LAN address over http.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** How long a page waits for a hub shedding load before showing the `overloaded` sentence. */
const SHED_PATIENCE_MS = 3000;

/** Waits before each retry of a request the network lost. */
const RETRY_DELAYS_MS = [300, 1000];

/**
 * JSON request to the hub with the session's token. A POST is one user action: it gets one
 * idempotency key (or the caller's), and a retry after a network failure sends the same key,
 * so the hub applies the action once however many times it arrives.
 */
export async function api<T>(path: string, init: { method?: 'GET' | 'POST'; body?: unknown; token?: string; idempotencyKey?: string } = {}): Promise<T | null> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body: string | undefined;
  if (method === 'POST') {
    headers['content-type'] = 'application/json';
    body = JSON.stringify({ idempotencyKey: init.idempotencyKey ?? newIdempotencyKey(), ...(init.body as object) });
  }
  let response: Response;
  for (let attempt = 0; ; attempt++) {
    try {
      response = await fetch(path, { method, headers, body });
      break;
    } catch (err) {
      const delay = RETRY_DELAYS_MS[attempt];
      if (delay === undefined) throw err;
      await new Promise((r) => setTimeout(r, delay));
    }
  }
  // A hub shedding load (503 + Retry-After): one more try with the same key after the wait it
  // asks for, when that is short; otherwise the page shows the `overloaded` sentence.
  const told = retryWaitMs(response.status, parseRetryAfter(response.headers.get('retry-after')), SHED_PATIENCE_MS);
  if (told !== null) {
    await new Promise((r) => setTimeout(r, told));
    response = await fetch(path, { method, headers, body });
  }
  if (response.status === 204) return null;
  const json: unknown = await response.json().catch(() => ({ error: 'bad_reply', message: `HTTP ${response.status}` }));
  if (!response.ok) throw new ApiFailure(response.status, json as ApiError);
  return json as T;
}

export async function login(pin: string): Promise<StaffSession> {
  const response = await fetch('/api/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pin }) });
  const json: unknown = await response.json();
  if (!response.ok) throw new ApiFailure(response.status, json as ApiError);
  return json as StaffSession;
}
