/** The staff session of a console page: a bearer token kept for this browser tab only. */
import { call, type PreparedCall } from '../../../shared/src/api/client.ts';
import type { AnswerOf, CallInput, Endpoint } from '../../../shared/src/api/endpoint.ts';
import { endpoints } from '../../../shared/src/api/index.ts';

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

export { ApiFailure, newIdempotencyKey, prepare, type PreparedCall } from '../../../shared/src/api/client.ts';

/** Waits before each retry of a request the network lost. */
const RETRY_DELAYS_MS = [300, 1000];

/** How long a page waits for a hub shedding load before showing the `overloaded` sentence. */
const SHED_PATIENCE_MS = 3000;

/**
 * A call to the hub from a page, typed by the shared contract. A POST is one user action: it
 * gets one idempotency key (or the caller's), and a retry after a network failure sends the
 * same key, so the hub applies the action once however many times it arrives.
 */
export function api<E extends Endpoint>(
  endpoint: E,
  input: CallInput<E>,
  options: { token?: string; idempotencyKey?: string; baseUrl?: string } = {},
): Promise<AnswerOf<E>> {
  return call(endpoint, input, { ...options, retryDelaysMs: RETRY_DELAYS_MS, shedPatienceMs: SHED_PATIENCE_MS });
}

/** Sends a call a component prepared (see `prepare`). */
export function send(prepared: PreparedCall, options: { token?: string; idempotencyKey?: string } = {}): Promise<unknown> {
  return api(prepared.endpoint, prepared.input, options);
}

export async function login(pin: string): Promise<StaffSession> {
  return api(endpoints.login, { body: { pin } });
}
