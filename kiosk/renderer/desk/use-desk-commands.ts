/**
 * How the desk sends its commands to the hub: one at a time (busy), with the outcome as a
 * message, the hub's field problems for the open dialog, and the held ticket's actions. Calling
 * the next ticket while one called here was never started first asks what became of it.
 */
import { useState } from 'react';
import type { Translate } from '../../../shared/src/i18n.ts';
import type { HeldOutcome, Ticket, TicketPathAction } from '../../../shared/src/protocol.ts';
import { errorText, fieldErrors } from '../../../shared/src/error-text.ts';
import { endpoints } from '../../../shared/src/api/index.ts';
import { ApiFailure, prepare, send, type PreparedCall } from '../common/session.ts';

export type DeskMessage = { text: string; tone: 'ok' | 'error' } | null;

export function useDeskCommands(options: { t: Translate; token: string; counterId: string; held: Ticket | null; onExpired: () => void }) {
  const { t, token, counterId, held } = options;
  const [message, setMessage] = useState<DeskMessage>(null);
  const [busy, setBusy] = useState(false);
  /** The ticket called here but never started: the hub needs its outcome before the next call. */
  const [askOutcome, setAskOutcome] = useState(false);
  /** Problems the hub found with a dialog's fields, shown next to each field. */
  const [fieldProblems, setFieldProblems] = useState<Record<string, string>>({});

  const run = async (call: PreparedCall, done?: string): Promise<unknown> => {
    setBusy(true);
    setMessage(null);
    setFieldProblems({});
    try {
      const result = await send(call, { token });
      if (done) setMessage({ text: done, tone: 'ok' });
      return result;
    } catch (err) {
      if (err instanceof ApiFailure && err.status === 401) options.onExpired();
      // Another screen called here meanwhile: ask what became of the ticket instead of guessing.
      if (err instanceof ApiFailure && err.body.error === 'held_not_started') setAskOutcome(true);
      setMessage({ text: errorText(t, err), tone: 'error' });
      setFieldProblems(fieldErrors(t, err));
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  const callNext = async (heldOutcome?: HeldOutcome): Promise<void> => {
    if (!heldOutcome && held?.status === 'called') {
      setAskOutcome(true);
      return;
    }
    setAskOutcome(false);
    const result = await run(prepare(endpoints.callNext, { params: { counterId }, body: heldOutcome ? { heldOutcome } : {} }));
    if (result === null) setMessage({ text: t('desk.nobodyWaiting'), tone: 'ok' });
  };
  const act = (ticket: Ticket, action: TicketPathAction) => run(prepare(endpoints.actOnTicket, { params: { id: ticket.id, action }, body: {} }));

  return { message, setMessage, busy, askOutcome, setAskOutcome, fieldProblems, setFieldProblems, run, callNext, act };
}
