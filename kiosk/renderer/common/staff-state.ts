/**
 * A staff console's live state: the full staff snapshot on every (re)connect, then each staff
 * event applied in `seq` order (shared/src/client/staff-state.ts); a gap, a new day, a settings
 * change or an unknown event asks for a fresh snapshot instead of patching stale state. Works
 * for any logged-in staff member or desk device token.
 */
import { useEffect, useState } from 'react';
import { io } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents, StaffEvent, StaffSnapshot } from '../../../shared/src/protocol.ts';
import { applyStaffEvent } from '../../../shared/src/client/staff-state.ts';
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
    // The state as applied so far, kept here (not read back from React) so events apply in order.
    let current: StaffSnapshot | null = null;
    // While a snapshot is on its way, events are already in it: the hub acks staff-sync on the
    // same connection, after every event committed before the snapshot and before any after it.
    let syncing = false;
    const refresh = (): void => {
      if (syncing) return;
      syncing = true;
      socket.emit('staff-sync', {}, (result) => {
        syncing = false;
        if (result.ok) {
          current = result.snapshot;
          setState((s) => ({ ...s, connected: true, snapshot: result.snapshot, error: null }));
        } else setState((s) => ({ ...s, error: result.error }));
      });
    };
    socket.on('connect', refresh);
    socket.on('disconnect', () => setState((s) => ({ ...s, connected: false })));
    // The hub ended this token (logout elsewhere, deactivation, expiry): StaffGate signs out.
    socket.on('session-ended', (info) => window.dispatchEvent(new CustomEvent(SESSION_ENDED_EVENT, { detail: info.reason })));
    socket.on('staff-event', (event) => {
      setState((s) => ({ ...s, lastEvent: event }));
      if (syncing || !current) return;
      const next = applyStaffEvent(current, event);
      if (!next) return refresh(); // a gap, a new day, new settings or an unknown event
      if (next === current) return;
      current = next;
      setState((s) => ({ ...s, snapshot: next }));
    });
    return () => {
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
