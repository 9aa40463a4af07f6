/** The protocol: Counters. */
import { z } from 'zod';
import { Command } from './building-blocks.ts';

export const CounterState = z.enum(['open', 'paused', 'closed']);
export const CounterStateRequest = z.strictObject({
  state: CounterState,
  reason: z.enum(['break', 'phone', 'test_drive', 'other']).optional(),
  ...Command,
});
export const CounterStatus = z.object({
  counterId: z.string(),
  state: CounterState,
  reason: z.string().nullable(),
  since: z.string(),
  /** The ticket it holds (called or serving), if any. */
  ticketNumber: z.string().nullable(),
  /** Calls the next ticket by itself this many seconds after the advisor finishes. */
  autoCall: z.boolean(),
  graceSeconds: z.number().int(),
  /** When a pending automatic call will happen (cancellable until then). */
  pendingCallAt: z.string().nullable(),
});
export type CounterStatus = z.infer<typeof CounterStatus>;
