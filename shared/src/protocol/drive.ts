/** The protocol: Arrivals and pre-inspection bays (预检区, issue #16 §2). */
import { z } from 'zod';
import { Command, Plate } from './building-blocks.ts';

export const BayId = z.string().regex(/^[A-Za-z0-9-]{1,16}$/, 'a bay is 1–16 letters, digits or dashes, e.g. P1');
/** Where a vehicle's arrival was registered: the kiosk (plate), the desk, the guard's tablet, a job, an appointment. */
export const ArrivalSource = z.enum(['kiosk', 'desk', 'guard', 'job', 'appointment']);
export type ArrivalSource = z.infer<typeof ArrivalSource>;
/** inspected: its job moved on or staff finished pre-inspection; left: drove away; day_closed: still open at day close. */
export const ArrivalLeftReason = z.enum(['inspected', 'left', 'day_closed']);

export const Arrival = z.object({
  id: z.number().int(),
  businessDay: z.string(),
  plate: z.string(),
  maskedPlate: z.string(),
  bay: z.string().nullable(),
  source: ArrivalSource,
  arrivedAt: z.string(),
  ticketId: z.number().int().nullable(),
  jobId: z.number().int().nullable(),
  leftAt: z.string().nullable(),
  leftReason: ArrivalLeftReason.nullable(),
});
export type Arrival = z.infer<typeof Arrival>;

export const RegisterArrivalRequest = z.strictObject({
  plate: Plate,
  /** Omitted: the vehicle waits in the drive for a free bay. */
  bay: BayId.optional(),
  source: z.enum(['desk', 'guard']).default('desk'),
  ...Command,
});
export type RegisterArrivalRequest = z.infer<typeof RegisterArrivalRequest>;
export const ArrivalBayRequest = z.strictObject({ bay: BayId.nullable(), ...Command });
export const ReleaseArrivalRequest = z.strictObject({ reason: z.enum(['inspected', 'left']), ...Command });

export const BayVehicle = Arrival.extend({ dwellMinutes: z.number().int().nonnegative() });
export type BayVehicle = z.infer<typeof BayVehicle>;
/** The pre-inspection area now: each configured bay with its vehicle, and the vehicles waiting for one. */
export const BayView = z.object({
  bays: z.array(z.object({ bay: z.string(), vehicle: BayVehicle.nullable() })),
  waiting: z.array(BayVehicle),
  /** Vehicles arrived and not yet past pre-inspection (the ≥ limit rule counts these). */
  count: z.number().int().nonnegative(),
  congestionLimit: z.number().int(),
  dwellLimitMinutes: z.number().int(),
});
export type BayView = z.infer<typeof BayView>;
