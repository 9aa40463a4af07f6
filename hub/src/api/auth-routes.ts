/** Sessions and enrolment: staff login and logout, device pairing and revocation, staff. */
import { z } from 'zod';
import { CreateStaffRequest, IdPath, LoginRequest, PairingCodeRequest, PairRequest, TicketCommandRequest, type StaffEvent } from '../../../shared/src/protocol.ts';
import { HubError, type Outcome } from '../store/context.ts';
import type { HubStore } from '../store/hub-store.ts';
import { LoginGuard } from '../login-guard.ts';
import { route, type RouteSpec } from './route.ts';

const IdOnly = z.strictObject({ ...TicketCommandRequest.shape });

export interface AuthRouteDeps {
  store: HubStore;
  broadcast: (events: readonly StaffEvent[]) => void;
  /** Failed logins per client address: slows PIN guessing. */
  loginGuard: LoginGuard;
  /** A token may have ended: open sockets re-check theirs now, not at the next periodic check. */
  sessionsChanged: () => void;
}

export function authRoutes(deps: AuthRouteDeps): RouteSpec[] {
  const { store, broadcast } = deps;
  const done = <T>(outcome: Outcome<T>, reply: { header: (k: string, v: string) => unknown }): T => {
    broadcast(outcome.events);
    if (outcome.replayed) reply.header('idempotent-replayed', 'true');
    return outcome.result;
  };
  /** As `done`, for a change that ends tokens. */
  const ended = <T>(outcome: Outcome<T>, reply: { header: (k: string, v: string) => unknown }): T => {
    const result = done(outcome, reply);
    deps.sessionsChanged();
    return result;
  };

  return [
    // ─── Sessions and enrolment ──────────────────────────────────────────────────────
    route({
      method: 'POST',
      url: '/api/login',
      summary: 'Staff login with a PIN; returns a bearer token',
      tag: 'auth',
      access: 'public',
      body: LoginRequest,
      response: { status: 200, description: 'session' },
      handler: ({ body, request }) => {
        const now = Date.now();
        deps.loginGuard.check(request.ip, now);
        const session = store.auth.login(body.pin);
        if (!session) {
          deps.loginGuard.failed(request.ip, now);
          throw new HubError(401, 'wrong_pin', 'pin: no active staff member has this PIN');
        }
        deps.loginGuard.succeeded(request.ip);
        return session;
      },
    }),
    route({
      method: 'POST',
      url: '/api/logout',
      summary: 'Ends the staff session of the bearer token',
      tag: 'auth',
      access: 'authenticated',
      response: { status: 200, description: 'logged out' },
      handler: ({ request, actor }) => {
        if (!store.auth.logout(bearer(request.headers.authorization) ?? '', actor)) {
          throw new HubError(400, 'not_a_session', 'this token belongs to a device, not a staff session; an admin revokes devices');
        }
        deps.sessionsChanged();
        return { ok: true };
      },
    }),
    route({
      method: 'GET',
      url: '/api/me',
      summary: 'Who the bearer token belongs to',
      tag: 'auth',
      access: 'authenticated',
      response: { status: 200, description: 'the actor' },
      handler: ({ actor }) => actor,
    }),
    route({
      method: 'POST',
      url: '/api/devices/pair',
      summary: 'Enrols a device with a one-time pairing code; returns its token',
      tag: 'auth',
      access: 'public',
      body: PairRequest,
      response: { status: 201, description: 'device token' },
      handler: ({ body, reply }) => {
        reply.status(201);
        return store.auth.pair(body.code);
      },
    }),
    route({
      method: 'POST',
      url: '/api/devices/pairing-codes',
      summary: 'Creates a one-time pairing code for a new kiosk, desk, display or integration',
      tag: 'admin',
      access: 'device.manage',
      body: PairingCodeRequest,
      response: { status: 201, description: 'code, valid 15 minutes' },
      handler: ({ body, actor, reply }) => {
        reply.status(201);
        return done(store.auth.createPairingCode(body, actor), reply);
      },
    }),
    route({
      method: 'GET',
      url: '/api/devices',
      summary: 'Enrolled devices',
      tag: 'admin',
      access: 'device.manage',
      response: { status: 200, description: 'devices' },
      handler: () => store.auth.listDevices(),
    }),
    route({
      method: 'POST',
      url: '/api/devices/:id/revoke',
      summary: "Revokes a device's token at once",
      tag: 'admin',
      access: 'device.manage',
      params: IdPath,
      body: IdOnly,
      response: { status: 200, description: 'device' },
      handler: ({ params, body, actor, reply }) => ended(store.auth.revokeDevice(params.id, body.idempotencyKey, actor), reply),
    }),
    route({
      method: 'GET',
      url: '/api/staff',
      summary: 'Staff members',
      tag: 'admin',
      access: 'staff.manage',
      response: { status: 200, description: 'staff' },
      handler: () => store.auth.listStaff(),
    }),
    route({
      method: 'POST',
      url: '/api/staff',
      summary: 'Adds a staff member with a role and PIN',
      tag: 'admin',
      access: 'staff.manage',
      body: CreateStaffRequest,
      response: { status: 201, description: 'staff member' },
      handler: ({ body, actor, reply }) => {
        reply.status(201);
        return done(store.auth.createStaff(body, actor), reply);
      },
    }),
    route({
      method: 'POST',
      url: '/api/staff/:id/deactivate',
      summary: 'Deactivates a staff member and ends their sessions',
      tag: 'admin',
      access: 'staff.manage',
      params: IdPath,
      body: IdOnly,
      response: { status: 200, description: 'staff member' },
      handler: ({ params, body, actor, reply }) => ended(store.auth.deactivateStaff(params.id, body.idempotencyKey, actor), reply),
    }),
  ];
}

export function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}
