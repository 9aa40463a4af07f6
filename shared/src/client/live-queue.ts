/**
 * The live public queue for a page: on every (re)connect it asks for what it missed since its
 * last `seq` (or a snapshot, which replaces its state), then applies pushed events in order; a
 * gap in `seq` triggers a fresh snapshot instead of patching stale state (STYLE.md practice 4).
 * Runs in any browser, and under Node in tests; no DOM.
 */
import { io, type Socket } from 'socket.io-client';
import { applyEvent, HubEvent, QueueSnapshot, type ClientToServerEvents, type ServerToClientEvents, type SyncResult } from '../protocol.ts';

export interface LiveQueueState {
  connected: boolean;
  snapshot: QueueSnapshot | null;
  /** The newest event applied since the page loaded (announcing takes every event: `onEvent`). */
  lastEvent: HubEvent | null;
  /** How many times the state was replaced by a snapshot (for diagnostics and tests). */
  snapshots: number;
}

export interface LiveQueueOptions {
  /** Staff or device token, for clients that also want staff events. */
  token?: string;
}

export class LiveQueue {
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  private state: LiveQueueState = { connected: false, snapshot: null, lastEvent: null, snapshots: 0 };
  private readonly listeners = new Set<(state: LiveQueueState) => void>();
  private readonly eventListeners = new Set<(event: HubEvent) => void>();
  private syncing = false;

  constructor(url?: string, options: LiveQueueOptions = {}) {
    // `lean`: the hub sends what changed in one frame per push window, the waits once (see ServerToClientEvents).
    const socketOptions = { transports: ['websocket', 'polling'], auth: { push: 'lean', ...(options.token ? { token: options.token } : {}) } };
    this.socket = url ? io(url, socketOptions) : io(socketOptions);
    this.socket.on('connect', () => this.resync(true));
    this.socket.on('disconnect', () => this.set({ connected: false }));
    this.socket.on('events', (raw) => {
      // While a sync is out, its answer holds everything pushed before it (a push held in the
      // hub's window can arrive first, mid-sequence): applying that would look like a gap.
      if (this.syncing) return;
      const parsed = HubEvent.array().safeParse(raw);
      // A batch that does not parse is skipped as a whole; the next one's seq shows the gap.
      if (parsed.success) this.apply(parsed.data);
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

  /**
   * Every event that changed the state, one at a time and in order, after the state took them:
   * also each of a catch-up batch after a reconnect, which the state's `lastEvent` shows only
   * the last of (a lounge must announce every call). A batch cut short by a gap in `seq` is
   * replaced by a snapshot and not handed out.
   */
  onEvent(listener: (event: HubEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  close(): void {
    this.socket.close();
  }

  /** Catches up now, e.g. when a TV wakes from sleep or the network comes back. */
  refresh(): void {
    if (this.socket.connected) this.resync(true);
    else this.socket.connect();
  }

  private apply(events: readonly HubEvent[]): void {
    let snapshot = this.state.snapshot;
    if (!snapshot) return;
    const changed: HubEvent[] = [];
    for (const event of events) {
      const next = applyEvent(snapshot, event);
      if (next === null) return this.resync(false);
      if (next !== snapshot) changed.push(event);
      snapshot = next;
    }
    if (snapshot === this.state.snapshot) return;
    this.set({ snapshot, lastEvent: changed.at(-1) ?? this.state.lastEvent });
    for (const event of changed) {
      for (const listener of this.eventListeners) {
        try {
          listener(event);
        } catch (err) {
          // Reported as uncaught, but the other listeners and the next events still get theirs.
          queueMicrotask(() => {
            throw err;
          });
        }
      }
    }
  }

  /** Asks for missed events when allowed and possible, otherwise a full snapshot. */
  private resync(allowEvents: boolean): void {
    const held = this.state.snapshot;
    const request = allowEvents && held ? { lastSeq: held.seq, hubId: held.hubId } : {};
    this.syncing = true;
    this.socket.emit('sync', request, (result: SyncResult) => {
      this.syncing = false;
      if (!result.ok) return;
      if (result.mode === 'events') {
        this.set({ connected: true });
        return this.apply(result.events.map((e) => HubEvent.parse(e)));
      }
      const parsed = QueueSnapshot.safeParse(result.snapshot);
      if (parsed.success) this.set({ connected: true, snapshot: parsed.data, snapshots: this.state.snapshots + 1 });
    });
  }

  private set(patch: Partial<LiveQueueState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(this.state);
  }
}
