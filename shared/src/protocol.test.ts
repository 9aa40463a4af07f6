import { describe, expect, it } from 'vitest';
import { applyEvent, CreateStaffRequest, DeviceHealthReport, IssueTicketRequest, type HubEvent, type PublicTicket, type QueueSnapshot } from './protocol.ts';
import { DEFAULT_STORE, StoreConfig } from './services.ts';
import { validationError } from './validation.ts';

const ticket = (number: string, patch: Partial<PublicTicket> = {}): PublicTicket => ({
  number,
  service: 'maintenance',
  status: 'waiting',
  issuedAt: '2026-11-24T02:00:00.000Z',
  calledAt: null,
  counterId: null,
  ...patch,
});

const empty: QueueSnapshot = { seq: 10, hubId: 'h1', businessDay: '2026-11-24', waiting: { maintenance: [] }, waits: {}, recentCalls: [], jobs: [] };
const waits = { maintenance: { waiting: 1, estimatedMinutes: 8 } };

describe('IssueTicketRequest', () => {
  it('normalises plate and phone', () => {
    const parsed = IssueTicketRequest.parse({ service: 'maintenance', plate: '粤b 12345', phone: '+86 13812345678', idempotencyKey: 'k-12345678' });
    expect(parsed).toEqual({ service: 'maintenance', plate: '粤B12345', phone: '13812345678', idempotencyKey: 'k-12345678' });
  });

  it('names every offending field in the error', () => {
    const result = IssueTicketRequest.safeParse({ service: 'Maint!', plate: 'nope', phone: '123', idempotencyKey: 'x', extra: 1 });
    expect(result.success).toBe(false);
    const error = validationError(result.error!);
    const paths = error.issues!.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['service', 'plate', 'phone', 'idempotencyKey']));
    expect(error.message).toMatch(/extra/);
  });

  it('requires an idempotencyKey, and a service unless an appointment is scanned', () => {
    expect(validationError(IssueTicketRequest.safeParse({}).error!).issues!.map((i) => i.path)).toContain('idempotencyKey');
    const noService = IssueTicketRequest.safeParse({ idempotencyKey: 'abcdefgh' });
    expect(validationError(noService.error!).message).toBe('service: choose a service (or scan an appointment)');
    expect(IssueTicketRequest.safeParse({ idempotencyKey: 'abcdefgh', appointmentCode: 'AB12CD34' }).success).toBe(true);
  });
});

describe('applyEvent', () => {
  const issued = (seq: number, number: string): HubEvent => ({ seq, type: 'ticket.issued', at: 'now', ticket: ticket(number), waits });

  it('applies the next event', () => {
    const next = applyEvent(empty, issued(11, 'A001'))!;
    expect(next.seq).toBe(11);
    expect(next.waiting.maintenance).toEqual(['A001']);
    expect(next.waits).toEqual(waits);
  });

  it('only advances seq for private events', () => {
    expect(applyEvent(empty, { seq: 11, type: 'private', at: 'now' })).toEqual({ ...empty, seq: 11 });
  });

  it('moves a transferred ticket between services and drops delivered jobs', () => {
    const withTicket = applyEvent(empty, issued(11, 'A001'))!;
    const moved = applyEvent(withTicket, { seq: 12, type: 'ticket.transferred', at: 'now', ticket: ticket('A001', { service: 'repair' }), waits })!;
    expect(moved.waiting).toEqual({ maintenance: [], repair: ['A001'] });
    const job = {
      publicId: 'p1',
      maskedPlate: '粤B·***45',
      model: 'X',
      customer: '王先生',
      services: [],
      stage: 'ready' as const,
      stageStartedAt: 'now',
      promisedAt: 'now',
      estimatedReadyAt: 'now',
      overdue: false,
      wash: false,
      additionalWorkPending: false,
      history: [],
    };
    const shown = applyEvent(moved, { seq: 13, type: 'job.updated', at: 'now', job })!;
    expect(shown.jobs).toEqual([job]);
    const gone = applyEvent(shown, { seq: 14, type: 'job.updated', at: 'now', job: { ...job, stage: 'delivered' } })!;
    expect(gone.jobs).toEqual([]);
  });

  it('ignores events it already has', () => {
    expect(applyEvent(empty, issued(10, 'A001'))).toBe(empty);
  });

  it('reports a gap instead of patching stale state', () => {
    expect(applyEvent(empty, issued(12, 'A001'))).toBeNull();
  });

  it('moves a called ticket from waiting to the front of recent calls', () => {
    const withTicket = applyEvent(empty, issued(11, 'A001'))!;
    const called = applyEvent(withTicket, {
      seq: 12,
      type: 'ticket.called',
      at: 'now',
      ticket: ticket('A001', { status: 'called', calledAt: '2026-11-24T02:01:00.000Z', counterId: '2' }),
      waits,
    })!;
    expect(called.waiting.maintenance).toEqual([]);
    expect(called.recentCalls[0]).toEqual({ number: 'A001', service: 'maintenance', counterId: '2', calledAt: '2026-11-24T02:01:00.000Z' });
  });
});

describe('StoreConfig', () => {
  it('accepts the embedded defaults', () => {
    expect(StoreConfig.safeParse(DEFAULT_STORE).success).toBe(true);
  });

  it('rejects duplicate prefixes, unknown services on counters and unknown zones', () => {
    const bad = {
      ...DEFAULT_STORE,
      timeZone: 'Mars/Olympus',
      services: [...DEFAULT_STORE.services, { ...DEFAULT_STORE.services[0]!, id: 'other' }],
      counters: [{ ...DEFAULT_STORE.counters[0]!, services: ['ghost'] }],
    };
    const result = StoreConfig.safeParse(bad);
    expect(result.success).toBe(false);
    const message = validationError(result.error!).message;
    expect(message).toMatch(/prefix A is used twice/);
    expect(message).toMatch(/unknown service ghost/);
    expect(message).toMatch(/unknown time zone Mars\/Olympus/);
  });
});

describe('free text and names (issue #12)', () => {
  it('refuse NUL, other control characters and lone surrogates, and keep whole Unicode', () => {
    const staff = (name: string) => CreateStaffRequest.safeParse({ name, role: 'advisor', pin: '2468', idempotencyKey: 'k-0000001' }).success;
    expect(staff('王小明 👍')).toBe(true);
    expect(staff('a\u0000b')).toBe(false);
    expect(staff('a\u001bb')).toBe(false);
    expect(staff('a\ud800b')).toBe(false);
    expect(staff('a\udc00')).toBe(false);
  });

  it('take only an ISO time as a device lastSeen', () => {
    const report = (lastSeen: string | null) =>
      DeviceHealthReport.safeParse({ devices: [{ name: 'scanner', kind: 'scanner', connected: true, lastSeen, errors: 0, lastError: null }] }).success;
    expect(report(new Date().toISOString())).toBe(true);
    expect(report(null)).toBe(true);
    expect(report('x'.repeat(1_000_000))).toBe(false);
  });
});
