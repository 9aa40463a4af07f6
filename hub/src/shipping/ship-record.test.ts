/** What leaves the store for the group: named fields only, never phones, plates or names. */
import { describe, expect, it } from 'vitest';
import { digestOf, toShipped } from './ship-record.ts';

const dayOf = (at: string): string => at.slice(0, 10);

describe('toShipped', () => {
  it('keeps the figures of a ticket and drops its plate, phone and tracking token', () => {
    const payload = JSON.stringify({
      type: 'ticket.called',
      at: '2026-11-24T01:02:00.000Z',
      ticket: {
        id: 7,
        number: 'A007',
        businessDay: '2026-11-24',
        service: 'maintenance',
        status: 'called',
        issuedAt: '2026-11-24T01:00:00.000Z',
        firstCalledAt: '2026-11-24T01:02:00.000Z',
        plate: '粤B12345',
        phone: '13800138000',
        trackingToken: 'f'.repeat(32),
      },
      waits: {},
    });
    const shipped = toShipped({ seq: 3, type: 'ticket.called', payload, at: '2026-11-24T01:02:00.000Z' }, dayOf);
    expect(shipped).toEqual({
      seq: 3,
      type: 'ticket.called',
      at: '2026-11-24T01:02:00.000Z',
      businessDay: '2026-11-24',
      entityId: 7,
      data: {
        id: 7,
        businessDay: '2026-11-24',
        service: 'maintenance',
        status: 'called',
        issuedAt: '2026-11-24T01:00:00.000Z',
        firstCalledAt: '2026-11-24T01:02:00.000Z',
      },
      digest: digestOf(payload),
    });
  });

  it("drops a job's plate, masked plate, customer, surname and phone, and counts a delivery on its day", () => {
    const payload = JSON.stringify({
      type: 'job.updated',
      job: {
        id: 2,
        plate: '粤B12345',
        maskedPlate: '粤B1***5',
        customer: '王先生',
        surname: '王',
        phone: '13800138000',
        stage: 'delivered',
        stageStartedAt: '2026-11-25T03:00:00.000Z',
        promisedAt: '2026-11-25T04:00:00.000Z',
        additionalWorkNote: '刹车片 王先生',
      },
    });
    const shipped = toShipped({ seq: 9, type: 'job.updated', payload, at: '2026-11-25T03:00:00.000Z' }, dayOf);
    expect(shipped.data).toEqual({ id: 2, stage: 'delivered', stageStartedAt: '2026-11-25T03:00:00.000Z', promisedAt: '2026-11-25T04:00:00.000Z' });
    expect(shipped.businessDay).toBe('2026-11-25');
    expect(JSON.stringify(shipped)).not.toMatch(/粤|王|1380013/);
  });

  it('ships only the type of an event it has no fields for', () => {
    const shipped = toShipped({ seq: 1, type: 'settings.updated', payload: '{"type":"settings.updated","secret":"x"}', at: '2026-11-24T01:00:00.000Z' }, dayOf);
    expect(shipped.data).toEqual({});
    expect(shipped.entityId).toBeNull();
  });
});
