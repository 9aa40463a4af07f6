/**
 * Priced additional work approved item by item (issue #15), on the real hub in process: the
 * customer's phone answer is kept as consent (text shown, answer, time, user agent), staff see
 * it in the event log, declined items do not hold up QC, and public events carry no prices.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createHub, type Hub } from '../app.ts';
import { testHub } from '../store/test-support.ts';

let hub: Hub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

let keys = 0;
const key = (): string => `work-route-${++keys}-${process.pid}`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read loosely and asserted field by field
type Answer = { status: number; body: any };

async function setUp(): Promise<{
  h: Hub;
  admin: string;
  call: (method: 'GET' | 'POST', url: string, payload?: unknown, headers?: Record<string, string>) => Promise<Answer>;
}> {
  const t = testHub({ notify: { webhook: { url: 'http://127.0.0.1:9/hook', secret: 'a-secret-of-16-chars' } } });
  const h = await createHub({ db: t.db, config: t.store.ctx.config, clock: t.clock, alertIntervalMs: 0, autoCallIntervalMs: 0, notifyIntervalMs: 0 });
  hub = h;
  h.store.auth.bootstrapAdmin('135790');
  const admin = h.store.auth.login('135790')!.token;
  const call = async (method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = { authorization: `Bearer ${admin}` }) => {
    const r = await h.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
    return { status: r.statusCode, body: r.body ? JSON.parse(r.body) : null };
  };
  return { h, admin, call };
}

async function jobInRepair(call: Awaited<ReturnType<typeof setUp>>['call'], plate = '粤B12345'): Promise<{ id: number; trackingToken: string }> {
  const created = await call('POST', '/api/jobs', {
    plate,
    model: 'Camry',
    surname: '王',
    title: '先生',
    phone: '13812345678',
    notifyConsent: true,
    services: ['maintenance'],
    promisedAt: '2026-11-24T08:00:00Z',
    wash: false,
    idempotencyKey: key(),
  });
  for (const to of ['waiting', 'repair']) expect((await call('POST', `/api/jobs/${created.body.id}/stage`, { to, idempotencyKey: key() })).status).toBe(200);
  return created.body;
}

const ITEMS = [
  { description: '更换前刹车片', priceYuan: 480 },
  { description: '更换雨刮片', priceYuan: 120.5 },
];

describe('additional work approved on the phone', () => {
  it('records the answer per item as consent, shows it to staff, and lets QC go on with declined items', async () => {
    const { h, call } = await setUp();
    const job = await jobInRepair(call);
    const created = await call('POST', `/api/jobs/${job.id}/additional-work`, { items: ITEMS, note: '前轮磨损到限', idempotencyKey: key() });
    expect(created.status).toBe(200);
    const work = created.body.additionalWork[0];
    expect(work).toMatchObject({ status: 'pending', totalYuan: 600.5, items: ITEMS, note: '前轮磨损到限' });
    expect(h.store.outbox.forJob(job.id).map((m) => m.type)).toEqual(['job.approval-needed']);
    expect((await call('POST', `/api/jobs/${job.id}/stage`, { to: 'qc', idempotencyKey: key() })).body.error).toBe('approval_pending');

    // The phone page reads its own work, with prices; public events carry none.
    const phone = { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148' };
    const tracked = await call('GET', `/api/track/${job.trackingToken}`, undefined, phone);
    expect(tracked.body.additionalWork).toEqual([expect.objectContaining({ id: work.id, items: ITEMS, totalYuan: 600.5, status: 'pending' })]);
    const publicEvents = h.store.sync(0, h.store.hubId);
    expect(JSON.stringify(publicEvents)).not.toMatch(/120\.5|更换雨刮片/);

    const url = `/api/track/${job.trackingToken}/additional-work/${work.id}/answer`;
    const incomplete = await call('POST', url, { approvals: [{ itemIndex: 0, approved: true }], idempotencyKey: key() }, phone);
    expect(incomplete).toMatchObject({ status: 400, body: { error: 'incomplete_answer' } });
    const answerKey = key();
    const approvals = [
      { itemIndex: 0, approved: true },
      { itemIndex: 1, approved: false },
    ];
    expect((await call('POST', url, { approvals, language: 'zh-CN', idempotencyKey: answerKey }, phone)).status).toBe(200);
    // A retry of the same answer is the same answer; a second, different one is refused.
    expect((await call('POST', url, { approvals, language: 'zh-CN', idempotencyKey: answerKey }, phone)).status).toBe(200);
    expect((await call('POST', url, { approvals, idempotencyKey: key() }, phone)).body.error).toBe('already_answered');

    const consent = h.store.ctx.db
      .prepare('SELECT answer_source, answered_at, user_agent, shown_text, answered_by FROM additional_work WHERE id = ?')
      .get(work.id);
    expect(consent).toEqual({
      answer_source: 'phone',
      answered_at: '2026-11-24T01:00:00.000Z',
      user_agent: phone['user-agent'],
      answered_by: 'anonymous',
      shown_text: [
        '1. 更换前刹车片 ¥480',
        '2. 更换雨刮片 ¥120.50',
        '说明: 前轮磨损到限',
        '合计: ¥600.50',
        '—',
        '1. 更换前刹车片 ¥480: 同意',
        '2. 更换雨刮片 ¥120.50: 不需要',
      ].join('\n'),
    });
    // Staff consoles get it live: the last staff event is the job with the answer.
    const last = h.store.staffEventsSince(0).at(-1)!;
    expect(last).toMatchObject({
      type: 'job.updated',
      job: { id: job.id, additionalWorkPending: false, additionalWork: [{ status: 'answered', answerSource: 'phone', answer: approvals }] },
    });
    expect(last.type === 'job.updated' && last.job.additionalWorkNote).toBe('客户手机确认：更换前刹车片 ¥480 同意；更换雨刮片 ¥120.50 不需要');
    // The declined wiper blades do not hold the job: QC goes on.
    expect((await call('POST', `/api/jobs/${job.id}/stage`, { to: 'qc', idempotencyKey: key() })).status).toBe(200);
  });

  it('lets the desk record an answer given by phone call, marked as such', async () => {
    const { call } = await setUp();
    const job = await jobInRepair(call);
    const work = (await call('POST', `/api/jobs/${job.id}/additional-work`, { items: ITEMS, idempotencyKey: key() })).body.additionalWork[0];
    const answered = await call('POST', `/api/jobs/${job.id}/additional-work/${work.id}/answer`, {
      approvals: [
        { itemIndex: 0, approved: false },
        { itemIndex: 1, approved: true },
      ],
      source: 'phone_call',
      idempotencyKey: key(),
    });
    expect(answered.status).toBe(200);
    expect(answered.body.additionalWork[0]).toMatchObject({ status: 'answered', answerSource: 'phone_call' });
    expect(answered.body.additionalWorkNote).toMatch(/^客户电话确认：/);
    const again = await call('POST', `/api/track/${job.trackingToken}/additional-work/${work.id}/answer`, {
      approvals: [
        { itemIndex: 0, approved: true },
        { itemIndex: 1, approved: true },
      ],
      idempotencyKey: key(),
    });
    expect(again.body.error).toBe('already_answered');
  });
});

/** A real 1×1 PNG, and a "photo" that is text with an image's name. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describe('photos of additional work', () => {
  it('are stored with the work, size- and type-checked, shown to staff and to the token holder only', async () => {
    const { call, h } = await setUp();
    const job = await jobInRepair(call);
    const work = (await call('POST', `/api/jobs/${job.id}/additional-work`, { items: ITEMS, idempotencyKey: key() })).body.additionalWork[0];
    const url = `/api/jobs/${job.id}/additional-work/${work.id}/photos`;
    const added = await call('POST', url, { contentType: 'image/png', dataBase64: PNG.toString('base64'), idempotencyKey: key() });
    expect(added.status).toBe(200);
    const photos = added.body.additionalWork[0].photos as number[];
    expect(photos).toHaveLength(1);

    // Refused with codes the pages can say: not an image, too large, too many.
    const notImage = await call('POST', url, { contentType: 'image/jpeg', dataBase64: Buffer.from('hello').toString('base64'), idempotencyKey: key() });
    expect(notImage).toMatchObject({ status: 400, body: { error: 'photo_not_image' } });
    const big = Buffer.concat([PNG, Buffer.alloc(700_001 - PNG.length)]);
    const tooLarge = await call('POST', url, { contentType: 'image/png', dataBase64: big.toString('base64'), idempotencyKey: key() });
    expect(tooLarge).toMatchObject({ status: 413, body: { error: 'photo_too_large' } });
    for (let i = 0; i < 3; i++)
      expect((await call('POST', url, { contentType: 'image/png', dataBase64: PNG.toString('base64'), idempotencyKey: key() })).status).toBe(200);
    const fifth = await call('POST', url, { contentType: 'image/png', dataBase64: PNG.toString('base64'), idempotencyKey: key() });
    expect(fifth).toMatchObject({ status: 409, body: { error: 'too_many_photos' } });

    // The customer's phone page reads it with its own token; another token, or none, does not.
    const own = await h.app.inject({ method: 'GET', url: `/api/track/${job.trackingToken}/additional-work/${work.id}/photos/${photos[0]}` });
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('image/png');
    expect(own.rawPayload.equals(PNG)).toBe(true);
    const other = await jobInRepair(call, '粤B99999');
    const stranger = await h.app.inject({ method: 'GET', url: `/api/track/${other.trackingToken}/additional-work/${work.id}/photos/${photos[0]}` });
    expect(stranger.statusCode).toBe(404);
    const track = await call('GET', `/api/track/${job.trackingToken}`, undefined, {});
    expect(track.body.additionalWork[0].photos).toEqual(expect.arrayContaining(photos));
    const staff = await h.app.inject({ method: 'GET', url: `/api/jobs/${job.id}/additional-work/${work.id}/photos/${photos[0]}`, headers: {} });
    expect(staff.statusCode).toBe(401);

    // Once answered, the work shown is final: no photo is added after the customer's answer.
    await call('POST', `/api/track/${job.trackingToken}/additional-work/${work.id}/answer`, {
      approvals: [
        { itemIndex: 0, approved: true },
        { itemIndex: 1, approved: false },
      ],
      idempotencyKey: key(),
    });
    const late = await call('POST', url, { contentType: 'image/png', dataBase64: PNG.toString('base64'), idempotencyKey: key() });
    expect(late).toMatchObject({ status: 409, body: { error: 'already_answered' } });
  });
});
