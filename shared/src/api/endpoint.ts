/**
 * One declaration per HTTP route of the hub: method, path, the schemas of its params, query,
 * body and answer, and the permission it needs. The hub binds a handler to each (validating
 * requests and serializing answers through these schemas, and generating its OpenAPI document
 * from them); the pages, the station and the tests call the hub through the typed client
 * (`client.ts`) built on the same declarations. Nothing here does I/O.
 */
import type { z } from 'zod';

/** What a role may do; the hub maps staff and device roles to these (hub/src/auth.ts). */
export const PERMISSIONS = [
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
  'alert.raise',
  'stats.read',
  'audit.read',
  'staff.manage',
  'device.manage',
  'settings.write',
  'survey.submit',
  'backup',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** `public`: anyone on the LAN; `authenticated`: any logged-in person or enrolled device. */
export type Access = Permission | 'public' | 'authenticated';

/** A JSON answer serialized through its schema, or a file (CSV, a backup) sent as it is. */
export type ResponseSpec<R extends z.ZodType = z.ZodType> =
  { status: number; description: string; schema: R; emptyStatus?: number } | { status: number; description: string; file: string };

export interface Endpoint<
  P extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
  R extends ResponseSpec = ResponseSpec,
> {
  method: 'GET' | 'POST';
  /** Fastify path, e.g. `/api/tickets/:id`. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
}

/** Keeps the literal schema types, so handlers and callers are typed from one declaration. */
export function endpoint<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends ResponseSpec = ResponseSpec,
>(spec: Endpoint<P, Q, B, R>): Endpoint<P, Q, B, R> {
  return spec;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type In<S> = S extends z.ZodType ? z.input<S> : undefined;

/** What a handler receives, validated. */
export type ParamsOf<E> = E extends Endpoint<infer P, z.ZodType | undefined, z.ZodType | undefined, ResponseSpec> ? Out<P> : never;
export type QueryOf<E> = E extends Endpoint<z.ZodType | undefined, infer Q, z.ZodType | undefined, ResponseSpec> ? Out<Q> : never;
export type BodyOf<E> = E extends Endpoint<z.ZodType | undefined, z.ZodType | undefined, infer B, ResponseSpec> ? Out<B> : never;

/** What a handler returns: anything its answer's schema accepts (extra fields are dropped). */
export type ReplyOf<E> =
  E extends Endpoint<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined, infer R>
    ? R extends { schema: infer S }
      ? S extends z.ZodType
        ? z.input<S>
        : never
      : unknown
    : never;

/** What a caller gets back: null when the route answered its empty status (e.g. 204 nobody waiting); a file as a Blob. */
export type AnswerOf<E> =
  E extends Endpoint<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined, infer R>
    ? R extends { schema: infer S; emptyStatus: number }
      ? (S extends z.ZodType ? z.output<S> : never) | null
      : R extends { schema: infer S }
        ? S extends z.ZodType
          ? z.output<S>
          : never
        : Blob
    : never;

/** The client adds the action's idempotency key itself (CallOptions.idempotencyKey); callers leave it out of the body. */
type WithoutKey<T> = T extends object ? Omit<T, 'idempotencyKey'> : T;

/** What a caller sends: path params, query and body, each only when the route has one. */
export type CallInput<E> =
  E extends Endpoint<infer P, infer Q, infer B, ResponseSpec>
    ? (P extends z.ZodType ? { params: In<P> } : { params?: undefined }) &
        (Q extends z.ZodType ? { query?: In<Q> } : { query?: undefined }) &
        (B extends z.ZodType ? { body: WithoutKey<In<B>> } : { body?: undefined })
    : never;

/** `/api/tickets/:id` with `{ id: 7 }` → `/api/tickets/7`; every value is URL-encoded. */
export function fillPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null) throw new Error(`${path}: missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}

/** Whether a request body schema takes an idempotency key (commands do; reads and login do not). */
export function takesIdempotencyKey(schema: z.ZodType | undefined): boolean {
  let s: unknown = schema;
  // Unwrap pipes (transforms) and defaults to reach the object shape.
  for (let i = 0; i < 5 && s && typeof s === 'object'; i++) {
    const def = (s as { def?: { type?: string; in?: unknown; innerType?: unknown } }).def;
    const shape = (s as { shape?: Record<string, unknown> }).shape;
    if (shape) return 'idempotencyKey' in shape;
    const options = (def as { options?: unknown[] } | undefined)?.options;
    s = def?.type === 'pipe' ? def.in : def?.type === 'union' && options ? options[0] : def?.innerType;
  }
  return false;
}
