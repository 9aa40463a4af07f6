/**
 * Answers leave the hub through their endpoint's schema: a field the schema does not name is
 * dropped (a second privacy guard after the projections), and an answer that does not fit is
 * refused rather than sent half-checked.
 */
import type { z } from 'zod';

export class AnswerMismatch extends Error {
  constructor(readonly issues: readonly z.core.$ZodIssue[]) {
    super(`the answer does not match its schema: ${issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
}

/** Serializes answers of one route; the same object answered again (a cached snapshot) is parsed once. */
export function answerSerializer(schema: z.ZodType): (result: unknown) => unknown {
  const done = new WeakMap<object, unknown>();
  return (result) => {
    const cacheable = result !== null && typeof result === 'object';
    if (cacheable && done.has(result)) return done.get(result);
    const parsed = schema.safeParse(result);
    if (!parsed.success) throw new AnswerMismatch(parsed.error.issues);
    if (cacheable) done.set(result, parsed.data);
    return parsed.data;
  };
}
