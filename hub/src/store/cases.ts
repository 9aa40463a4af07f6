/**
 * Complaints handled as cases (issue #16 §3; seed 000: 确保对有问题或投诉的客户给予迅速、优先关注):
 * opened from the kiosk's complaint choice or by staff, with an owner, a promised reply time,
 * notes and a status until closed. The manager is alerted at once; the alert ends with the first
 * contact. Cases show customers masked.
 */
import { maskPhone, maskPlate } from '../../../shared/src/plate.ts';
import type { CaseFigures, ComplaintCase, OpenCaseRequest } from '../../../shared/src/protocol.ts';
import { describeActor, type Actor } from '../auth.ts';
import { complaintOverdueKey } from '../domain/alert-rules.ts';
import type { AlertStore } from './alerts.ts';
import { HubError, type EventBody, type Outcome, type StoreContext } from './context.ts';

interface CaseRow {
  id: number;
  business_day: string;
  ticket_id: number | null;
  job_id: number | null;
  plate: string | null;
  customer: string | null;
  phone: string | null;
  topic: string | null;
  owner: string | null;
  promised_reply_at: string;
  status: 'open' | 'contacted' | 'closed';
  opened_at: string;
  opened_by: string;
  first_contact_at: string | null;
  closed_at: string | null;
  resolution: string | null;
}

type Emit = (body: EventBody) => unknown;
type OpenInput = Omit<OpenCaseRequest, 'idempotencyKey' | 'topic'> & { topic: string | null };

const alertKey = (id: number): string => `complaint_case:${id}`;

export class CaseStore {
  constructor(
    private readonly ctx: StoreContext,
    private readonly alerts: AlertStore,
  ) {}

  private get db() {
    return this.ctx.db;
  }

  open(request: OpenCaseRequest, actor: Actor): Outcome<ComplaintCase> {
    const { idempotencyKey, ...asked } = request;
    return this.ctx.command({ action: 'case.open', actor, idempotencyKey, request: asked }, (emit) => this.openIn(emit, asked, actor));
  }

  /** Inside another command (a complaint ticket issued at the kiosk). */
  openIn(emit: Emit, input: OpenInput, actor: Actor): ComplaintCase {
    if (input.ticketId !== undefined && !this.db.prepare('SELECT 1 FROM tickets WHERE id = ?').get(input.ticketId)) {
      throw new HubError(404, 'unknown_ticket', `ticketId: ticket ${input.ticketId} does not exist`);
    }
    if (input.jobId !== undefined && !this.db.prepare('SELECT 1 FROM jobs WHERE id = ?').get(input.jobId)) {
      throw new HubError(404, 'unknown_job', `jobId: job ${input.jobId} does not exist`);
    }
    const now = this.ctx.now();
    const promised = input.promisedReplyAt ?? new Date(now.getTime() + this.ctx.config.complaints.replyMinutes * 60_000).toISOString();
    const row = this.db
      .prepare(
        `INSERT INTO complaint_cases (business_day, ticket_id, job_id, plate, customer, phone, topic, owner, promised_reply_at, status, opened_at, opened_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?) RETURNING *`,
      )
      .get(
        this.ctx.businessDay(now),
        input.ticketId ?? null,
        input.jobId ?? null,
        input.plate ?? null,
        input.customer ?? null,
        input.phone ?? null,
        input.topic,
        input.owner ?? null,
        new Date(promised).toISOString(),
        now.toISOString(),
        describeActor(actor),
      ) as CaseRow;
    // The manager hears of it at once (seed 000: complaints get quick, priority attention).
    this.alerts.raiseIn(emit, {
      kind: 'complaint_case',
      key: alertKey(row.id),
      audience: 'manager',
      subject: { caseId: row.id, plate: row.plate ? maskPlate(row.plate) : '', promisedReplyAt: row.promised_reply_at },
    });
    return this.emitCase(emit, 'case.opened', row);
  }

  assign(id: number, owner: string, promisedReplyAt: string | undefined, idempotencyKey: string, actor: Actor): Outcome<ComplaintCase> {
    return this.ctx.command({ action: 'case.assign', actor, idempotencyKey, request: { id, owner, promisedReplyAt }, target: `case:${id}` }, (emit) => {
      const row = this.openRow(id);
      const updated = this.db
        .prepare('UPDATE complaint_cases SET owner = ?, promised_reply_at = ? WHERE id = ? RETURNING *')
        .get(owner, promisedReplyAt ? new Date(promisedReplyAt).toISOString() : row.promised_reply_at, id) as CaseRow;
      return this.emitCase(emit, 'case.updated', updated);
    });
  }

  /** A note; with `contact`, the customer was reached: the first one ends the manager's alert. */
  note(id: number, text: string, contact: boolean, idempotencyKey: string, actor: Actor): Outcome<ComplaintCase> {
    return this.ctx.command({ action: 'case.note', actor, idempotencyKey, request: { id, text, contact }, target: `case:${id}` }, (emit) => {
      const row = this.openRow(id);
      const now = this.ctx.nowIso();
      this.db
        .prepare('INSERT INTO complaint_notes (case_id, at, author, kind, text) VALUES (?, ?, ?, ?, ?)')
        .run(id, now, describeActor(actor), contact ? 'contact' : 'note', text);
      let updated = row;
      if (contact && row.first_contact_at === null) {
        updated = this.db.prepare(`UPDATE complaint_cases SET first_contact_at = ?, status = 'contacted' WHERE id = ? RETURNING *`).get(now, id) as CaseRow;
        this.alerts.resolveIn(emit, alertKey(id));
        this.alerts.resolveIn(emit, complaintOverdueKey(id, row.promised_reply_at));
      }
      return this.emitCase(emit, 'case.updated', updated);
    });
  }

  close(id: number, resolution: string, idempotencyKey: string, actor: Actor): Outcome<ComplaintCase> {
    return this.ctx.command({ action: 'case.close', actor, idempotencyKey, request: { id, resolution }, target: `case:${id}` }, (emit) => {
      const row = this.openRow(id);
      const now = this.ctx.nowIso();
      this.db
        .prepare('INSERT INTO complaint_notes (case_id, at, author, kind, text) VALUES (?, ?, ?, ?, ?)')
        .run(id, now, describeActor(actor), 'close', resolution);
      const updated = this.db
        .prepare(`UPDATE complaint_cases SET status = 'closed', closed_at = ?, resolution = ? WHERE id = ? RETURNING *`)
        .get(now, resolution, id) as CaseRow;
      this.alerts.resolveIn(emit, alertKey(id));
      this.alerts.resolveIn(emit, complaintOverdueKey(id, row.promised_reply_at));
      return this.emitCase(emit, 'case.updated', updated);
    });
  }

  /** Cases whose customer nobody reached yet, for the overdue-reply rule (plate masked). */
  forAlerts(): { id: number; plate: string; promisedReplyAt: string }[] {
    return (
      this.db.prepare(`SELECT id, plate, promised_reply_at FROM complaint_cases WHERE status = 'open'`).all() as {
        id: number;
        plate: string | null;
        promised_reply_at: string;
      }[]
    ).map((r) => ({ id: r.id, plate: r.plate ? maskPlate(r.plate) : '', promisedReplyAt: r.promised_reply_at }));
  }

  /** Cases not yet closed, oldest first. */
  openCases(): ComplaintCase[] {
    return (this.db.prepare(`SELECT * FROM complaint_cases WHERE status != 'closed' ORDER BY opened_at, id`).all() as CaseRow[]).map((r) => this.toCase(r));
  }

  /** Every case opened in a date range: the monthly list for the incident review. */
  between(from: string, to: string): ComplaintCase[] {
    return (this.db.prepare('SELECT * FROM complaint_cases WHERE business_day BETWEEN ? AND ? ORDER BY opened_at, id').all(from, to) as CaseRow[]).map((r) =>
      this.toCase(r),
    );
  }

  get(id: number): ComplaintCase {
    const row = this.db.prepare('SELECT * FROM complaint_cases WHERE id = ?').get(id) as CaseRow | undefined;
    if (!row) throw new HubError(404, 'unknown_case', `case ${id} does not exist`);
    return this.toCase(row);
  }

  figures(from: string, to: string): CaseFigures {
    const rows = this.db.prepare('SELECT * FROM complaint_cases WHERE business_day BETWEEN ? AND ?').all(from, to) as CaseRow[];
    const now = this.ctx.now().getTime();
    const minutes = (a: string, b: string): number => (Date.parse(b) - Date.parse(a)) / 60_000;
    return {
      from,
      to,
      opened: rows.length,
      open: this.db.prepare(`SELECT COUNT(*) FROM complaint_cases WHERE status != 'closed'`).pluck().get() as number,
      closed: rows.filter((r) => r.status === 'closed').length,
      firstContactMedianMinutes: median(rows.filter((r) => r.first_contact_at).map((r) => minutes(r.opened_at, r.first_contact_at!))),
      closeMedianMinutes: median(rows.filter((r) => r.closed_at).map((r) => minutes(r.opened_at, r.closed_at!))),
      repliedLate: rows.filter((r) => (r.first_contact_at ? Date.parse(r.first_contact_at) : now) > Date.parse(r.promised_reply_at)).length,
    };
  }

  private openRow(id: number): CaseRow {
    const row = this.db.prepare('SELECT * FROM complaint_cases WHERE id = ?').get(id) as CaseRow | undefined;
    if (!row) throw new HubError(404, 'unknown_case', `case ${id} does not exist`);
    if (row.status === 'closed') throw new HubError(409, 'case_closed', `case ${id} was closed at ${row.closed_at}`);
    return row;
  }

  private emitCase(emit: Emit, type: 'case.opened' | 'case.updated', row: CaseRow): ComplaintCase {
    const complaintCase = this.toCase(row);
    emit({ type, at: this.ctx.nowIso(), case: complaintCase });
    return complaintCase;
  }

  private toCase(row: CaseRow): ComplaintCase {
    const notes = this.db.prepare('SELECT at, author, kind, text FROM complaint_notes WHERE case_id = ? ORDER BY id').all(row.id) as ComplaintCase['notes'];
    return {
      id: row.id,
      businessDay: row.business_day,
      ticketId: row.ticket_id,
      jobId: row.job_id,
      maskedPlate: row.plate ? maskPlate(row.plate) : null,
      customer: row.customer,
      maskedPhone: row.phone ? maskPhone(row.phone) : null,
      topic: row.topic,
      owner: row.owner,
      promisedReplyAt: row.promised_reply_at,
      replyOverdue: row.first_contact_at === null && row.status !== 'closed' && this.ctx.now().getTime() > Date.parse(row.promised_reply_at),
      status: row.status,
      openedAt: row.opened_at,
      openedBy: row.opened_by,
      firstContactAt: row.first_contact_at,
      closedAt: row.closed_at,
      resolution: row.resolution,
      notes,
    };
  }
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return Math.round((sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2) * 10) / 10;
}
