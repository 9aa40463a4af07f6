/**
 * The message outbox (issue #15): messages are derived from events inside the transaction of
 * the change that causes them, so a committed change always has its message and a rolled-back
 * one never does. Each message has a uuid `id` that receivers use to drop repeats, and a
 * `dedupe_key` naming its cause, so one cause queues one message however often it recurs.
 * This file decides which messages an event causes and words them; the table and the
 * dispatcher's side of it are in message-queue.ts, who may be messaged in message-consent.ts.
 */
import type { Language } from '../../../shared/src/i18n.ts';
import type { Alert, Appointment, StaffEvent } from '../../../shared/src/protocol.ts';
import { localClock, localDateTime } from '../../../shared/src/time.ts';
import type { Actor } from '../auth.ts';
import type { CustomerMessageType } from '../notify/policy.ts';
import { customerChannel, resolveTargets, type NotifyEnv, type Targets } from '../notify/targets.ts';
import { customerText, staffAlertText, templateParams, type CustomerFacts } from '../notify/texts.ts';
import type { CommandSpec, Outcome, StoreContext } from './context.ts';
import { consentedJobPhone, consentedTicket } from './message-consent.ts';
import { MessageQueue, toStatusView, type MessageRow, type MessageStatusView, type NewMessage } from './message-queue.ts';

export { toStatusView, type MessageRow, type MessageStatus, type MessageStatusView } from './message-queue.ts';

/** Alerts worth a phone buzz for the service manager (seeds: 报告服务经理). */
const STAFF_ALERT_KINDS = new Set(['preinspection_congestion', 'preinspection_dwell', 'printer_fault', 'complaint_overdue']);

export class OutboxStore {
  /** NOTIFY_WEBHOOK_URL / NOTIFY_WEBHOOK_SECRET, when the hub was started with them. */
  env: NotifyEnv = {};
  /** Base of links in texts (PUBLIC_URL or the LAN address); links stay relative without one. */
  publicUrl: string | null = null;
  /** Where reminders come from (the hub's appointments); none in a bare outbox. */
  appointments: { dueReminders(): Appointment[]; markReminded(id: number): void } | null = null;
  /** People ahead of each waiting ticket (the hub's queue), for the near notice. */
  queue: { aheadOfWaiting(): Map<number, number> } | null = null;
  private readonly messages: MessageQueue;

  constructor(
    private readonly ctx: StoreContext,
    private readonly log: (msg: string, err: unknown) => void = (msg, err) => console.error(msg, err),
  ) {
    this.messages = new MessageQueue(ctx);
    ctx.onEvent((event, spec) => {
      // A fault here loses this message (logged), never the ticket or stage move that caused
      // it: deriving only reads, and the one INSERT is atomic on its own (SQLite statements are).
      try {
        this.derive(event, spec);
      } catch (err) {
        this.log(`message for ${event.type} not queued`, err);
      }
    });
  }

  private get db() {
    return this.ctx.db;
  }

  targets(): Targets {
    return resolveTargets(this.ctx.config.notify, this.env);
  }

  private get language(): Language {
    return this.ctx.config.notify.language;
  }

  /** The store's name in a language (the customer's, else the store's). */
  private storeName(language: Language = this.language): string {
    return this.ctx.config.name[language];
  }

  private link(path: string): string {
    return this.publicUrl ? new URL(path, this.publicUrl).toString() : path;
  }

  /** Inside the command's transaction: the messages this event causes, if anyone may get them. */
  private derive(event: StaffEvent, spec: CommandSpec): void {
    const targets = this.targets();
    const customers = customerChannel(targets) !== null;
    // Any change to the queue but a new ticket can bring a waiting number near the head.
    if (customers && event.type.startsWith('ticket.') && event.type !== 'ticket.issued') this.queueNear();
    switch (event.type) {
      case 'ticket.called': {
        if (!customers) return;
        const t = this.consentedTicket(event.ticket.id);
        if (!t) return;
        const counter = this.ctx.config.counters.find((c) => c.id === event.ticket.counterId)?.name[t.language] ?? event.ticket.counterId;
        this.queueCustomer(
          `ticket:${t.id}:called`,
          'ticket.called',
          t.phone,
          { ticketId: t.id, ticketNumber: t.number },
          {
            store: this.storeName(t.language),
            plate: t.plate,
            ticketNumber: t.number,
            counter,
          },
          t.language,
        );
        return;
      }
      case 'ticket.issued': {
        if (!targets.wecom || event.ticket.ticketClass !== 'priority') return;
        const text = staffAlertText(this.ctx.config.name['zh-CN'], 'complaint', { number: event.ticket.number });
        if (text) this.insert({ dedupeKey: `ticket:${event.ticket.id}:complaint`, type: 'staff.alert', audience: 'staff', phone: null, text });
        return;
      }
      case 'alert.raised':
        if (targets.wecom) this.queueAlert(event.alert);
        return;
      case 'job.created':
      case 'job.updated': {
        if (!customers) return;
        const job = event.job;
        let type: CustomerMessageType | null = null;
        let key = '';
        if (spec.action === 'job.additional-work') {
          // One request for an answer per flagging: the event's seq names it.
          type = 'job.approval-needed';
          key = `job:${job.id}:approval:${event.seq}`;
        } else if (spec.action === 'job.move' && (job.stage === 'ready' || job.stage === 'delivered')) {
          type = job.stage === 'ready' ? 'job.ready' : 'job.delivered';
          key = `job:${job.id}:${job.stage}`;
        }
        if (!type) return;
        const reached = this.consentedJobPhone(job.id);
        if (!reached) return;
        const { phone, language } = reached;
        const link =
          type === 'job.approval-needed'
            ? this.link(`/t/${job.trackingToken}`)
            : type === 'job.delivered'
              ? (this.ctx.config.notify.surveyUrl?.replace('{token}', job.trackingToken) ?? this.link(`/t/${job.trackingToken}`))
              : null;
        this.queueCustomer(key, type, phone, { jobId: job.id }, { store: this.storeName(language), plate: job.plate, link }, language);
        return;
      }
      case 'appointment.booked':
      case 'appointment.updated': {
        if (!customers) return;
        const a = event.appointment;
        // Booked, or moved to another slot: the customer gets the (new) time and the code.
        if (event.type === 'appointment.updated' && spec.action !== 'appointment.move') return;
        if (a.status !== 'booked' || !a.phone || !a.notifyConsentAt) return;
        const key = event.type === 'appointment.booked' ? `appointment:${a.id}:confirmed` : `appointment:${a.id}:moved:${event.seq}`;
        this.queueAppointment(key, 'appointment.confirmed', a);
        return;
      }
      default:
        return;
    }
  }

  /**
   * One `ticket.near` per consented waiting ticket once `notify.nearAhead` or fewer are ahead,
   * unless it was that near when issued; the dedupe key makes it once however often this runs.
   */
  private queueNear(): void {
    const limit = this.ctx.config.notify.nearAhead;
    if (!limit || !this.queue) return;
    const candidates = this.db
      .prepare(
        `SELECT t.id, t.number, t.plate, t.phone, t.language, t.ahead_at_issue FROM tickets t
         WHERE t.status = 'waiting' AND t.business_day = ? AND t.phone IS NOT NULL AND t.notify_consent_at IS NOT NULL
           AND (t.ahead_at_issue IS NULL OR t.ahead_at_issue > ?)
           AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.dedupe_key = 'ticket:' || t.id || ':near')`,
      )
      .all(this.ctx.businessDay(), limit) as { id: number; number: string; plate: string | null; phone: string; language: Language | null }[];
    if (!candidates.length) return;
    const ahead = this.queue.aheadOfWaiting();
    for (const t of candidates) {
      const n = ahead.get(t.id);
      if (n === undefined || n > limit) continue;
      const language = t.language ?? this.language;
      this.queueCustomer(
        `ticket:${t.id}:near`,
        'ticket.near',
        t.phone,
        { ticketId: t.id, ticketNumber: t.number },
        { store: this.storeName(language), plate: t.plate, ticketNumber: t.number, ahead: n },
        language,
      );
    }
  }

  /**
   * Queues the reminders now due (the dispatcher calls this before each pass, on its clock) and
   * marks them reminded in the same transaction: one reminder per appointment and slot, however
   * often this runs or the hub restarts. Only appointments whose customer agreed are due.
   */
  queueReminders(): number {
    const appointments = this.appointments;
    if (!appointments || customerChannel(this.targets()) === null) return 0;
    return this.db.transaction(() => {
      const due = appointments.dueReminders();
      for (const a of due) {
        this.queueAppointment(`appointment:${a.id}:reminder:${a.scheduledAt}`, 'appointment.reminder', a);
        appointments.markReminded(a.id);
      }
      return due.length;
    })();
  }

  private queueAppointment(dedupeKey: string, type: 'appointment.confirmed' | 'appointment.reminder', a: Appointment): void {
    if (!a.phone) return;
    const language = a.language ?? this.language;
    const at = new Date(a.scheduledAt);
    const local = localDateTime(at, this.ctx.config.timeZone);
    const service = this.ctx.config.services.find((s) => s.id === a.service)?.name[language] ?? a.service;
    this.queueCustomer(
      dedupeKey,
      type,
      a.phone,
      { appointmentId: a.id },
      {
        store: this.storeName(language),
        plate: a.plate,
        slot: { month: local.month, day: local.day, clock: localClock(at, this.ctx.config.timeZone) },
        service,
        code: a.code,
      },
      language,
    );
  }

  private queueCustomer(
    dedupeKey: string,
    type: CustomerMessageType,
    phone: string,
    refs: { ticketId?: number; jobId?: number; appointmentId?: number; ticketNumber?: string },
    facts: CustomerFacts,
    language: Language = this.language,
  ): void {
    this.insert({
      dedupeKey,
      type,
      audience: 'customer',
      phone,
      ...refs,
      text: customerText(type, language, facts),
      link: facts.link ?? null,
      params: templateParams(facts),
    });
  }

  private queueAlert(alert: Alert): void {
    if (!STAFF_ALERT_KINDS.has(alert.kind)) return;
    const text = staffAlertText(this.ctx.config.name['zh-CN'], alert.kind, alert.subject);
    if (text) this.insert({ dedupeKey: `alert:${alert.id}`, type: 'staff.alert', audience: 'staff', phone: null, text });
  }

  private insert(m: NewMessage): void {
    this.messages.insert(m);
  }

  private consentedTicket(ticketId: number) {
    return consentedTicket(this.db, ticketId, this.language);
  }

  private consentedJobPhone(jobId: number) {
    return consentedJobPhone(this.db, jobId, this.language);
  }

  /** A manager's test message: to a phone through the customer channel, or to the WeCom group. */
  queueTest(target: { audience: 'customer'; phone: string } | { audience: 'staff' }, idempotencyKey: string, actor: Actor): Outcome<{ id: string }> {
    return this.ctx.command({ action: 'notify.test', actor, idempotencyKey, request: { audience: target.audience } }, () => {
      const store = this.storeName();
      const text =
        target.audience === 'customer'
          ? `【${store}】这是一条测试消息，说明通知已配置好。`
          : `【${this.ctx.config.name['zh-CN']}】企业微信提醒测试：配置成功。`;
      const id = this.messages.insertTest(target, text);
      return { id };
    });
  }

  // ─── The dispatcher's side (message-queue.ts) ───────────────────────────────────────

  due(limit = 20): MessageRow[] {
    return this.messages.due(limit);
  }

  /** When messages to this phone went out in the last hour (rate limit). */
  sentToPhone(phone: string): number[] {
    return this.messages.sentToPhone(phone);
  }

  /** Only after the provider answered 2xx (or errcode 0): a message is never marked sent on hope. */
  markSent(id: string, channel: string): void {
    this.messages.markSent(id, channel);
  }

  /** Tried and refused (attempt counted), or held by policy (not counted); tried again at `at`. */
  retryAt(id: string, at: Date, reason: string, attempted: boolean, channel: string | null): void {
    this.messages.retryAt(id, at, reason, attempted, channel);
  }

  markFailed(id: string, reason: string): void {
    this.messages.markFailed(id, reason);
  }

  statusOf(row: MessageRow): MessageStatusView {
    return toStatusView(row);
  }

  get(id: string): MessageRow | null {
    return this.messages.get(id);
  }

  /** Messages about a job (and the ticket it came from), oldest first, for the desk. */
  forJob(jobId: number): MessageStatusView[] {
    return this.messages.forJob(jobId);
  }
}
