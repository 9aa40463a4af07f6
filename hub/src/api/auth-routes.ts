/** Sessions and enrolment: staff login and logout, device pairing and revocation, staff. */
import { HubError, type Outcome } from '../store/context.ts';
import type { HubStore } from '../store/hub-store.ts';
import { AttemptGuard } from '../attempt-guard.ts';
import type { FastifyReply } from 'fastify';
import type { StaffEvent } from '../../../shared/src/protocol.ts';
import { endpoints } from '../../../shared/src/api/index.ts';
import { commandDone } from './route-deps.ts';
import { route, type RouteSpec } from './route.ts';

export interface AuthRouteDeps {
  store: HubStore;
  broadcast: (events: readonly StaffEvent[]) => void;
  /** Failed PIN logins, per address and hub-wide. */
  loginGuard: AttemptGuard;
  /** Failed pairing codes, per address and hub-wide. */
  pairingGuard: AttemptGuard;
  /** A token may have ended: open sockets re-check theirs now, not at the next periodic check. */
  sessionsChanged: () => void;
}

export function authRoutes(deps: AuthRouteDeps): RouteSpec[] {
  const { store, broadcast } = deps;
  const done = commandDone(deps);
  /** As `done`, for a change that ends tokens. */
  const ended = <T>(outcome: Outcome<T>, reply: { header: (k: string, v: string) => unknown }): T => {
    const result = done(outcome, reply);
    deps.sessionsChanged();
    return result;
  };

  /**
   * Runs one secret check under a guard: refused unchecked while the address or the hub is
   * locked, audited when wrong or refused, a manager alert on a burst of failures.
   */
  const guarded = async <T>(
    what: { guard: AttemptGuard; action: string; address: string; reply: FastifyReply },
    attempt: () => T | null | Promise<T | null>,
    wrong: () => HubError,
  ): Promise<T> => {
    const now = Date.now();
    const verdict = what.guard.begin(what.address, now);
    if (!verdict.ok) {
      store.auth.auditRefusal(`${what.action}-refused`, { address: what.address, scope: verdict.scope });
      what.reply.header('retry-after', String(Math.ceil(verdict.retryAfterMs / 1000)));
      throw new HubError(
        429,
        'too_many_attempts',
        `too many wrong attempts${verdict.scope === 'hub' ? ' on this hub' : ''}; try again in ${Math.ceil(verdict.retryAfterMs / 1000)} s`,
      );
    }
    let result: T | null = null;
    let burst: boolean;
    try {
      result = await attempt();
    } finally {
      burst = what.guard.settle(what.address, Date.now(), result !== null).burst;
    }
    if (result !== null) return result;
    store.auth.auditRefusal(`${what.action}-failed`, { address: what.address });
    if (burst) {
      const subject = { detail: `${what.guard.limits.burstFailures}+ ${what.action} failures in ${what.guard.limits.burstWindowMs / 60_000} min` };
      broadcast(
        store.alerts.report({ kind: 'access_attempts', key: `access:${what.action}`, audience: 'manager', subject }, false, {
          kind: 'system',
          name: 'access-guard',
        }).events,
      );
    }
    throw wrong();
  };

  return [
    // ─── Sessions and enrolment ──────────────────────────────────────────────────────
    route(endpoints.login, ({ body, request, reply }) =>
      guarded(
        { guard: deps.loginGuard, action: 'staff.login', address: request.ip, reply },
        () => store.auth.loginAsync(body.pin),
        () => new HubError(401, 'wrong_pin', 'pin: no active staff member has this PIN'),
      ),
    ),
    route(endpoints.logout, ({ request, actor }) => {
      if (!store.auth.logout(bearer(request.headers.authorization) ?? '', actor)) {
        throw new HubError(400, 'not_a_session', 'this token belongs to a device, not a staff session; an admin revokes devices');
      }
      deps.sessionsChanged();
      return { ok: true } as const;
    }),
    route(endpoints.me, ({ actor }) => actor),
    route(endpoints.pairDevice, async ({ body, request, reply }) => {
      const paired = await guarded(
        { guard: deps.pairingGuard, action: 'device.pair', address: request.ip, reply },
        () => store.auth.pair(body.code),
        () => new HubError(401, 'invalid_pairing_code', 'code: unknown, used or expired pairing code; ask an admin for a new one'),
      );
      reply.status(201);
      return paired;
    }),
    route(endpoints.createPairingCode, ({ body, actor, reply }) => {
      reply.status(201);
      return done(store.auth.createPairingCode(body, actor), reply);
    }),
    route(endpoints.listDevices, () => store.auth.listDevices()),
    route(endpoints.revokeDevice, ({ params, body, actor, reply }) => ended(store.auth.revokeDevice(params.id, body.idempotencyKey, actor), reply)),
    route(endpoints.listStaff, () => store.auth.listStaff()),
    route(endpoints.createStaff, ({ body, actor, reply }) => {
      reply.status(201);
      return done(store.auth.createStaff(body, actor), reply);
    }),
    route(endpoints.deactivateStaff, ({ params, body, actor, reply }) => ended(store.auth.deactivateStaff(params.id, body.idempotencyKey, actor), reply)),
    route(endpoints.reactivateStaff, ({ params, body, actor, reply }) => done(store.auth.reactivateStaff(params.id, body.idempotencyKey, actor), reply)),
  ];
}

export function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}
