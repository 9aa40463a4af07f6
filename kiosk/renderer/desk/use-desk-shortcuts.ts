/** The desk's keyboard shortcuts for the busy hours, ignored while typing in a field or with a dialog open. */
import { useEffect } from 'react';
import type { Ticket, TicketPathAction } from '../../../shared/src/protocol.ts';
import { allows } from '../../../shared/src/ticket-lifecycle.ts';

export function useDeskShortcuts(options: {
  /** A dialog or a sheet is over the console: its keys are its own. */
  paused: boolean;
  busy: boolean;
  held: Ticket | null;
  callNext: () => Promise<void>;
  act: (ticket: Ticket, action: TicketPathAction) => Promise<unknown>;
}): void {
  const { paused, busy, held, callNext, act } = options;
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const target = e.target as HTMLElement | null;
      if (paused || (target && ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) || e.ctrlKey || e.altKey || e.metaKey) return;
      const key = e.key.toLowerCase();
      if (key === ' ' || key === 'enter') {
        e.preventDefault();
        // A second press while the first call is on its way must not call a second ticket.
        if (!busy) void callNext();
      } else if (held && key === 'r') void act(held, 'recall');
      else if (held && key === 's' && allows('start', held.status)) void act(held, 'start');
      else if (held && key === 'f') void act(held, 'finish');
      else if (held && key === 'n') void act(held, 'no-show');
      else if (held && key === 'p' && allows('park', held.status)) void act(held, 'park');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
}
