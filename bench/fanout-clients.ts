/**
 * Screens of the fan-out bench, in processes of their own so their CPU is their own (the bench
 * starts several: a Node process does its JavaScript on one core, and 500 sockets need more):
 * `tsx bench/fanout-clients.ts '<json options>'`. Opens `displays` public sockets and `desks`
 * staff consoles (snapshot on connect, then each staff event applied incrementally, as the desk
 * page does), prints `{"ready":true}`, then on the stdin line `report <seq>` waits until every
 * socket has seen `seq` (or 15 s) and prints one JSON line: commit-to-receipt latency of every
 * delivery, and when each event reached the last of this process's sockets (the bench merges
 * processes); events missed or out of order; its own CPU.
 * Commit time is the event's `at` (the hub's clock, ms resolution; the same machine's clock).
 */
import { createInterface } from 'node:readline';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents, StaffSnapshot } from '../shared/src/protocol.ts';
import { applyStaffEvent } from '../shared/src/client/staff-state.ts';
import { Histogram } from './histogram.ts';

export interface ClientsOptions {
  url: string;
  displays: number;
  desks: number;
  deskToken: string;
}

export interface ClientsReport {
  sockets: number;
  received: number;
  /** Deliveries that skipped a seq or came out of order. */
  outOfOrder: number;
  /** Events never received by some socket (by the time `seq` was asked for). */
  missing: number;
  deliveries: number[];
  /** Per event: [seq, commit time, when the last of this process's sockets got it] (ms), so processes merge. */
  lastArrivals: [number, number, number][];
  apply: number[];
  snapshots: number;
  cpuSeconds: number;
}

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const options = JSON.parse(process.argv[2]!) as ClientsOptions;
const deliveries = new Histogram();
const apply = new Histogram();
const lastArrival = new Map<number, { committed: number; last: number }>();
const lastSeq: number[] = [];
let received = 0;
let outOfOrder = 0;
let snapshots = 0;

function arrived(index: number, seq: number, at: string): void {
  const now = Date.now();
  const committed = Date.parse(at);
  received += 1;
  deliveries.add(now - committed);
  const seen = lastArrival.get(seq);
  if (seen) seen.last = now;
  else lastArrival.set(seq, { committed, last: now });
  const last = lastSeq[index] ?? 0;
  if (last && seq !== last + 1) outOfOrder += 1;
  if (seq > last) lastSeq[index] = seq;
}

const sockets: ClientSocket[] = [];
for (let i = 0; i < options.displays + options.desks; i++) {
  const desk = i >= options.displays;
  const socket: ClientSocket = io(options.url, {
    transports: ['websocket'],
    auth: desk ? { token: options.deskToken } : { push: process.env.FANOUT_PUSH ?? 'lean' },
  });
  if (!desk) socket.on('events', (batch) => batch.forEach((e) => arrived(i, e.seq, e.at)));
  else {
    let state: StaffSnapshot | null = null;
    const sync = (): void => {
      snapshots += 1;
      socket.emit('staff-sync', {}, (answer) => {
        if (answer.ok) {
          state = answer.snapshot;
          lastSeq[i] = Math.max(lastSeq[i] ?? 0, answer.snapshot.queue.seq);
        }
      });
    };
    socket.on('connect', sync);
    socket.on('staff-event', (e) => {
      arrived(i, e.seq, e.at);
      if (!state) return;
      const started = performance.now();
      const next = applyStaffEvent(state, e);
      apply.add(performance.now() - started);
      if (next) state = next;
      else sync();
    });
  }
  sockets.push(socket);
}
await Promise.all(sockets.map((s) => new Promise((r) => (s.connected ? r(null) : s.once('connect', () => r(null))))));
const cpuBefore = process.cpuUsage();
console.log(JSON.stringify({ ready: true }));

for await (const line of createInterface({ input: process.stdin })) {
  const [command, arg] = line.split(' ');
  if (command !== 'report') continue;
  const seq = Number(arg);
  const deadline = Date.now() + 15_000;
  while (lastSeq.some((s) => s < seq) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const cpu = process.cpuUsage(cpuBefore);
  const report: ClientsReport = {
    sockets: sockets.length,
    received,
    outOfOrder,
    missing: lastSeq.reduce((sum, s) => sum + Math.max(0, seq - s), 0),
    deliveries: deliveries.toJSON(),
    lastArrivals: [...lastArrival].map(([seq, { committed, last }]) => [seq, committed, last]),
    apply: apply.toJSON(),
    snapshots,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
  for (const s of sockets) s.close();
  // The report runs to hundreds of kB (every event's last arrival): exit once it has been written.
  process.stdout.write(`${JSON.stringify(report)}\n`, () => process.exit(0));
}
// The bench closed stdin without asking for a report (it stopped, or died): its screens go too.
process.exit(0);
