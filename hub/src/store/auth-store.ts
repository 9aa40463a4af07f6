/** Staff (PIN logins, sessions), devices (pairing, tokens, revocation). */
import type { DeviceRole, StaffRole } from '../../../shared/src/protocol.ts';
import { hashPin, newPairingCode, newToken, tokenHash, verifyPin, type Actor } from '../auth.ts';
import { HubError, type Outcome, type StoreContext } from './context.ts';

const SESSION_HOURS = 12;
const PAIRING_MINUTES = 15;

export interface StaffSummary {
  id: number;
  name: string;
  role: StaffRole;
  active: boolean;
}

export interface DeviceSummary {
  id: number;
  name: string;
  role: DeviceRole;
  createdAt: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
}

const system: Actor = { kind: 'system', name: 'hub' };

export class AuthStore {
  constructor(private readonly ctx: StoreContext) {}

  private get db() {
    return this.ctx.db;
  }

  staffCount(): number {
    return this.db.prepare('SELECT COUNT(*) FROM staff').pluck().get() as number;
  }

  /** On an empty database only: the first admin, so someone can log in and set up the rest. */
  bootstrapAdmin(pin: string): boolean {
    if (this.staffCount() > 0) return false;
    this.ctx.command({ action: 'staff.bootstrap', actor: system, request: { role: 'admin' } }, () => {
      this.db.prepare(`INSERT INTO staff (name, role, pin_hash, created_at) VALUES ('admin', 'admin', ?, ?)`).run(hashPin(pin), this.ctx.nowIso());
    });
    return true;
  }

  createStaff(input: { name: string; role: StaffRole; pin: string; idempotencyKey: string }, actor: Actor): Outcome<StaffSummary> {
    if (this.staffByPin(input.pin)) throw new HubError(409, 'pin_taken', 'pin: another active staff member has this PIN; choose another');
    const pinHash = hashPin(input.pin);
    return this.ctx.command({ action: 'staff.create', actor, idempotencyKey: input.idempotencyKey, request: { name: input.name, role: input.role } }, () => {
      const row = this.db
        .prepare('INSERT INTO staff (name, role, pin_hash, created_at) VALUES (?, ?, ?, ?) RETURNING id, name, role, active')
        .get(input.name, input.role, pinHash, this.ctx.nowIso()) as { id: number; name: string; role: StaffRole; active: number };
      return { id: row.id, name: row.name, role: row.role, active: row.active === 1 };
    });
  }

  deactivateStaff(staffId: number, idempotencyKey: string, actor: Actor): Outcome<StaffSummary> {
    return this.ctx.command({ action: 'staff.deactivate', actor, idempotencyKey, request: { staffId }, target: `staff:${staffId}` }, () => {
      const row = this.db.prepare('UPDATE staff SET active = 0 WHERE id = ? RETURNING id, name, role, active').get(staffId) as
        | { id: number; name: string; role: StaffRole; active: number }
        | undefined;
      if (!row) throw new HubError(404, 'unknown_staff', `staff ${staffId} does not exist`);
      this.db.prepare('UPDATE sessions SET revoked_at = ? WHERE staff_id = ? AND revoked_at IS NULL').run(this.ctx.nowIso(), staffId);
      return { id: row.id, name: row.name, role: row.role, active: false };
    });
  }

  listStaff(): StaffSummary[] {
    return (this.db.prepare('SELECT id, name, role, active FROM staff ORDER BY id').all() as { id: number; name: string; role: StaffRole; active: number }[]).map(
      (r) => ({ id: r.id, name: r.name, role: r.role, active: r.active === 1 }),
    );
  }

  /** Returns a session token for the active staff member with this PIN, or null. */
  login(pin: string): { token: string; staff: StaffSummary; expiresAt: string } | null {
    const staff = this.staffByPin(pin);
    if (!staff) return null;
    const token = newToken();
    const expiresAt = new Date(this.ctx.now().getTime() + SESSION_HOURS * 3_600_000).toISOString();
    this.ctx.command({ action: 'staff.login', actor: { kind: 'staff', id: staff.id, name: staff.name, role: staff.role }, request: {} }, () => {
      this.db.prepare('INSERT INTO sessions (token_hash, staff_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(tokenHash(token), staff.id, this.ctx.nowIso(), expiresAt);
    });
    return { token, staff, expiresAt };
  }

  logout(token: string): void {
    this.db.prepare('UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL').run(this.ctx.nowIso(), tokenHash(token));
  }

  /** Who holds this bearer token; anonymous when it is unknown, expired or revoked. */
  resolve(token: string | undefined): Actor {
    if (!token) return { kind: 'anonymous' };
    const hash = tokenHash(token);
    const session = this.db
      .prepare(
        `SELECT s.id, s.name, s.role FROM sessions x JOIN staff s ON s.id = x.staff_id
         WHERE x.token_hash = ? AND x.revoked_at IS NULL AND x.expires_at > ? AND s.active = 1`,
      )
      .get(hash, this.ctx.nowIso()) as { id: number; name: string; role: StaffRole } | undefined;
    if (session) return { kind: 'staff', ...session };
    const device = this.db.prepare('SELECT id, name, role FROM devices WHERE token_hash = ? AND revoked_at IS NULL').get(hash) as
      | { id: number; name: string; role: DeviceRole }
      | undefined;
    if (device) {
      this.db.prepare('UPDATE devices SET last_seen_at = ? WHERE id = ?').run(this.ctx.nowIso(), device.id);
      return { kind: 'device', ...device };
    }
    return { kind: 'anonymous' };
  }

  createPairingCode(input: { name: string; role: DeviceRole; idempotencyKey: string }, actor: Actor): Outcome<{ code: string; expiresAt: string }> {
    const code = newPairingCode();
    const expiresAt = new Date(this.ctx.now().getTime() + PAIRING_MINUTES * 60_000).toISOString();
    return this.ctx.command({ action: 'device.pairing-code', actor, idempotencyKey: input.idempotencyKey, request: { name: input.name, role: input.role } }, () => {
      this.db
        .prepare('INSERT INTO pairing_codes (code_hash, device_name, role, expires_at, created_by) VALUES (?, ?, ?, ?, ?)')
        .run(tokenHash(code), input.name, input.role, expiresAt, actor.kind === 'staff' ? actor.name : 'system');
      return { code, expiresAt };
    });
  }

  /** Exchanges a one-time pairing code for a device token. */
  pair(code: string): { deviceId: number; name: string; role: DeviceRole; token: string } {
    const token = newToken();
    const outcome = this.ctx.command({ action: 'device.pair', actor: { kind: 'anonymous' }, request: {} }, () => {
      const row = this.db
        .prepare('SELECT device_name, role, expires_at, used_at FROM pairing_codes WHERE code_hash = ?')
        .get(tokenHash(code)) as { device_name: string; role: DeviceRole; expires_at: string; used_at: string | null } | undefined;
      if (!row || row.used_at || row.expires_at <= this.ctx.nowIso()) {
        throw new HubError(401, 'invalid_pairing_code', 'code: unknown, used or expired pairing code; ask an admin for a new one');
      }
      this.db.prepare('UPDATE pairing_codes SET used_at = ? WHERE code_hash = ?').run(this.ctx.nowIso(), tokenHash(code));
      const device = this.db
        .prepare('INSERT INTO devices (name, role, token_hash, created_at) VALUES (?, ?, ?, ?) RETURNING id, name, role')
        .get(row.device_name, row.role, tokenHash(token), this.ctx.nowIso()) as { id: number; name: string; role: DeviceRole };
      return device;
    });
    return { deviceId: outcome.result.id, name: outcome.result.name, role: outcome.result.role, token };
  }

  revokeDevice(deviceId: number, idempotencyKey: string, actor: Actor): Outcome<DeviceSummary> {
    return this.ctx.command({ action: 'device.revoke', actor, idempotencyKey, request: { deviceId }, target: `device:${deviceId}` }, () => {
      const row = this.db.prepare('UPDATE devices SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ? RETURNING *').get(this.ctx.nowIso(), deviceId) as
        | DeviceRowRaw
        | undefined;
      if (!row) throw new HubError(404, 'unknown_device', `device ${deviceId} does not exist`);
      return toDevice(row);
    });
  }

  /**
   * Undoes a revoke (issue #14 item 3): the device's existing token works again, so a kiosk
   * revoked by mistake — the hub's own embedded one included — issues tickets again at once.
   */
  reinstateDevice(deviceId: number, idempotencyKey: string, actor: Actor): Outcome<DeviceSummary> {
    return this.ctx.command({ action: 'device.reinstate', actor, idempotencyKey, request: { deviceId }, target: `device:${deviceId}` }, () => {
      const row = this.db.prepare('UPDATE devices SET revoked_at = NULL WHERE id = ? RETURNING *').get(deviceId) as DeviceRowRaw | undefined;
      if (!row) throw new HubError(404, 'unknown_device', `device ${deviceId} does not exist`);
      return toDevice(row);
    });
  }

  listDevices(): DeviceSummary[] {
    return (this.db.prepare('SELECT * FROM devices ORDER BY id').all() as DeviceRowRaw[]).map(toDevice);
  }

  /**
   * The device identity of a station running inside the hub process (`npm start`): created on
   * first use, its token rotated at every start so no old one stays valid.
   */
  embeddedDeviceToken(name: string, role: DeviceRole): string {
    const token = newToken();
    this.ctx.command({ action: 'device.embedded', actor: system, request: { name, role } }, () => {
      const existing = this.db.prepare('SELECT id FROM devices WHERE name = ? AND role = ? AND revoked_at IS NULL').get(name, role) as { id: number } | undefined;
      if (existing) this.db.prepare('UPDATE devices SET token_hash = ? WHERE id = ?').run(tokenHash(token), existing.id);
      else this.db.prepare('INSERT INTO devices (name, role, token_hash, created_at) VALUES (?, ?, ?, ?)').run(name, role, tokenHash(token), this.ctx.nowIso());
    });
    return token;
  }

  private staffByPin(pin: string): StaffSummary | null {
    const rows = this.db.prepare('SELECT id, name, role, pin_hash FROM staff WHERE active = 1').all() as {
      id: number;
      name: string;
      role: StaffRole;
      pin_hash: string;
    }[];
    for (const row of rows) {
      if (verifyPin(pin, row.pin_hash)) return { id: row.id, name: row.name, role: row.role, active: true };
    }
    return null;
  }
}

interface DeviceRowRaw {
  id: number;
  name: string;
  role: DeviceRole;
  created_at: string;
  revoked_at: string | null;
  last_seen_at: string | null;
}

function toDevice(row: DeviceRowRaw): DeviceSummary {
  return { id: row.id, name: row.name, role: row.role, createdAt: row.created_at, revokedAt: row.revoked_at, lastSeenAt: row.last_seen_at };
}
