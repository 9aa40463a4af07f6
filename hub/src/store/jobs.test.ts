import { beforeEach, describe, expect, it } from 'vitest';
import type { CreateJobRequest } from '../../../shared/src/protocol.ts';
import { advisor, kiosk, testHub, type TestHub } from './test-support.ts';

let h: TestHub;
beforeEach(() => {
  h = testHub();
});

const workshop = { kind: 'staff' as const, id: 5, name: 'Zhao', role: 'workshop' as const };
const jobRequest = (patch: Partial<CreateJobRequest> = {}): CreateJobRequest => ({
  plate: '粤B12345',
  model: 'Camry',
  surname: '王',
  title: '先生',
  phone: '13812345678',
  notifyConsent: true,
  services: ['maintenance'],
  promisedAt: '2026-11-24T05:00:00Z',
  wash: true,
  idempotencyKey: h.key(),
  ...patch,
});
const move = (id: number, to: Parameters<typeof h.store.jobs.move>[1]) => h.store.jobs.move(id, to, h.key(), workshop);

describe('jobs', () => {
  it('creates a job from a ticket with a masked public view and a 128-bit token', () => {
    const ticket = h.store.tickets.issue({ service: 'maintenance', idempotencyKey: h.key() }, kiosk).result;
    const job = h.store.jobs.create(jobRequest({ ticketId: ticket.id }), advisor).result;
    expect(job).toMatchObject({ stage: 'reception', maskedPlate: '粤B·***45', customer: '王先生', ticketId: ticket.id, overdue: false });
    expect(job.trackingToken).toMatch(/^[0-9a-f]{32}$/);
    const publicView = h.store.snapshot().jobs[0]!;
    expect(publicView).toMatchObject({ maskedPlate: '粤B·***45', customer: '王先生', stage: 'reception' });
    expect(JSON.stringify(publicView)).not.toMatch(/13812345678|粤B12345|王先生.*phone/);
    expect(publicView).not.toHaveProperty('trackingToken');
    expect(h.store.track(ticket.trackingToken)).toMatchObject({ kind: 'job', job: { publicId: job.publicId } });
  });

  it('moves through the stages, keeps the history and refuses illegal moves', () => {
    const job = h.store.jobs.create(jobRequest({ wash: false }), advisor).result;
    for (const to of ['waiting', 'repair', 'parts', 'repair', 'qc', 'ready'] as const) {
      h.clock.advance(60_000);
      move(job.id, to);
    }
    expect(() => move(job.id, 'wash')).toThrow(/a job in ready can move to delivered, not wash/);
    const done = move(job.id, 'delivered').result;
    expect(done.history.map((s) => s.stage)).toEqual(['reception', 'waiting', 'repair', 'parts', 'repair', 'qc', 'ready', 'delivered']);
    expect(done.history.slice(0, -1).every((s) => s.endedAt !== null)).toBe(true);
    expect(h.store.snapshot().jobs).toEqual([]);
  });

  it('holds QC while additional work awaits the customer, and records the answer', () => {
    const job = h.store.jobs.create(jobRequest(), advisor).result;
    move(job.id, 'waiting');
    move(job.id, 'repair');
    const flagged = h.store.jobs.flagAdditionalWork(job.id, 'brake pads worn', h.key(), workshop).result;
    expect(flagged.additionalWorkPending).toBe(true);
    expect(h.store.snapshot().jobs[0]!.additionalWorkPending).toBe(true);
    expect(() => move(job.id, 'qc')).toThrow(/awaits the customer's answer/);
    const answered = h.store.jobs.answerAdditionalWork(job.id, true, h.key(), advisor).result;
    expect(answered).toMatchObject({ additionalWorkPending: false, additionalWorkNote: 'brake pads worn — approved by customer' });
    expect(move(job.id, 'qc').result.stage).toBe('qc');
  });

  it('flags a stage over its expected time, and a job past its promised time', () => {
    const job = h.store.jobs.create(jobRequest({ promisedAt: '2026-11-24T09:00:00Z' }), advisor).result;
    h.clock.advance(19 * 60_000);
    expect(h.store.jobs.get(job.id).overdue).toBe(false);
    h.clock.advance(2 * 60_000);
    expect(h.store.jobs.get(job.id).overdue).toBe(true);
  });

  it('refuses a second open job for the same plate, and bad references', () => {
    h.store.jobs.create(jobRequest(), advisor);
    expect(() => h.store.jobs.create(jobRequest(), advisor)).toThrow(/already has job/);
    expect(() => h.store.jobs.create(jobRequest({ plate: '粤B99999', ticketId: 99 }), advisor)).toThrow(/ticket 99 does not exist/);
    expect(() => h.store.jobs.create(jobRequest({ plate: '粤B99999', services: ['teleport'] }), advisor)).toThrow(/unknown service/);
  });
});
