/** The staff session of a console page: a bearer token kept for this browser tab only. */
import type { ApiError } from '../../../shared/src/protocol.ts';

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

/** JSON request to the hub with the session's token and a fresh idempotency key for POSTs. */
export async function api<T>(path: string, init: { method?: 'GET' | 'POST'; body?: unknown; token?: string } = {}): Promise<T | null> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body: string | undefined;
  if (method === 'POST') {
    headers['content-type'] = 'application/json';
    body = JSON.stringify({ idempotencyKey: crypto.randomUUID().replace(/-/g, ''), ...(init.body as object) });
  }
  const response = await fetch(path, { method, headers, body });
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
