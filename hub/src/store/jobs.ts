/** Jobs: each vehicle's progress through the workshop, and its public (masked) view. */
import { maskPlate } from '../../../shared/src/plate.ts';
import { createHash } from 'node:crypto';
import {
  WORK_PHOTO_LIMITS,
  type AdditionalWork,
  type AdditionalWorkItem,
  type CreateJobRequest,
  type ItemApproval,
  type Job,
  type JobStage,
} from '../../../shared/src/protocol.ts';
import { consentRecord, formatYuan } from '../../../shared/src/additional-work-text.ts';
import type { Language } from '../../../shared/src/i18n.ts';
import type { Actor } from '../auth.ts';
import { describeActor } from '../auth.ts';
import { canMove, estimateReadyAt, isOverdue } from '../../../shared/src/job-stages.ts';
import type { ArrivalStore } from './arrivals.ts';
import { consentOf, HubError, type EventBody, type Outcome, type StoreContext } from './context.ts';

interface JobRow {
  id: number;
  ticket_id: number | null;
  business_day: string;
  plate: string;
  model: string;
  surname: string;
  title: string;
  phone: string | null;
  services: string;
  promised_at: string;
  wash: number;
  bay: string | null;
  stage: JobStage;
  stage_started_at: string;
  additional_work_pending: number;
  additional_work_note: string | null;
  public_id: string;
  tracking_token: string;
  created_at: string;
  delivered_at: string | null;
}

interface WorkRow {
  id: number;
  job_id: number;
  items: string;
  note: string | null;
  status: 'pending' | 'answered';
  created_at: string;
  answer: string | null;
  answered_at: string | null;
  answer_source: 'phone' | 'in_person' | 'phone_call' | null;
}

export type AnswerSource = 'phone' | 'in_person' | 'phone_call';

const SOURCE_WORDS: Record<AnswerSource, string> = { phone: '客户手机确认', in_person: '客户当面确认', phone_call: '客户电话确认' };

export class JobStore {
  constructor(
    private readonly ctx: StoreContext,
    /** The vehicle's arrival in the drive: a job places it in a bay, its first move ends pre-inspection. */
    private readonly arrivals?: ArrivalStore,
  ) {}

  private get db() {
    return this.ctx.db;
  }

  create(request: CreateJobRequest, actor: Actor): Outcome<Job> {
    const { idempotencyKey, ...asked } = request;
    for (const s of request.services) {
      if (!this.ctx.config.services.some((c) => c.id === s)) throw new HubError(400, 'unknown_service', `services: unknown service "${s}"`);
    }
    return this.ctx.command({ action: 'job.create', actor, idempotencyKey, request: asked }, (emit) => {
      if (request.ticketId !== undefined && !this.db.prepare('SELECT id FROM tickets WHERE id = ?').get(request.ticketId)) {
        throw new HubError(404, 'unknown_ticket', `ticketId: ticket ${request.ticketId} does not exist`);
      }
      const open = this.db.prepare(`SELECT id FROM jobs WHERE plate = ? AND stage != 'delivered'`).get(request.plate) as { id: number } | undefined;
      if (open) throw new HubError(409, 'job_open', `plate: ${request.plate} already has job ${open.id} in the shop`);
      const now = this.ctx.nowIso();
      const consent = consentOf(request, actor, now);
      const row = this.db
        .prepare(
          `INSERT INTO jobs (ticket_id, business_day, plate, model, surname, title, phone, services, promised_at, wash, bay,
                             stage, stage_started_at, public_id, tracking_token, created_at, notify_consent_at, consent_source)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'reception', ?, ?, ?, ?, ?, ?) RETURNING *`,
        )
        .get(
          request.ticketId ?? null,
          this.ctx.businessDay(),
          request.plate,
          request.model,
          request.surname,
          request.title,
          request.phone ?? null,
          JSON.stringify(request.services),
          new Date(request.promisedAt).toISOString(),
          request.wash ? 1 : 0,
          request.bay ?? null,
          now,
          this.ctx.randomHex(6),
          this.ctx.randomHex(16),
          now,
          consent.at,
          consent.source,
        ) as JobRow;
      this.db.prepare('INSERT INTO job_stages (job_id, stage, started_at, actor) VALUES (?, ?, ?, ?)').run(row.id, 'reception', now, describeActor(actor));
      // Only the store's bays, one vehicle each; a car not yet registered arrives with its job.
      const arrival = this.arrivals?.registerIn(emit, { plate: row.plate, bay: row.bay, source: 'job', ticketId: row.ticket_id, jobId: row.id });
      // A car the gate already put in a bay keeps it: the job shows that bay.
      const placed =
        arrival && arrival.bay !== row.bay ? (this.db.prepare('UPDATE jobs SET bay = ? WHERE id = ? RETURNING *').get(arrival.bay, row.id) as JobRow) : row;
      return this.emitJob(emit, 'job.created', placed);
    });
  }

  move(jobId: number, to: JobStage, idempotencyKey: string, actor: Actor): Outcome<Job> {
    return this.ctx.command({ action: 'job.move', actor, idempotencyKey, request: { jobId, to }, target: `job:${jobId}` }, (emit) => {
      const row = this.row(jobId);
      const verdict = canMove(row.stage, to, { wash: row.wash === 1 });
      if (!verdict.ok) throw new HubError(409, 'illegal_transition', `job ${jobId}: ${verdict.reason}`);
      if (to === 'qc' && row.additional_work_pending) {
        throw new HubError(409, 'approval_pending', `job ${jobId}: additional work awaits the customer's answer`);
      }
      const now = this.ctx.nowIso();
      this.db.prepare('UPDATE job_stages SET ended_at = ? WHERE job_id = ? AND ended_at IS NULL').run(now, jobId);
      this.db.prepare('INSERT INTO job_stages (job_id, stage, started_at, actor) VALUES (?, ?, ?, ?)').run(jobId, to, now, describeActor(actor));
      const updated = this.db
        .prepare(`UPDATE jobs SET stage = ?, stage_started_at = ?, delivered_at = CASE WHEN ? = 'delivered' THEN ? END WHERE id = ? RETURNING *`)
        .get(to, now, to, now, jobId) as JobRow;
      if (row.stage === 'reception') this.arrivals?.closeForJob(emit, jobId);
      return this.emitJob(emit, 'job.updated', updated);
    });
  }

  /** Workshop found more to do (增项): the customer must approve before the job goes on to QC. */
  flagAdditionalWork(jobId: number, note: string, idempotencyKey: string, actor: Actor): Outcome<Job> {
    return this.ctx.command({ action: 'job.additional-work', actor, idempotencyKey, request: { jobId, note }, target: `job:${jobId}` }, (emit) => {
      const row = this.row(jobId);
      if (row.stage === 'ready' || row.stage === 'delivered') throw new HubError(409, 'illegal_transition', `job ${jobId} is already ${row.stage}`);
      if (row.additional_work_pending) throw new HubError(409, 'approval_pending', `job ${jobId} already awaits an answer`);
      const updated = this.db
        .prepare('UPDATE jobs SET additional_work_pending = 1, additional_work_note = ? WHERE id = ? RETURNING *')
        .get(note, jobId) as JobRow;
      return this.emitJob(emit, 'job.updated', updated);
    });
  }

  /**
   * Priced additional work (issue #15): the customer approves or declines each item, on the
   * phone page or through the advisor. Same action as a note, so the outbox asks the customer.
   */
  createAdditionalWork(jobId: number, items: AdditionalWorkItem[], note: string | undefined, idempotencyKey: string, actor: Actor): Outcome<Job> {
    return this.ctx.command({ action: 'job.additional-work', actor, idempotencyKey, request: { jobId, items, note }, target: `job:${jobId}` }, (emit) => {
      const row = this.row(jobId);
      if (row.stage === 'ready' || row.stage === 'delivered') throw new HubError(409, 'illegal_transition', `job ${jobId} is already ${row.stage}`);
      if (row.additional_work_pending) throw new HubError(409, 'approval_pending', `job ${jobId} already awaits an answer`);
      const now = this.ctx.nowIso();
      this.db
        .prepare('INSERT INTO additional_work (job_id, items, note, status, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)')
        .run(jobId, JSON.stringify(items), note ?? null, 'pending', now, describeActor(actor));
      const summary = [...items.map((item) => `${item.description} ${formatYuan(item.priceYuan)}`), ...(note ? [note] : [])].join('；');
      const updated = this.db
        .prepare('UPDATE jobs SET additional_work_pending = 1, additional_work_note = ? WHERE id = ? RETURNING *')
        .get(summary.slice(0, 200), jobId) as JobRow;
      return this.emitJob(emit, 'job.updated', updated);
    });
  }

  /**
   * A photo of pending additional work (workshop tablet or desk): a JPEG or PNG by its own bytes,
   * at most WORK_PHOTO_LIMITS.bytes, WORK_PHOTO_LIMITS.count per work; none once it is answered,
   * so the customer's answer covers every photo they could see.
   */
  addWorkPhoto(jobId: number, workId: number, contentType: 'image/jpeg' | 'image/png', data: Buffer, idempotencyKey: string, actor: Actor): Outcome<Job> {
    const digest = createHash('sha256').update(data).digest('hex');
    return this.ctx.command(
      { action: 'job.additional-work-photo', actor, idempotencyKey, request: { jobId, workId, contentType, digest }, target: `job:${jobId}` },
      (emit) => {
        const work = this.db.prepare('SELECT status FROM additional_work WHERE id = ? AND job_id = ?').get(workId, jobId) as { status: string } | undefined;
        if (!work) throw new HubError(404, 'unknown_work', `job ${jobId} has no additional work ${workId}`);
        if (work.status !== 'pending') throw new HubError(409, 'already_answered', `additional work ${workId} was already answered`);
        if (data.length > WORK_PHOTO_LIMITS.bytes) {
          throw new HubError(413, 'photo_too_large', `dataBase64: the photo has ${data.length} bytes, at most ${WORK_PHOTO_LIMITS.bytes}`);
        }
        if (!isImage(data, contentType)) throw new HubError(400, 'photo_not_image', `dataBase64: the data is not a ${contentType} image`);
        const count = this.db.prepare('SELECT COUNT(*) FROM additional_work_photos WHERE work_id = ?').pluck().get(workId) as number;
        if (count >= WORK_PHOTO_LIMITS.count) throw new HubError(409, 'too_many_photos', `additional work ${workId} already has ${count} photos`);
        this.db
          .prepare('INSERT INTO additional_work_photos (work_id, content_type, data, created_at, created_by) VALUES (?, ?, ?, ?, ?)')
          .run(workId, contentType, data, this.ctx.nowIso(), describeActor(actor));
        return this.emitJob(emit, 'job.updated', this.row(jobId));
      },
    );
  }

  /** One photo of a job's additional work, or null. */
  workPhoto(jobId: number, workId: number, photoId: number): { contentType: string; data: Buffer } | null {
    const row = this.db
      .prepare(
        `SELECT p.content_type, p.data FROM additional_work_photos p JOIN additional_work w ON w.id = p.work_id
         WHERE p.id = ? AND p.work_id = ? AND w.job_id = ?`,
      )
      .get(photoId, workId, jobId) as { content_type: string; data: Buffer } | undefined;
    return row ? { contentType: row.content_type, data: row.data } : null;
  }

  /**
   * The customer's answer on each item, kept as consent: the exact text shown, the answers, the
   * time, where it was given and the phone's user agent. Declined items never hold the job up.
   */
  answerWork(
    jobId: number,
    workId: number,
    approvals: ItemApproval[],
    given: { source: AnswerSource; language?: Language; userAgent?: string | null },
    idempotencyKey: string,
    actor: Actor,
  ): Outcome<Job> {
    return this.ctx.command(
      { action: 'job.additional-work-answer', actor, idempotencyKey, request: { jobId, workId, approvals, source: given.source }, target: `job:${jobId}` },
      (emit) => {
        const work = this.db.prepare('SELECT * FROM additional_work WHERE id = ? AND job_id = ?').get(workId, jobId) as WorkRow | undefined;
        if (!work) throw new HubError(404, 'unknown_work', `job ${jobId} has no additional work ${workId}`);
        if (work.status !== 'pending') throw new HubError(409, 'already_answered', `additional work ${workId} was already answered`);
        const items = JSON.parse(work.items) as AdditionalWorkItem[];
        const indexes = approvals.map((a) => a.itemIndex).sort((a, b) => a - b);
        if (indexes.length !== items.length || indexes.some((v, i) => v !== i)) {
          throw new HubError(400, 'incomplete_answer', `approvals: answer each of the ${items.length} items exactly once`);
        }
        const now = this.ctx.nowIso();
        const shown = consentRecord(toWork(work), given.language ?? 'zh-CN', approvals);
        this.db
          .prepare(
            `UPDATE additional_work SET status = 'answered', answer = ?, answered_at = ?, answer_source = ?, answered_by = ?, shown_text = ?, user_agent = ?
             WHERE id = ?`,
          )
          .run(JSON.stringify(approvals), now, given.source, describeActor(actor), shown, given.userAgent ?? null, workId);
        const answered = items
          .map((item, i) => `${item.description} ${formatYuan(item.priceYuan)} ${approvals.find((a) => a.itemIndex === i)?.approved ? '同意' : '不需要'}`)
          .join('；');
        const updated = this.db
          .prepare('UPDATE jobs SET additional_work_pending = 0, additional_work_note = ? WHERE id = ? RETURNING *')
          .get(`${SOURCE_WORDS[given.source]}：${answered}`.slice(0, 200), jobId) as JobRow;
        return this.emitJob(emit, 'job.updated', updated);
      },
    );
  }

  answerAdditionalWork(jobId: number, approved: boolean, idempotencyKey: string, actor: Actor): Outcome<Job> {
    const pendingWork = this.db.prepare(`SELECT id, items FROM additional_work WHERE job_id = ? AND status = 'pending'`).get(jobId) as
      { id: number; items: string } | undefined;
    if (pendingWork) {
      // The older one-answer form on priced work: the same answer for every item, given at the desk.
      const count = (JSON.parse(pendingWork.items) as unknown[]).length;
      const approvals = Array.from({ length: count }, (_, itemIndex) => ({ itemIndex, approved }));
      return this.answerWork(jobId, pendingWork.id, approvals, { source: 'in_person' }, idempotencyKey, actor);
    }
    return this.ctx.command({ action: 'job.additional-work-answer', actor, idempotencyKey, request: { jobId, approved }, target: `job:${jobId}` }, (emit) => {
      const row = this.row(jobId);
      if (!row.additional_work_pending) throw new HubError(409, 'nothing_pending', `job ${jobId} has no additional work awaiting an answer`);
      const note = `${row.additional_work_note ?? ''} — ${approved ? 'approved' : 'declined'} by customer`;
      const updated = this.db
        .prepare('UPDATE jobs SET additional_work_pending = 0, additional_work_note = ? WHERE id = ? RETURNING *')
        .get(note, jobId) as JobRow;
      return this.emitJob(emit, 'job.updated', updated);
    });
  }

  get(jobId: number): Job {
    return this.toJob(this.row(jobId));
  }

  findByToken(token: string): Job | null {
    const row = this.db.prepare('SELECT * FROM jobs WHERE tracking_token = ?').get(token) as JobRow | undefined;
    return row ? this.toJob(row) : null;
  }

  findByTicket(ticketId: number): Job | null {
    const row = this.db.prepare('SELECT * FROM jobs WHERE ticket_id = ? ORDER BY id DESC LIMIT 1').get(ticketId) as JobRow | undefined;
    return row ? this.toJob(row) : null;
  }

  /** Every vehicle still in the shop, plus those delivered today. */
  list(includeDelivered = false): Job[] {
    const rows = this.db
      .prepare(`SELECT * FROM jobs WHERE stage != 'delivered' OR (? AND business_day = ?) ORDER BY created_at, id`)
      .all(includeDelivered ? 1 : 0, this.ctx.businessDay()) as JobRow[];
    return rows.map((r) => this.toJob(r));
  }

  private emitJob(emit: (body: EventBody) => unknown, type: 'job.created' | 'job.updated', row: JobRow): Job {
    const job = this.toJob(row);
    emit({ type, at: this.ctx.nowIso(), job });
    return job;
  }

  private row(id: number): JobRow {
    const row = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
    if (!row) throw new HubError(404, 'unknown_job', `job ${id} does not exist`);
    return row;
  }

  private toJob(row: JobRow): Job {
    const now = this.ctx.now().getTime();
    const minutes = this.ctx.config.stageMinutes;
    const history = (
      this.db.prepare('SELECT stage, started_at, ended_at FROM job_stages WHERE job_id = ? ORDER BY rowid').all(row.id) as {
        stage: JobStage;
        started_at: string;
        ended_at: string | null;
      }[]
    ).map((h) => ({ stage: h.stage, startedAt: h.started_at, endedAt: h.ended_at }));
    const stageStartedAt = Date.parse(row.stage_started_at);
    return {
      id: row.id,
      publicId: row.public_id,
      ticketId: row.ticket_id,
      plate: row.plate,
      maskedPlate: maskPlate(row.plate),
      model: row.model,
      surname: row.surname,
      title: row.title,
      customer: customerName(row.surname, row.title),
      phone: row.phone,
      services: JSON.parse(row.services) as string[],
      stage: row.stage,
      stageStartedAt: row.stage_started_at,
      promisedAt: row.promised_at,
      estimatedReadyAt: new Date(Math.max(estimateReadyAt({ stage: row.stage, stageStartedAt, wash: row.wash === 1 }, now, minutes), now)).toISOString(),
      overdue: isOverdue(row.stage, stageStartedAt, now, minutes) || (row.stage !== 'ready' && row.stage !== 'delivered' && now > Date.parse(row.promised_at)),
      wash: row.wash === 1,
      bay: row.bay,
      additionalWorkPending: row.additional_work_pending === 1,
      additionalWorkNote: row.additional_work_note,
      additionalWork: (this.db.prepare('SELECT * FROM additional_work WHERE job_id = ? ORDER BY id').all(row.id) as WorkRow[]).map((w) => ({
        ...toWork(w),
        photos: this.db.prepare('SELECT id FROM additional_work_photos WHERE work_id = ? ORDER BY id').pluck().all(w.id) as number[],
      })),
      history,
      trackingToken: row.tracking_token,
      createdAt: row.created_at,
    };
  }
}

/** 王 + 先生 → 王先生; Wang + Mr → Mr Wang. */
export function customerName(surname: string, title: string): string {
  return /^[A-Za-z]/.test(title) ? `${title} ${surname}` : `${surname}${title}`;
}

export { publicJob } from '../../../shared/src/projection.ts';

/** Whether the bytes are the image they claim to be (JPEG: FF D8 FF; PNG: its 8-byte signature). */
function isImage(data: Buffer, contentType: 'image/jpeg' | 'image/png'): boolean {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return contentType === 'image/png' ? data.subarray(0, 8).equals(png) : data.length > 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff;
}

function toWork(row: WorkRow): AdditionalWork {
  const items = JSON.parse(row.items) as AdditionalWorkItem[];
  return {
    id: row.id,
    items,
    note: row.note,
    totalYuan: items.reduce((fen, item) => fen + Math.round(item.priceYuan * 100), 0) / 100,
    status: row.status,
    createdAt: row.created_at,
    answer: row.answer ? (JSON.parse(row.answer) as ItemApproval[]) : null,
    answeredAt: row.answered_at,
    answerSource: row.answer_source,
  };
}
