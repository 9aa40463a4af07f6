/**
 * Sends what the outbox holds: due messages one by one, each only after the policy allows it,
 * marked sent only on the provider's acceptance; a refusal or a silent provider waits its
 * backoff and is tried again with the same id. A hub killed mid-send sends again after its
 * restart (at least once); receivers drop the repeat by id.
 */
import type { Clock } from '../store/context.ts';
import type { MessageRow, OutboxStore } from '../store/outbox.ts';
import { AliyunSmsChannel, WebhookChannel, WeComChannel, type Channel, type OutgoingMessage } from './channels.ts';
import { backoffMs, decide, MAX_AGE_MS, type PolicySettings } from './policy.ts';
import { customerChannel, type Targets } from './targets.ts';

export type ChannelFactory = (targets: Targets, audience: 'customer' | 'staff') => Channel | null;

/** The real providers, from the settings of the moment (a settings change applies to the next send). */
export const providerChannels: ChannelFactory = (targets, audience) => {
  if (audience === 'staff') return targets.wecom ? new WeComChannel(targets.wecom) : null;
  const which = customerChannel(targets);
  if (which === 'webhook') return new WebhookChannel(targets.webhook!);
  if (which === 'sms') return new AliyunSmsChannel(targets.sms!);
  return null;
};

export interface DispatchReport {
  sent: number;
  retried: number;
  held: number;
  failed: number;
}

export class Dispatcher {
  private running: Promise<DispatchReport> | null = null;

  constructor(
    private readonly outbox: OutboxStore,
    private readonly clock: Clock,
    private readonly policy: () => PolicySettings,
    private readonly channels: ChannelFactory = providerChannels,
    private readonly log: (msg: string) => void = () => undefined,
  ) {}

  /** One pass over the due messages; a pass already running is joined, never doubled. */
  run(): Promise<DispatchReport> {
    this.running ??= this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async pass(): Promise<DispatchReport> {
    const report: DispatchReport = { sent: 0, retried: 0, held: 0, failed: 0 };
    // Reminders fall due on the clock, not on a change: the dispatcher's pass is their scheduler.
    this.outbox.queueReminders();
    const targets = this.outbox.targets();
    for (const row of this.outbox.due()) {
      const now = this.clock.now().getTime();
      const decision = decide(
        { type: row.type, audience: row.audience, createdAt: Date.parse(row.created_at) },
        now,
        row.phone ? this.outbox.sentToPhone(row.phone) : [],
        this.policy(),
      );
      if (decision.kind === 'give_up') {
        this.outbox.markFailed(row.id, row.last_error ? `${decision.reason} (last: ${row.last_error})` : decision.reason);
        report.failed += 1;
        continue;
      }
      if (decision.kind === 'wait') {
        this.outbox.retryAt(row.id, new Date(decision.until), decision.reason, false, null);
        report.held += 1;
        continue;
      }
      const channel = this.channels(targets, row.audience);
      if (!channel) {
        // Settings changed after it was queued; it keeps until a channel is back or it expires.
        this.outbox.retryAt(row.id, new Date(now + 10 * 60_000), 'no_channel', false, null);
        report.held += 1;
        continue;
      }
      const result = await channel.send(toOutgoing(row));
      if (result.ok) {
        this.outbox.markSent(row.id, channel.name);
        report.sent += 1;
        continue;
      }
      // The reason goes to the desk; never the phone or the text (they stay in the database).
      this.log(`message ${row.id} (${row.type}) not delivered by ${channel.name}: ${result.reason}`);
      const after = this.clock.now().getTime();
      if (after + backoffMs(row.attempts + 1) - Date.parse(row.created_at) > MAX_AGE_MS[row.type]) {
        this.outbox.markFailed(row.id, result.reason);
        report.failed += 1;
      } else {
        this.outbox.retryAt(row.id, new Date(after + backoffMs(row.attempts + 1)), result.reason, true, channel.name);
        report.retried += 1;
      }
    }
    return report;
  }
}

function toOutgoing(row: MessageRow): OutgoingMessage {
  return {
    id: row.id,
    type: row.type,
    createdAt: row.created_at,
    phone: row.phone,
    ticketNumber: row.ticket_number,
    jobId: row.job_id,
    text: row.text,
    link: row.link,
    params: JSON.parse(row.params) as Record<string, string>,
  };
}
