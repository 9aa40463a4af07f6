/**
 * A staff console's live state: the full staff snapshot on every (re)connect and again after
 * each staff event, so the console always shows what the hub committed — never a patch on
 * stale state. Works for any logged-in staff member or desk device token.
 */
import { useEffect, useState } from 'react';
import { io } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents, StaffEvent, StaffSnapshot } from '../../../shared/src/protocol.ts';
import type { Socket } from 'socket.io-client';

/** Window event raised when the hub says this page's token no longer holds. */
export const SESSION_ENDED_EVENT = 'staff-session-ended';

export interface StaffState {
  connected: boolean;
  snapshot: StaffSnapshot | null;
  lastEvent: StaffEvent | null;
  error: string | null;
}

export function useStaffState(token: string | null): StaffState {
  const [state, setState] = useState<StaffState>({ connected: false, snapshot: null, lastEvent: null, error: null });
  useEffect(() => {
    if (!token) return undefined;
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({ transports: ['websocket', 'polling'], auth: { token } });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = (): void => {
      socket.emit('staff-sync', {}, (result) => {
        if (result.ok) setState((s) => ({ ...s, connected: true, snapshot: result.snapshot, error: null }));
        else setState((s) => ({ ...s, error: result.error }));
      });
    };
    socket.on('connect', refresh);
    socket.on('disconnect', () => setState((s) => ({ ...s, connected: false })));
    // The hub ended this token (logout elsewhere, deactivation, expiry): StaffGate signs out.
    socket.on('session-ended', (info) => window.dispatchEvent(new CustomEvent(SESSION_ENDED_EVENT, { detail: info.reason })));
    socket.on('staff-event', (event) => {
      setState((s) => ({ ...s, lastEvent: event }));
      clearTimeout(timer);
      timer = setTimeout(refresh, 60); // a burst of events → one refresh
    });
    return () => {
      clearTimeout(timer);
      socket.close();
    };
  }, [token]);
  return state;
}

/** `mm:ss` since an ISO time, for waiting and stage timers. */
export function elapsed(sinceIso: string, now: number): string {
  const seconds = Math.max(0, Math.floor((now - Date.parse(sinceIso)) / 1000));
  const m = Math.floor(seconds / 60);
  return m >= 60 ? `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}` : `${m}:${String(seconds % 60).padStart(2, '0')}`;
}

/** A ticking clock for timers, once a second. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

/** The tracking token in a scanned ticket QR (`…/t/<token>`), or the text itself. */
export function tokenFromScan(text: string): string | null {
  const match = /\/t\/([0-9a-f]{32})\b/.exec(text) ?? /^([0-9a-f]{32})$/.exec(text.trim());
  return match?.[1] ?? null;
}
