/**
 * The live public queue for a page: a snapshot on every (re)connect, then pushed events in
 * `seq` order; a gap in `seq` triggers a fresh snapshot instead of patching stale state
 * (STYLE.md practice 4). Runs in any browser; no Node.
 */
import { io, type Socket } from 'socket.io-client';
import {
  applyEvent,
  HubEvent,
  QueueSnapshot,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SyncResult,
} from '../../shared/src/protocol.ts';

export interface LiveQueueState {
  connected: boolean;
  snapshot: QueueSnapshot | null;
  /** The newest event applied since the page loaded, for announcing new calls. */
  lastEvent: HubEvent | null;
}

export class LiveQueue {
  private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  private state: LiveQueueState = { connected: false, snapshot: null, lastEvent: null };
  private readonly listeners = new Set<(state: LiveQueueState) => void>();

  constructor(url?: string) {
    this.socket = url ? io(url, { transports: ['websocket', 'polling'] }) : io({ transports: ['websocket', 'polling'] });
    this.socket.on('connect', () => this.resync());
    this.socket.on('disconnect', () => this.set({ connected: false }));
    this.socket.on('event', (raw) => {
      const parsed = HubEvent.safeParse(raw);
      if (!parsed.success || !this.state.snapshot) return;
      const next = applyEvent(this.state.snapshot, parsed.data);
      if (next === null) return this.resync();
      if (next !== this.state.snapshot) this.set({ snapshot: next, lastEvent: parsed.data });
    });
  }

  get current(): LiveQueueState {
    return this.state;
  }

  subscribe(listener: (state: LiveQueueState) => void): () => void {
    this.listeners.add(listener);
    listener(this.state);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.socket.close();
  }

  private resync(): void {
    this.socket.emit('sync', { lastSeq: this.state.snapshot?.seq ?? 0 }, (result: SyncResult) => {
      if (!result.ok) return;
      const parsed = QueueSnapshot.safeParse(result.snapshot);
      if (parsed.success) this.set({ connected: true, snapshot: parsed.data });
    });
  }

  private set(patch: Partial<LiveQueueState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(this.state);
  }
}
