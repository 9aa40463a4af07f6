/** Staff (PIN logins, sessions), devices (pairing, tokens, revocation). */
import type { DeviceRole, SessionEndReason, StaffRole } from '../../../shared/src/protocol.ts';
import { describeActor, hashPin, MIN_PIN_DIGITS, newPairingCode, newToken, pinLookupKey, tokenHash, verifyPin, verifyPinAsync, type Actor } from '../auth.ts';
import { RateLimiter } from '../rate-limiter.ts';
import { HubError, type Outcome, type StoreContext } from './context.ts';

const SESSION_HOURS = 12;
const PAIRING_MINUTES = 15;

import type { DeviceSummary, StaffSummary } from '../../../shared/src/api/auth.ts';

export type { DeviceSummary, StaffSummary };

const system: Actor = { kind: 'system', name: 'hub' };

/** Verified when no staff member has the PIN's lookup key, so every wrong PIN costs one scrypt. */
const DECOY_HASH = hashPin('decoy');

export class AuthStore {
  private lookupSecretCache: string | undefined;

  constructor(private readonly ctx: StoreContext) {}

  /** This hub's secret for PIN lookup keys, made on first use and kept in the database. */
  private get lookupSecret(): string {
    if (this.lookupSecretCache) return this.lookupSecretCache;
    this.db.prepare(`INSERT OR IGNORE INTO meta (key, value) VALUES ('pin_lookup_secret', ?)`).run(newToken());
    this.lookupSecretCache = this.db.prepare(`SELECT value FROM meta WHERE key = 'pin_lookup_secret'`).pluck().get() as string;
    return this.lookupSecretCache;
  }

  /** Refusals that can come in floods are audited at most once a minute per action and address. */
  private readonly floodAudits = new RateLimiter(1, 60_000);

  /** As `auditRefusal`, at most once a minute for the same action and address (floods of sockets or hosts). */
  auditRefusalOnce(action: string, detail: { address: string } & Record<string, unknown>): void {
    if (this.floodAudits.take(`${action}|${detail.address}`, Date.now()).ok) this.auditRefusal(action, detail);
  }

  /** A refused attempt (wrong PIN, unknown code, throttled, refused write): audited, changes nothing else. */
  auditRefusal(action: string, detail: Record<string, unknown>, actor: Actor = { kind: 'anonymous' }): void {
    this.db
      .prepare('INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, NULL, ?)')
      .run(this.ctx.nowIso(), describeActor(actor), action, JSON.stringify(detail));
  }

  private get db() {
    return this.ctx.db;
  }

  staffCount(): number {
    return this.db.prepare('SELECT COUNT(*) FROM staff').pluck().get() as number;
  }

  /** On an empty database only: the first admin, so someone can log in and set up the rest. */
  bootstrapAdmin(pin: string): boolean {
    if (this.staffCount() > 0) return false;
    checkPinLength('admin', pin);
    this.ctx.command({ action: 'staff.bootstrap', actor: system, request: { role: 'admin' } }, () => {
      this.db
        .prepare(`INSERT INTO staff (name, role, pin_hash, created_at) VALUES ('admin', 'admin', ?, ?)`)
        .run(hashPin(pin, this.lookupSecret), this.ctx.nowIso());
    });
    return true;
  }

  createStaff(input: { name: string; role: StaffRole; pin: string; idempotencyKey: string }, actor: Actor): Outcome<StaffSummary> {
    checkPinLength(input.role, input.pin);
    if (this.staffByPin(input.pin)) throw new HubError(409, 'pin_taken', 'pin: another active staff member has this PIN; choose another');
    const pinHash = hashPin(input.pin, this.lookupSecret);
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
        { id: number; name: string; role: StaffRole; active: number } | undefined;
      if (!row) throw new HubError(404, 'unknown_staff', `staff ${staffId} does not exist`);
      this.db.prepare('UPDATE sessions SET revoked_at = ? WHERE staff_id = ? AND revoked_at IS NULL').run(this.ctx.nowIso(), staffId);
      return { id: row.id, name: row.name, role: row.role, active: false };
    });
  }

  /** Undoes a deactivation. Refused when an active colleague now has the same PIN: one PIN, one person. */
  reactivateStaff(staffId: number, idempotencyKey: string, actor: Actor): Outcome<StaffSummary> {
    return this.ctx.command({ action: 'staff.reactivate', actor, idempotencyKey, request: { staffId }, target: `staff:${staffId}` }, () => {
      const row = this.db.prepare('SELECT id, name, role, pin_hash FROM staff WHERE id = ?').get(staffId) as StaffPinRow | undefined;
      if (!row) throw new HubError(404, 'unknown_staff', `staff ${staffId} does not exist`);
      // PIN hashes made since the lookup key was introduced start with it: equal prefix, equal PIN.
      const prefix = /^lookup\$[^$]+\$/.exec(row.pin_hash)?.[0];
      const clash = prefix
        ? this.db.prepare('SELECT 1 FROM staff WHERE active = 1 AND id != ? AND substr(pin_hash, 1, ?) = ?').get(staffId, prefix.length, prefix)
        : undefined;
      if (clash) throw new HubError(409, 'pin_taken', 'pin: an active colleague now has this PIN; add the person again with a new PIN');
      this.db.prepare('UPDATE staff SET active = 1 WHERE id = ?').run(staffId);
      return { ...toStaff(row), active: true };
    });
  }

  listStaff(): StaffSummary[] {
    return (
      this.db.prepare('SELECT id, name, role, active FROM staff ORDER BY id').all() as { id: number; name: string; role: StaffRole; active: number }[]
    ).map((r) => ({ id: r.id, name: r.name, role: r.role, active: r.active === 1 }));
  }

  /** Returns a session token for the active staff member with this PIN, or null. */
  login(pin: string): { token: string; staff: StaffSummary; expiresAt: string } | null {
    const staff = this.staffByPin(pin);
    return staff ? this.startSession(staff) : null;
  }

  /** As `login`, with the one scrypt check off the event loop (the HTTP route uses this). */
  async loginAsync(pin: string): Promise<{ token: string; staff: StaffSummary; expiresAt: string } | null> {
    const prefix = `lookup$${pinLookupKey(pin, this.lookupSecret)}$`;
    const candidate = this.db
      .prepare('SELECT id, name, role, pin_hash FROM staff WHERE active = 1 AND substr(pin_hash, 1, ?) = ?')
      .get(prefix.length, prefix) as StaffPinRow | undefined;
    if (!candidate && this.hasLegacyPins()) return this.login(pin);
    const verified = await verifyPinAsync(pin, candidate?.pin_hash ?? DECOY_HASH);
    if (!candidate || !verified) return null;
    // Still active after the wait?
    const still = this.db.prepare('SELECT 1 FROM staff WHERE id = ? AND active = 1 AND pin_hash = ?').get(candidate.id, candidate.pin_hash);
    return still ? this.startSession(toStaff(candidate)) : null;
  }

  private hasLegacyPins(): boolean {
    return this.db.prepare(`SELECT 1 FROM staff WHERE active = 1 AND pin_hash NOT LIKE 'lookup$%' LIMIT 1`).get() !== undefined;
  }

  private startSession(staff: StaffSummary): { token: string; staff: StaffSummary; expiresAt: string } {
    const token = newToken();
    const expiresAt = new Date(this.ctx.now().getTime() + SESSION_HOURS * 3_600_000).toISOString();
    this.ctx.command({ action: 'staff.login', actor: { kind: 'staff', id: staff.id, name: staff.name, role: staff.role }, request: {} }, () => {
      this.db
        .prepare('INSERT INTO sessions (token_hash, staff_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
        .run(tokenHash(token), staff.id, this.ctx.nowIso(), expiresAt);
    });
    return { token, staff, expiresAt };
  }

  /** Ends the staff session of this token; false when the token is no staff session (a device's). */
  logout(token: string, actor: Actor): boolean {
    const ended = this.db.prepare('SELECT staff_id FROM sessions WHERE token_hash = ?').get(tokenHash(token)) as { staff_id: number } | undefined;
    if (!ended) return false;
    this.ctx.command({ action: 'staff.logout', actor, request: {}, target: `staff:${ended.staff_id}` }, () => {
      this.db.prepare('UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL').run(this.ctx.nowIso(), tokenHash(token));
    });
    return true;
  }

  /** Why a token that once worked no longer does (for the page to say "signed out"). */
  whyEnded(token: string): SessionEndReason {
    const hash = tokenHash(token);
    const session = this.db
      .prepare('SELECT x.revoked_at, x.expires_at, s.active FROM sessions x JOIN staff s ON s.id = x.staff_id WHERE x.token_hash = ?')
      .get(hash) as { revoked_at: string | null; expires_at: string; active: number } | undefined;
    if (session) {
      if (session.active !== 1) return 'deactivated';
      if (session.revoked_at) return 'signed_out';
      return 'expired';
    }
    return 'revoked';
  }

  /**
   * Who holds this bearer token; anonymous when it is unknown, expired or revoked. `touch`
   * records a device's last use (off for the periodic re-checks of open sockets).
   */
  resolve(token: string | undefined, options: { touch?: boolean } = {}): Actor {
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
      { id: number; name: string; role: DeviceRole } | undefined;
    if (device) {
      if (options.touch !== false) this.db.prepare('UPDATE devices SET last_seen_at = ? WHERE id = ?').run(this.ctx.nowIso(), device.id);
      return { kind: 'device', ...device };
    }
    return { kind: 'anonymous' };
  }

  createPairingCode(input: { name: string; role: DeviceRole; idempotencyKey: string }, actor: Actor): Outcome<{ code: string; expiresAt: string }> {
    const code = newPairingCode();
    const expiresAt = new Date(this.ctx.now().getTime() + PAIRING_MINUTES * 60_000).toISOString();
    return this.ctx.command(
      { action: 'device.pairing-code', actor, idempotencyKey: input.idempotencyKey, request: { name: input.name, role: input.role } },
      () => {
        this.db
          .prepare('INSERT INTO pairing_codes (code_hash, device_name, role, expires_at, created_by) VALUES (?, ?, ?, ?, ?)')
          .run(tokenHash(code), input.name, input.role, expiresAt, actor.kind === 'staff' ? actor.name : 'system');
        return { code, expiresAt };
      },
    );
  }

  /** Exchanges a one-time pairing code for a device token; null for an unknown, used or expired code. */
  pair(code: string): { deviceId: number; name: string; role: DeviceRole; token: string } | null {
    const token = newToken();
    const row = this.db.prepare('SELECT device_name, role, expires_at, used_at FROM pairing_codes WHERE code_hash = ?').get(tokenHash(code)) as
      { device_name: string; role: DeviceRole; expires_at: string; used_at: string | null } | undefined;
    if (!row || row.used_at || row.expires_at <= this.ctx.nowIso()) return null;
    const outcome = this.ctx.command({ action: 'device.pair', actor: { kind: 'anonymous' }, request: {} }, () => {
      // Checked again inside the transaction: two devices racing with one code, one wins.
      const used = this.db.prepare('UPDATE pairing_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL').run(this.ctx.nowIso(), tokenHash(code));
      if (used.changes !== 1) throw new HubError(401, 'invalid_pairing_code', 'code: this pairing code was just used; ask an admin for a new one');
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
        DeviceRowRaw | undefined;
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
      const existing = this.db.prepare('SELECT id FROM devices WHERE name = ? AND role = ? AND revoked_at IS NULL').get(name, role) as
        { id: number } | undefined;
      if (existing) this.db.prepare('UPDATE devices SET token_hash = ? WHERE id = ?').run(tokenHash(token), existing.id);
      else this.db.prepare('INSERT INTO devices (name, role, token_hash, created_at) VALUES (?, ?, ?, ?)').run(name, role, tokenHash(token), this.ctx.nowIso());
    });
    return token;
  }

  /**
   * The active staff member with this PIN. Finds the one candidate by lookup key and verifies
   * only that hash (a decoy when there is none): one scrypt per attempt, whatever the staff
   * count. Hashes from before lookup keys are checked one by one and upgraded on a match.
   */
  private staffByPin(pin: string): StaffSummary | null {
    const prefix = `lookup$${pinLookupKey(pin, this.lookupSecret)}$`;
    const candidate = this.db
      .prepare('SELECT id, name, role, pin_hash FROM staff WHERE active = 1 AND substr(pin_hash, 1, ?) = ?')
      .get(prefix.length, prefix) as StaffPinRow | undefined;
    if (candidate) return verifyPin(pin, candidate.pin_hash) ? toStaff(candidate) : null;
    const legacy = this.db.prepare(`SELECT id, name, role, pin_hash FROM staff WHERE active = 1 AND pin_hash NOT LIKE 'lookup$%'`).all() as StaffPinRow[];
    if (!legacy.length) {
      verifyPin(pin, DECOY_HASH);
      return null;
    }
    for (const row of legacy) {
      if (!verifyPin(pin, row.pin_hash)) continue;
      this.db.prepare('UPDATE staff SET pin_hash = ? WHERE id = ?').run(hashPin(pin, this.lookupSecret), row.id);
      return toStaff(row);
    }
    return null;
  }
}

interface StaffPinRow {
  id: number;
  name: string;
  role: StaffRole;
  pin_hash: string;
}

function toStaff(row: StaffPinRow): StaffSummary {
  return { id: row.id, name: row.name, role: row.role, active: true };
}

function checkPinLength(role: StaffRole, pin: string): void {
  if (pin.length < MIN_PIN_DIGITS[role]) {
    throw new HubError(400, 'pin_too_short', `pin: a ${role} PIN has at least ${MIN_PIN_DIGITS[role]} digits`);
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
