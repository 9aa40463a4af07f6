/**
 * The hub's route table: each route is an endpoint of the shared contract
 * (shared/src/api/) bound to its handler. The contract's schemas validate the request, serialize
 * the answer and generate the OpenAPI document; its access names the permission. Nothing is
 * registered outside this table, so no route can skip validation, the role check or its
 * answer's schema.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BodyOf, Endpoint, ParamsOf, QueryOf, ReplyOf } from '../../../shared/src/api/endpoint.ts';
import type { Actor } from '../auth.ts';

export type { Access } from '../../../shared/src/api/endpoint.ts';

export interface RouteContext<P, B, Q> {
  params: P;
  body: B;
  query: Q;
  actor: Actor;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteSpec {
  endpoint: Endpoint;
  handler: (ctx: RouteContext<unknown, unknown, unknown>) => Promise<unknown> | unknown;
}

/** A handler answers what its endpoint's schema accepts, or sends the reply itself (204, a file). */
type Handler<E> = (ctx: RouteContext<ParamsOf<E>, BodyOf<E>, QueryOf<E>>) => ReplyOf<E> | FastifyReply | Promise<ReplyOf<E> | FastifyReply>;

export function route<E extends Endpoint>(endpoint: E, handler: Handler<E>): RouteSpec {
  return { endpoint, handler: handler as RouteSpec['handler'] };
}
