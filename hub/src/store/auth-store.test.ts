import { beforeEach, describe, expect, it } from 'vitest';
import { hashPin, pinChecks } from '../auth.ts';
import { testHub, type TestHub } from './test-support.ts';

let h: TestHub;
beforeEach(() => {
  h = testHub();
});

const admin = () => {
  h.store.auth.bootstrapAdmin('123456');
  const session = h.store.auth.login('123456')!;
  return h.store.auth.resolve(session.token);
};

describe('staff', () => {
  it('bootstraps the first admin only on an empty database', () => {
    expect(h.store.auth.bootstrapAdmin('123456')).toBe(true);
    expect(h.store.auth.bootstrapAdmin('654321')).toBe(false);
    expect(h.store.auth.login('654321')).toBeNull();
    expect(admin()).toMatchObject({ kind: 'staff', role: 'admin' });
  });

  it('stores PINs only as scrypt hashes', () => {
    h.store.auth.bootstrapAdmin('123456');
    const stored = h.db.prepare('SELECT pin_hash FROM staff').pluck().get() as string;
    expect(stored).toMatch(/^lookup\$[0-9a-f]{32}\$scrypt\$16384\$8\$1\$/);
    expect(stored).not.toContain('123456');
  });

  it('costs one scrypt check per login attempt, however many staff there are (issue #12)', () => {
    const boss = admin();
    for (let i = 0; i < 8; i++) h.store.auth.createStaff({ name: `S${i}`, role: 'advisor', pin: `70${i}0`, idempotencyKey: h.key() }, boss);
    const checks = (pin: string): number => {
      const before = pinChecks.count;
      h.store.auth.login(pin);
      return pinChecks.count - before;
    };
    expect(checks('999999')).toBe(1);
    expect(checks('7050')).toBe(1);
    expect(h.store.auth.login('7050')).not.toBeNull();
  });

  it('upgrades a PIN hash from before lookup keys at its next login', () => {
    h.store.auth.bootstrapAdmin('123456');
    h.db.prepare('UPDATE staff SET pin_hash = ?').run(hashPin('123456'));
    expect(h.store.auth.login('123456')).not.toBeNull();
    expect(h.db.prepare('SELECT pin_hash FROM staff').pluck().get()).toMatch(/^lookup\$/);
  });

  it('refuses admin and manager PINs shorter than 6 digits', () => {
    expect(() => h.store.auth.bootstrapAdmin('1234')).toThrow(/at least 6 digits/);
    const boss = admin();
    expect(() => h.store.auth.createStaff({ name: 'M', role: 'manager', pin: '12345', idempotencyKey: h.key() }, boss)).toThrow(/at least 6 digits/);
    expect(h.store.auth.createStaff({ name: 'M', role: 'manager', pin: '123457', idempotencyKey: h.key() }, boss).result.role).toBe('manager');
  });

  it('logs staff in by PIN, refuses duplicate PINs, ends sessions on deactivation', () => {
    const boss = admin();
    const li = h.store.auth.createStaff({ name: 'Li', role: 'advisor', pin: '2468', idempotencyKey: h.key() }, boss).result;
    expect(() => h.store.auth.createStaff({ name: 'Wu', role: 'advisor', pin: '2468', idempotencyKey: h.key() }, boss)).toThrow(/another active staff member/);
    const session = h.store.auth.login('2468')!;
    expect(h.store.auth.resolve(session.token)).toEqual({ kind: 'staff', id: li.id, name: 'Li', role: 'advisor' });
    h.store.auth.deactivateStaff(li.id, h.key(), boss);
    expect(h.store.auth.resolve(session.token)).toEqual({ kind: 'anonymous' });
    expect(h.store.auth.login('2468')).toBeNull();
  });

  it('a deactivation can be undone: the same PIN works again, unless someone active took it meanwhile', () => {
    const boss = admin();
    const li = h.store.auth.createStaff({ name: 'Li', role: 'advisor', pin: '2468', idempotencyKey: h.key() }, boss).result;
    const wu = h.store.auth.createStaff({ name: 'Wu', role: 'advisor', pin: '1357', idempotencyKey: h.key() }, boss).result;
    h.store.auth.deactivateStaff(li.id, h.key(), boss);
    expect(h.store.auth.reactivateStaff(li.id, h.key(), boss).result).toEqual({ id: li.id, name: 'Li', role: 'advisor', active: true });
    expect(h.store.auth.login('2468')?.staff.id).toBe(li.id);
    // Wu leaves; a new colleague gets Wu's old PIN; bringing Wu back would give two people one PIN.
    h.store.auth.deactivateStaff(wu.id, h.key(), boss);
    h.store.auth.createStaff({ name: 'Zhao', role: 'advisor', pin: '1357', idempotencyKey: h.key() }, boss);
    expect(() => h.store.auth.reactivateStaff(wu.id, h.key(), boss)).toThrow(/PIN/);
    expect(h.store.auth.listStaff().find((s) => s.id === wu.id)?.active).toBe(false);
    expect(() => h.store.auth.reactivateStaff(999, h.key(), boss)).toThrow(/does not exist/);
  });

  it('expires sessions after 12 hours and honours logout', () => {
    admin();
    const a = h.store.auth.login('123456')!;
    const b = h.store.auth.login('123456')!;
    expect(h.store.auth.logout(b.token, h.store.auth.resolve(b.token))).toBe(true);
    expect(h.store.auth.resolve(b.token).kind).toBe('anonymous');
    h.clock.advance(12 * 3_600_000 + 1);
    expect(h.store.auth.resolve(a.token).kind).toBe('anonymous');
  });
});

describe('devices', () => {
  it('pairs with a one-time code and can be revoked', () => {
    const boss = admin();
    const { code } = h.store.auth.createPairingCode({ name: 'kiosk 1', role: 'kiosk', idempotencyKey: h.key() }, boss).result;
    expect(code).toMatch(/^\d{8}$/);
    const device = h.store.auth.pair(code)!;
    expect(h.store.auth.resolve(device.token)).toEqual({ kind: 'device', id: device.deviceId, name: 'kiosk 1', role: 'kiosk' });
    expect(h.store.auth.pair(code)).toBeNull();
    h.store.auth.revokeDevice(device.deviceId, h.key(), boss);
    expect(h.store.auth.resolve(device.token).kind).toBe('anonymous');
  });

  it('refuses an expired pairing code', () => {
    const boss = admin();
    const { code } = h.store.auth.createPairingCode({ name: 'tv', role: 'display', idempotencyKey: h.key() }, boss).result;
    h.clock.advance(16 * 60_000);
    expect(h.store.auth.pair(code)).toBeNull();
  });

  it('rotates the embedded station token at each start', () => {
    const first = h.store.auth.embeddedDeviceToken('embedded kiosk', 'kiosk');
    const second = h.store.auth.embeddedDeviceToken('embedded kiosk', 'kiosk');
    expect(h.store.auth.resolve(first).kind).toBe('anonymous');
    expect(h.store.auth.resolve(second)).toMatchObject({ kind: 'device', role: 'kiosk' });
    expect(h.store.auth.listDevices()).toHaveLength(1);
  });
});
