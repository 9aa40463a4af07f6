/**
 * The station's view of the hub: plain HTTP to its public API through the shared typed client.
 * Every failure is the client's `ApiFailure` (status, stable code, Retry-After); a hub that did
 * not answer is one too, with the code `hub_unreachable` or `hub_no_answer`.
 */
import type { DeviceHealthReport, IssueTicketRequest, NumberBlock, OfflineSyncRequest, SurveyRequest, Ticket } from '../../shared/src/protocol.ts';
import type { PublicStore } from '../../shared/src/services.ts';
import { ApiFailure, answerFrom, requestFor } from '../../shared/src/api/client.ts';
import type { AnswerOf, CallInput, Endpoint } from '../../shared/src/api/endpoint.ts';
import { endpoints } from '../../shared/src/api/index.ts';
import { retryWaitMs } from '../../shared/src/retry-after.ts';

export interface HubClient {
  issueTicket(request: IssueTicketRequest): Promise<Ticket>;
  store(): Promise<PublicStore>;
  /** Tells the hub how this station's devices are doing (a fault raises an alert at the desk). */
  reportDevices(report: DeviceHealthReport): Promise<void>;
  submitSurvey(request: SurveyRequest): Promise<void>;
  /** Reserves today's numbers for use while offline. */
  reserveBlocks(size: number, idempotencyKey: string): Promise<NumberBlock[]>;
  /** Hands tickets issued offline to the hub; one result each. */
  syncOffline(request: OfflineSyncRequest): Promise<{ number: string; ok: boolean; error?: string }[]>;
}

export interface HubClientOptions {
  /** The station's device token (from pairing). */
  token?: string;
  /** How long one request may take before its outcome counts as unknown. Default 5000 ms. */
  timeoutMs?: number;
  /**
   * Issuing a ticket: how long one attempt may take (default 1000 ms), and how long all
   * attempts with the same idempotency key may take together before the station gives up and
   * issues offline (default 2500 ms: within a customer's patience at a kiosk).
   */
  issueAttemptMs?: number;
  issueBudgetMs?: number;
}

/** Errors after which the hub may or may not have done what was asked: retry with the same key. */
export const NO_ANSWER = new Set(['hub_unreachable', 'hub_no_answer']);

/** Refused connections never reached the hub; anything else (a timeout, a reset) may have. */
function noAnswer(err: unknown, baseUrl: string): ApiFailure {
  const reason = err instanceof Error ? err.message : String(err);
  const cause = err instanceof Error ? (err.cause as { code?: string } | undefined) : undefined;
  const neverArrived = ['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH'].includes(cause?.code ?? '');
  return neverArrived
    ? new ApiFailure(503, { error: 'hub_unreachable', message: `the hub at ${baseUrl} cannot be reached (${cause?.code})` })
    : new ApiFailure(503, { error: 'hub_no_answer', message: `the hub at ${baseUrl} did not answer in time (${reason})` });
}

const pause = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

export function httpHubClient(baseUrl: string, options: HubClientOptions = {}): HubClient {
  const timeoutMs = options.timeoutMs ?? 5000;
  /** One call of the shared contract, with this station's token and a time limit. */
  const send = async <E extends Endpoint>(
    endpoint: E,
    input: CallInput<E>,
    extra: { idempotencyKey?: string; timeout?: number } = {},
  ): Promise<AnswerOf<E>> => {
    const signal = AbortSignal.timeout(extra.timeout ?? timeoutMs);
    const { url, init } = requestFor(endpoint, input, {
      baseUrl,
      token: options.token ?? null,
      signal,
      ...(extra.idempotencyKey ? { idempotencyKey: extra.idempotencyKey } : {}),
    });
    let response: Response;
    try {
      response = await fetch(url, init);
    } catch (err) {
      throw noAnswer(err, baseUrl);
    }
    try {
      return await answerFrom(endpoint, response);
    } catch (err) {
      if (err instanceof ApiFailure) throw err; // the hub's refusal, passed on as it came
      throw noAnswer(err, baseUrl); // the body was cut off: its outcome is unknown
    }
  };
  let storeCache: PublicStore | null = null;
  let storeCachedAt = 0;
  return {
    async issueTicket(request) {
      // The same key on every attempt: a hub that committed but answered late replays its answer.
      const { idempotencyKey, ...body } = request;
      const deadline = Date.now() + (options.issueBudgetMs ?? 2500);
      for (;;) {
        const left = deadline - Date.now();
        try {
          return await send(endpoints.issueTicket, { body }, { idempotencyKey, timeout: Math.max(100, Math.min(options.issueAttemptMs ?? 1000, left)) });
        } catch (err) {
          if (!(err instanceof ApiFailure)) throw err;
          // A hub shedding load: wait as it says, when that fits in the customer's patience.
          const told = retryWaitMs(err.status, err.retryAfterMs, deadline - Date.now());
          if (told !== null) {
            await pause(told);
            continue;
          }
          if (!NO_ANSWER.has(err.body.error) || deadline - Date.now() < 150) throw err;
          await pause(100);
        }
      }
    },
    async submitSurvey(request) {
      const { idempotencyKey, ...body } = request;
      await send(endpoints.submitSurvey, { body }, { idempotencyKey });
    },
    async reserveBlocks(size, idempotencyKey) {
      return send(endpoints.reserveNumberBlocks, { body: { size } }, { idempotencyKey });
    },
    async syncOffline(request) {
      return (await send(endpoints.syncOfflineTickets, { body: request })).results;
    },
    async reportDevices(report) {
      await send(endpoints.reportDeviceHealth, { body: report });
    },
    async store() {
      // Fresh once a minute, so the station follows settings changes.
      if (!storeCache || Date.now() - storeCachedAt > 60_000) {
        storeCache = await send(endpoints.store, {});
        storeCachedAt = Date.now();
      }
      return storeCache;
    },
  };
}
