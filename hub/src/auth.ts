/**
 * Who may do what. Staff log in with a PIN (scrypt-hashed); devices enrol with a one-time
 * pairing code and get a revocable token. Tokens are random and stored only as SHA-256 hashes.
 */
import { createHash, createHmac, randomBytes, randomInt, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import type { DeviceRole, StaffRole } from '../../shared/src/protocol.ts';

export type Actor =
  | { kind: 'staff'; id: number; name: string; role: StaffRole }
  | { kind: 'device'; id: number; name: string; role: DeviceRole }
  | { kind: 'system'; name: string }
  | { kind: 'anonymous' };

import { PERMISSIONS, type Permission } from '../../shared/src/api/endpoint.ts';

export { PERMISSIONS, type Permission };

const ADVISOR: Permission[] = [
  'ticket.issue',
  'ticket.read',
  'ticket.operate',
  'counter.operate',
  'appointment.write',
  'arrival.write',
  'case.write',
  'job.write',
  'job.stage',
  'alert.read',
  'alert.ack',
];

export const STAFF_PERMISSIONS: Record<StaffRole, readonly Permission[]> = {
  advisor: ADVISOR,
  workshop: ['ticket.read', 'job.stage', 'alert.read'],
  manager: [...ADVISOR, 'stats.read', 'audit.read', 'settings.write', 'device.manage'],
  admin: PERMISSIONS,
};

/** A display or kiosk token can never call numbers (issue #7). */
export const DEVICE_PERMISSIONS: Record<DeviceRole, readonly Permission[]> = {
  kiosk: ['ticket.issue', 'alert.raise', 'survey.submit'],
  desk: ['ticket.read', 'ticket.operate', 'counter.operate', 'alert.raise', 'arrival.write'],
  display: [],
  integration: ['ticket.issue', 'ticket.read', 'appointment.write', 'job.write'],
};

export function can(actor: Actor, permission: Permission): boolean {
  switch (actor.kind) {
    case 'staff':
      return STAFF_PERMISSIONS[actor.role].includes(permission);
    case 'device':
      return DEVICE_PERMISSIONS[actor.role].includes(permission);
    case 'system':
      return true;
    case 'anonymous':
      return false;
  }
}

export function describeActor(actor: Actor): string {
  switch (actor.kind) {
    case 'staff':
      return `staff:${actor.id}:${actor.name}`;
    case 'device':
      return `device:${actor.id}:${actor.name}`;
    case 'system':
      return `system:${actor.name}`;
    case 'anonymous':
      return 'anonymous';
  }
}

// scrypt cost: N=2^14, r=8 (≈16 MiB, tens of ms): slow for guessing, fine for a login.
const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 };

/** Admins and managers hold every key of the store: their PINs are at least this long. */
export const MIN_PIN_DIGITS: Record<StaffRole, number> = { admin: 6, manager: 6, advisor: 4, workshop: 4 };

/** How many scrypt PIN checks ran in this process: a wrong PIN costs one (tests read it). */
export const pinChecks = { count: 0 };

/**
 * The PIN's lookup key: an HMAC under a secret of this hub, stored beside the scrypt hash so a
 * login finds the one staff member to verify instead of running scrypt against everyone.
 */
export function pinLookupKey(pin: string, secret: string): string {
  return createHmac('sha256', secret).update(pin).digest('hex').slice(0, 32);
}

/** `lookup$<key>$scrypt$…`: the lookup key, then the verification hash. */
export function hashPin(pin: string, lookupSecret?: string): string {
  const lookup = lookupSecret ? `lookup$${pinLookupKey(pin, lookupSecret)}$` : '';
  return lookup + scryptHash(pin);
}

function scryptHash(pin: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(pin, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function verifyPin(pin: string, stored: string): boolean {
  pinChecks.count++;
  const parts = stored.split('$');
  const [scheme, n, r, p, salt, hash] = parts[0] === 'lookup' ? parts.slice(2) : parts;
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(pin, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(actual, expected);
}

/** As `verifyPin`, on libuv's thread pool: a flood of wrong PINs does not block the hub's event loop. */
export async function verifyPinAsync(pin: string, stored: string): Promise<boolean> {
  pinChecks.count++;
  const parts = stored.split('$');
  const [scheme, n, r, p, salt, hash] = parts[0] === 'lookup' ? parts.slice(2) : parts;
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await new Promise<Buffer>((resolve, reject) =>
    scrypt(pin, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) }, (err, key) => (err ? reject(err) : resolve(key))),
  );
  return timingSafeEqual(actual, expected);
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Eight random digits, for a person to type on a new device. */
export function newPairingCode(): string {
  return String(randomInt(0, 100_000_000)).padStart(8, '0');
}
