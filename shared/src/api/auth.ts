/** Sessions and enrolment: staff login and logout, device pairing and revocation, staff. */
import { z } from 'zod';
import { CreateStaffRequest, DeviceRole, IdPath, LoginRequest, PairRequest, PairingCodeRequest, StaffRole, TicketCommandRequest } from '../protocol.ts';
import { endpoint } from './endpoint.ts';

export const StaffSummary = z.object({ id: z.number().int(), name: z.string(), role: StaffRole, active: z.boolean() });
export type StaffSummary = z.infer<typeof StaffSummary>;
export const DeviceSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  role: DeviceRole,
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastSeenAt: z.string().nullable(),
});
export type DeviceSummary = z.infer<typeof DeviceSummary>;
export const SessionAnswer = z.object({ token: z.string(), staff: StaffSummary, expiresAt: z.string() });
export type SessionAnswer = z.infer<typeof SessionAnswer>;
export const PairAnswer = z.object({ deviceId: z.number().int(), name: z.string(), role: DeviceRole, token: z.string() });
export const PairingCodeAnswer = z.object({ code: z.string(), expiresAt: z.string() });
export const OkAnswer = z.object({ ok: z.literal(true) });
/** Who a token belongs to. */
export const ActorView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('staff'), id: z.number().int(), name: z.string(), role: StaffRole }),
  z.object({ kind: z.literal('device'), id: z.number().int(), name: z.string(), role: DeviceRole }),
  z.object({ kind: z.literal('system'), name: z.string() }),
  z.object({ kind: z.literal('anonymous') }),
]);

const IdOnly = z.strictObject({ ...TicketCommandRequest.shape });

export const authEndpoints = {
  login: endpoint({
    method: 'POST',
    path: '/api/login',
    summary: 'Staff login with a PIN; returns a bearer token',
    tag: 'auth',
    access: 'public',
    body: LoginRequest,
    response: { status: 200, description: 'session', schema: SessionAnswer },
  }),
  logout: endpoint({
    method: 'POST',
    path: '/api/logout',
    summary: 'Ends the staff session of the bearer token',
    tag: 'auth',
    access: 'authenticated',
    response: { status: 200, description: 'logged out', schema: OkAnswer },
  }),
  me: endpoint({
    method: 'GET',
    path: '/api/me',
    summary: 'Who the bearer token belongs to',
    tag: 'auth',
    access: 'authenticated',
    response: { status: 200, description: 'the actor', schema: ActorView },
  }),
  pairDevice: endpoint({
    method: 'POST',
    path: '/api/devices/pair',
    summary: 'Enrols a device with a one-time pairing code; returns its token',
    tag: 'auth',
    access: 'public',
    body: PairRequest,
    response: { status: 201, description: 'device token', schema: PairAnswer },
  }),
  createPairingCode: endpoint({
    method: 'POST',
    path: '/api/devices/pairing-codes',
    summary: 'Creates a one-time pairing code for a new kiosk, desk, display or integration',
    tag: 'admin',
    access: 'device.manage',
    body: PairingCodeRequest,
    response: { status: 201, description: 'code, valid 15 minutes', schema: PairingCodeAnswer },
  }),
  listDevices: endpoint({
    method: 'GET',
    path: '/api/devices',
    summary: 'Enrolled devices',
    tag: 'admin',
    access: 'device.manage',
    response: { status: 200, description: 'devices', schema: z.array(DeviceSummary) },
  }),
  revokeDevice: endpoint({
    method: 'POST',
    path: '/api/devices/:id/revoke',
    summary: "Revokes a device's token at once",
    tag: 'admin',
    access: 'device.manage',
    params: IdPath,
    body: IdOnly,
    response: { status: 200, description: 'device', schema: DeviceSummary },
  }),
  listStaff: endpoint({
    method: 'GET',
    path: '/api/staff',
    summary: 'Staff members',
    tag: 'admin',
    access: 'staff.manage',
    response: { status: 200, description: 'staff', schema: z.array(StaffSummary) },
  }),
  createStaff: endpoint({
    method: 'POST',
    path: '/api/staff',
    summary: 'Adds a staff member with a role and PIN',
    tag: 'admin',
    access: 'staff.manage',
    body: CreateStaffRequest,
    response: { status: 201, description: 'staff member', schema: StaffSummary },
  }),
  deactivateStaff: endpoint({
    method: 'POST',
    path: '/api/staff/:id/deactivate',
    summary: 'Deactivates a staff member and ends their sessions',
    tag: 'admin',
    access: 'staff.manage',
    params: IdPath,
    body: IdOnly,
    response: { status: 200, description: 'staff member', schema: StaffSummary },
  }),
  reactivateStaff: endpoint({
    method: 'POST',
    path: '/api/staff/:id/reactivate',
    summary: 'Undoes a deactivation (refused if an active colleague now has the same PIN)',
    tag: 'admin',
    access: 'staff.manage',
    params: IdPath,
    body: IdOnly,
    response: { status: 200, description: 'staff member', schema: StaffSummary },
  }),
  reinstateDevice: endpoint({
    method: 'POST',
    path: '/api/devices/:id/reinstate',
    summary: 'Undoes a revoke: the device’s token works again (e.g. the embedded kiosk, without a restart)',
    tag: 'admin',
    access: 'device.manage',
    params: IdPath,
    body: TicketCommandRequest,
    response: { status: 200, description: 'device', schema: DeviceSummary },
  }),
};
