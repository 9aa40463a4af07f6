/** The protocol: Client-side state keeping. */
import { HubEvent, QueueSnapshot, RecentCall } from './queue.ts';

export const RECENT_CALLS_KEPT = 10;

const without = (list: readonly string[] | undefined, number: string): string[] => (list ?? []).filter((n) => n !== number);

/**
 * Applies one pushed event to a snapshot. Returns `null` when the event does not follow the
 * snapshot (a gap): the caller must then ask for a fresh snapshot instead of patching.
 */
export function applyEvent(snapshot: QueueSnapshot, event: HubEvent): QueueSnapshot | null {
  if (event.seq <= snapshot.seq) return snapshot;
  if (event.seq !== snapshot.seq + 1) return null;
  const next: QueueSnapshot = { ...snapshot, seq: event.seq };
  switch (event.type) {
    case 'private':
    case 'counter.state':
    case 'settings.updated':
      return next;
    case 'job.created':
    case 'job.updated': {
      const others = snapshot.jobs.filter((j) => j.publicId !== event.job.publicId);
      next.jobs = event.job.stage === 'delivered' ? others : [...others, event.job];
      return next;
    }
    default: {
      const { ticket } = event;
      const waiting: Record<string, string[]> = {};
      for (const [service, list] of Object.entries(snapshot.waiting)) waiting[service] = without(list, ticket.number);
      if (ticket.status === 'waiting') {
        const list = waiting[ticket.service] ?? [];
        // The hub's place for it; an event without one (an older hub) appends.
        list.splice(Math.min(event.position ?? list.length, list.length), 0, ticket.number);
        waiting[ticket.service] = list;
      }
      next.waiting = waiting;
      // A lean frame's earlier events leave them out: the frame's last ticket event has them.
      if (event.waits) next.waits = event.waits;
      if (event.type === 'ticket.called' || event.type === 'ticket.recalled') {
        const call: RecentCall = {
          number: ticket.number,
          service: ticket.service,
          counterId: ticket.counterId ?? '',
          calledAt: ticket.calledAt ?? event.at,
        };
        const rest = snapshot.recentCalls.filter((c) => c.number !== ticket.number);
        next.recentCalls = [call, ...rest].slice(0, RECENT_CALLS_KEPT);
      }
      return next;
    }
  }
}
