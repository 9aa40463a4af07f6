/**
 * How the kiosk page reaches its station service: the preload bridge in Electron
 * (`window.station`), or HTTP on the page's own origin when it runs in a browser.
 */
import type { ApiError, StationTicketRequest, StationTicketResult } from '../../../shared/src/protocol.ts';

export interface StationApi {
  issueTicket(request: StationTicketRequest): Promise<StationTicketResult>;
}

export class StationError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError,
  ) {
    super(body.message);
  }
}

const httpStation: StationApi = {
  async issueTicket(request) {
    let response: Response;
    try {
      response = await fetch('/station/tickets', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(20_000),
      });
    } catch (err) {
      throw new StationError(0, { error: 'station_unreachable', message: err instanceof Error ? err.message : String(err) });
    }
    const body: unknown = await response.json().catch(() => ({ error: 'bad_reply', message: `HTTP ${response.status}` }));
    if (!response.ok) throw new StationError(response.status, body as ApiError);
    return body as StationTicketResult;
  },
};

declare global {
  interface Window {
    station?: StationApi;
  }
}

export function stationApi(): StationApi {
  return window.station ?? httpStation;
}
