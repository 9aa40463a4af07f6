import type { z } from 'zod';
import type { ApiError } from './protocol.ts';

/** Turns a zod failure into an API error whose message names each offending field. */
export function validationError(error: z.ZodError, where = 'body'): ApiError {
  const issues = error.issues.map((issue) => ({
    path: issue.path.length ? issue.path.join('.') : where,
    message: issue.message,
  }));
  return {
    error: 'invalid_request',
    message: issues.map((i) => `${i.path}: ${i.message}`).join('; '),
    issues,
  };
}
