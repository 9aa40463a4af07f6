import type { FastifyError, FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { ApiError } from '../../shared/src/protocol.ts';
import { validationError } from '../../shared/src/validation.ts';
import { HubError } from './store/context.ts';

/** Thrown by `parseOr400`; answered as 400 with every offending field named. */
export class ValidationFailure extends Error {
  constructor(readonly body: ApiError) {
    super(body.message);
  }
}

export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, where = 'body'): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationFailure(validationError(result.error, where));
  return result.data;
}

/** One error shape for every failure; no stack traces or internals reach a client. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ValidationFailure) return reply.status(400).send(error.body);
    if (error instanceof HubError) {
      return reply
        .status(error.status)
        .send({ error: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) } satisfies ApiError);
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send({ error: 'bad_request', message: error.message } satisfies ApiError);
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: 'internal', message: 'internal error; see the hub log' } satisfies ApiError);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: 'not_found', message: `${request.method} ${request.url} does not exist` } satisfies ApiError),
  );
}
