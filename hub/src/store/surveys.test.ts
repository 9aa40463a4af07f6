/**
 * The on-site survey (seed 000: 现场满意度调查) reaches any visit of today, by its ticket QR or
 * by the plate: a customer who came for a pickup or an enquiry has a ticket with the plate but
 * no job, and their answer counts once (issue #14 item 4).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { HubError } from './context.ts';
import { advisor, kiosk, testHub, type TestHub } from './test-support.ts';

let h: TestHub;
beforeEach(() => {
  h = testHub();
});

const scores = { overall: 5, advisor: 4, speed: 3, lounge: 5 };
const responses = (): number => h.store.dayStats(h.store.ctx.businessDay()).satisfaction?.responses ?? 0;

describe('surveys', () => {
  it('a plate with a ticket today and no job counts once', () => {
    h.store.tickets.issue({ service: 'pickup', plate: '粤B12345', idempotencyKey: h.key() }, kiosk);
    h.store.submitSurvey({ plate: '粤B12345', scores, idempotencyKey: h.key() }, kiosk);
    expect(responses()).toBe(1);
    const again = (): unknown => h.store.submitSurvey({ plate: '粤B12345', scores, idempotencyKey: h.key() }, kiosk);
    expect(again).toThrow(HubError);
    expect(responses()).toBe(1);
  });

  it("yesterday's ticket with the plate is not today's visit: nothing is counted", () => {
    h.store.tickets.issue({ service: 'pickup', plate: '粤B12345', idempotencyKey: h.key() }, kiosk);
    h.clock.advance(24 * 3_600_000);
    h.store.submitSurvey({ plate: '粤B12345', scores, idempotencyKey: h.key() }, kiosk);
    expect(responses()).toBe(0);
  });

  it('the ticket QR of a visit today counts, and its plate then finds the same visit already answered', () => {
    const ticket = h.store.tickets.issue({ service: 'enquiry', plate: '粤B54321', idempotencyKey: h.key() }, kiosk).result;
    h.store.submitSurvey({ ticketToken: ticket.trackingToken!, scores, idempotencyKey: h.key() }, kiosk);
    expect(responses()).toBe(1);
    expect(() => h.store.submitSurvey({ plate: '粤B54321', scores, idempotencyKey: h.key() }, kiosk)).toThrow(HubError);
  });

  it("an earlier visit's job, already answered, does not swallow today's visit of the same car", () => {
    h.clock.set('2026-10-20T01:00:00Z');
    const old = h.store.jobs.create(
      {
        plate: '粤B12345',
        model: '凯美瑞',
        surname: '王',
        title: '先生',
        services: ['repair'],
        promisedAt: '2026-10-20T08:00:00Z',
        wash: false,
        idempotencyKey: h.key(),
      },
      advisor,
    ).result;
    h.store.submitSurvey({ plate: '粤B12345', scores, idempotencyKey: h.key() }, kiosk);
    expect(old.id).toBeGreaterThan(0);
    h.clock.set('2026-11-24T02:00:00Z');
    h.store.tickets.issue({ service: 'enquiry', plate: '粤B12345', idempotencyKey: h.key() }, kiosk);
    h.store.submitSurvey({ plate: '粤B12345', scores, idempotencyKey: h.key() }, kiosk);
    expect(responses()).toBe(1);
  });
});
