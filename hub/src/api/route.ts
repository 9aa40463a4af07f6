/**
 * One table describes every HTTP route: its schemas (which validate the request and generate
 * the OpenAPI document), the permission it needs, and its handler. Nothing is registered
 * outside it, so no route can skip validation or the role check.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Actor, Permission } from '../auth.ts';

export type Access = Permission | 'public' | 'authenticated';

export interface RouteContext<P, B, Q> {
  params: P;
  body: B;
  query: Q;
  actor: Actor;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteSpec<PS extends z.ZodType = z.ZodType, BS extends z.ZodType = z.ZodType, QS extends z.ZodType = z.ZodType> {
  method: 'GET' | 'POST';
  /** Fastify path, e.g. `/api/tickets/:id`. */
  url: string;
  summary: string;
  tag: string;
  access: Access;
  params?: PS;
  body?: BS;
  query?: QS;
  /** Main success answer, for the documentation. */
  response: { status: number; description: string; schema?: z.ZodType };
  handler: (ctx: RouteContext<z.output<PS>, z.output<BS>, z.output<QS>>) => Promise<unknown> | unknown;
}

export function route<PS extends z.ZodType, BS extends z.ZodType, QS extends z.ZodType>(spec: RouteSpec<PS, BS, QS>): RouteSpec {
  return spec as unknown as RouteSpec;
}
