/**
 * Hub capacity: a compressed service day against the real hub process — many lounge displays
 * and desk consoles connected, tickets issued and called as fast as the kiosks and desks can —
 * measuring changes per second, push latency to every display, and the hub's memory over time.
 * The desks behave like the real consoles: a staff snapshot on connect, then every staff event
 * applied to it (shared/src/client/staff-state.ts), a fresh snapshot only when one is asked for.
 */
import { io, type Socket } from 'socket.io-client';
import { percentile } from '../hub/src/domain/day-stats.ts';
import type { ClientToServerEvents, ServerToClientEvents, StaffSnapshot } from '../shared/src/protocol.ts';
import { applyStaffEvent } from '../shared/src/client/staff-state.ts';
import { HubProcess } from '../test/helpers/hub-process.ts';

export async function runHubCapacityBench(options = { displays: 50, desks: 6, cycles: 3000 }): Promise<string[]> {
  const hub = new HubProcess();
  await hub.start();
  const sockets: Socket<ServerToClientEvents, ClientToServerEvents>[] = [];
  try {
    const admin = await hub.login();
    const kiosk = await hub.enrol(admin, 'kiosk');
    const advisor = await hub.staff(admin, 'advisor', '9753');
    const desk = await hub.enrol(admin, 'desk');
    let received = 0;
    let snapshots = 0;
    const applyTimes: number[] = [];
    const arrivals = new Map<number, number[]>();
    for (let i = 0; i < options.displays + options.desks; i++) {
      const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(hub.url, {
        transports: ['websocket'],
        auth: i >= options.displays ? { token: desk } : { push: 'lean' },
      });
      const arrived = (seq: number): void => {
        received += 1;
        (arrivals.get(seq) ?? arrivals.set(seq, []).get(seq)!).push(performance.now());
      };
      if (i < options.displays) socket.on('events', (batch) => batch.forEach((e) => arrived(e.seq)));
      else {
        // A desk console: its state from staff events, as the desk page keeps it.
        let state: StaffSnapshot | null = null;
        const sync = (): void => {
          snapshots += 1;
          socket.emit('staff-sync', {}, (answer) => {
            if (answer.ok) state = answer.snapshot;
          });
        };
        socket.on('connect', sync);
        socket.on('staff-event', (e) => {
          arrived(e.seq);
          if (!state) return;
          const started = performance.now();
          const next = applyStaffEvent(state, e);
          applyTimes.push(performance.now() - started);
          if (next) state = next;
          else sync();
        });
      }
      sockets.push(socket);
    }
    await Promise.all(sockets.map((s) => new Promise((r) => (s.connected ? r(null) : s.once('connect', () => r(null))))));

    const memory: number[] = [hub.rssMb()];
    const sentAt = new Map<number, number>();
    const started = performance.now();
    let n = 0;
    for (let i = 0; i < options.cycles; i++) {
      const before = performance.now();
      const issued = await hub.post('/api/tickets', { service: ['maintenance', 'repair', 'pickup'][i % 3], idempotencyKey: `capacity-${++n}` }, kiosk);
      if (issued.status !== 201) throw new Error(`issue failed: ${issued.status}`);
      const seq = (await hub.get('/api/health')).body.seq as number;
      sentAt.set(seq, before);
      await hub.post(`/api/counters/${(i % 3) + 1}/call-next`, { idempotencyKey: `capacity-${++n}` }, advisor);
      if (i % Math.floor(options.cycles / 4) === 0) memory.push(hub.rssMb());
    }
    const seconds = (performance.now() - started) / 1000;
    memory.push(hub.rssMb());
    const expected = sockets.length * (await hub.get('/api/health')).body.seq;
    const deadline = Date.now() + 20_000;
    while (received < expected * 0.99 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    // Latency: from sending the issue request to the last of all clients receiving its event.
    const latencies = [...sentAt].flatMap(([seq, at]) => {
      const times = arrivals.get(seq) ?? [];
      return times.length === sockets.length ? [Math.max(...times) - at] : [];
    });
    latencies.sort((a, b) => a - b);
    const changes = options.cycles * 2;
    return [
      `hub capacity: ${options.displays} displays + ${options.desks} desks connected; ${changes} changes (≈ ${Math.round(changes / 400)} busy days) in ${seconds.toFixed(1)} s = ${(changes / seconds).toFixed(0)} changes/s sequentially, ${(received / seconds) | 0} pushed events/s`,
      `push latency to all ${sockets.length} clients: median ${percentile(latencies, 50)?.toFixed(1)} ms, p90 ${percentile(latencies, 90)?.toFixed(1)} ms; delivered ${received} of ${expected} events`,
      `hub memory (RSS) over the run: ${memory.map((m) => m.toFixed(0)).join(' → ')} MB`,
      `desk consoles: ${snapshots} staff snapshots in all (one per connect, plus any asked for after a gap); an event applied in median ${percentile(
        applyTimes.sort((a, b) => a - b),
        50,
      )?.toFixed(3)} ms, p99 ${percentile(applyTimes, 99)?.toFixed(3)} ms`,
    ];
  } finally {
    for (const s of sockets) s.close();
    await hub.stop();
  }
}
