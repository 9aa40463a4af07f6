/** The station's view of the hub: plain HTTP to its public API. */
import type { ApiError, DeviceHealthReport, IssueTicketRequest, NumberBlock, OfflineSyncRequest, SurveyRequest, Ticket } from '../../shared/src/protocol.ts';
import { PublicStore } from '../../shared/src/services.ts';

/** The hub answered with an error status; carries its status and body to pass on. */
export class HubRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError,
  ) {
    super(body.message);
  }
}

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
  timeoutMs?: number;
}

export function httpHubClient(baseUrl: string, options: HubClientOptions = {}): HubClient {
  const timeoutMs = options.timeoutMs ?? 5000;
  const call = async (path: string, init: RequestInit = {}): Promise<unknown> => {
    let response: Response;
    const headers = new Headers(init.headers);
    if (options.token) headers.set('authorization', `Bearer ${options.token}`);
    try {
      response = await fetch(new URL(path, baseUrl), { ...init, headers, signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new HubRequestError(503, { error: 'hub_unreachable', message: `the hub at ${baseUrl} did not answer (${reason})` });
    }
    const body: unknown = response.status === 204 ? null : await response.json().catch(() => null);
    if (!response.ok) {
      const apiError = (body as ApiError | null) ?? { error: 'hub_error', message: `hub answered ${response.status}` };
      throw new HubRequestError(response.status, apiError);
    }
    return body;
  };
  let storeCache: PublicStore | null = null;
  let storeCachedAt = 0;
  return {
    async issueTicket(request) {
      return (await call('/api/tickets', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
      })) as Ticket;
    },
    async submitSurvey(request) {
      await call('/api/surveys', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
    },
    async reserveBlocks(size, idempotencyKey) {
      return (await call('/api/number-blocks', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ size, idempotencyKey }) })) as NumberBlock[];
    },
    async syncOffline(request) {
      const answer = (await call('/api/tickets/offline', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) })) as {
        results: { number: string; ok: boolean; error?: string }[];
      };
      return answer.results;
    },
    async reportDevices(report) {
      await call('/api/devices/health', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(report) });
    },
    async store() {
      // Fresh once a minute, so the station follows settings changes.
      if (!storeCache || Date.now() - storeCachedAt > 60_000) {
        storeCache = PublicStore.parse(await call('/api/store'));
        storeCachedAt = Date.now();
      }
      return storeCache;
    },
  };
}
