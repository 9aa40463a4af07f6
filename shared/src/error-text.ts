/**
 * Turns what the hub or a station answered into what a person reads (issue #14 item 2): the
 * stable `error` code picks a short polite sentence in the page's language; field problems
 * become sentences for the field they belong to. The hub's English `message` is for logs and
 * integrators and is never shown.
 */
import { isMessageKey, type Translate } from './i18n.ts';

export type Audience = 'staff' | 'customer';

interface ApiErrorLike {
  status?: number;
  body?: { error?: unknown; issues?: { path: string; message: string }[] };
}

/** The stable code of a failure; a fetch that never got an answer is `hub_unreachable`. */
export function errorCode(err: unknown): string {
  const body = (err as ApiErrorLike | null)?.body;
  if (body && typeof body.error === 'string') return body.error;
  if (err instanceof TypeError || (err instanceof DOMException && (err.name === 'TimeoutError' || err.name === 'AbortError'))) return 'hub_unreachable';
  return 'generic';
}

/** One sentence for the failure, for staff (what happened, what to do) or customers (never internals). */
export function errorText(t: Translate, err: unknown, audience: Audience = 'staff'): string {
  const code = errorCode(err);
  if (audience === 'customer') {
    const customerKey = `error.customer.${code}`;
    return isMessageKey(customerKey) ? t(customerKey) : t('error.customer.generic');
  }
  const key = `error.${code}`;
  return isMessageKey(key) ? t(key) : t('error.generic');
}

/** The field a validation issue is about: the last named segment of its path (`settings.alerts.x` → `x`). */
function fieldOf(path: string): string {
  return (
    path
      .split('.')
      .filter((p) => !/^\d+$/.test(p))
      .at(-1) ?? path
  );
}

/** Sentences per field name for an `invalid_request` answer, to show next to each field. */
export function fieldErrors(t: Translate, err: unknown): Record<string, string> {
  const issues = (err as ApiErrorLike | null)?.body?.issues ?? [];
  const found: Record<string, string> = {};
  for (const issue of issues) {
    const field = fieldOf(issue.path);
    if (found[field]) continue;
    found[field] = fieldSentence(t, field, issue.message);
  }
  return found;
}

/** The sentence for one field: its own if it has one, else "please fill in" or "please check" with its name. */
export function fieldSentence(t: Translate, field: string, validatorMessage = ''): string {
  const own = `fieldError.${field}`;
  if (isMessageKey(own)) return t(own);
  const label = `field.${field}`;
  const name = isMessageKey(label) ? t(label) : '';
  if (!name) return t('error.invalid_request');
  return t(`fieldError.${fieldProblem(validatorMessage)}`, { field: name });
}

/** What kind of problem a validator message describes, for a sentence that names the field. */
export function fieldProblem(validatorMessage: string): 'required' | 'invalid' | 'duplicate' {
  if (/too small|required|>=1 character|received undefined|must not be empty/i.test(validatorMessage)) return 'required';
  if (/duplicate|used twice/i.test(validatorMessage)) return 'duplicate';
  return 'invalid';
}
