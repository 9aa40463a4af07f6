/**
 * How the kiosk page reaches its station service: the preload bridge in Electron
 * (`window.station`), or HTTP on the page's own origin when it runs in a browser.
 */
import { acceptStationScan } from '../common/scan-burst.ts';
import type { ApiError, StationTicketRequest, StationTicketResult, SurveyRequest } from '../../../shared/src/protocol.ts';

export interface StationApi {
  issueTicket(request: StationTicketRequest): Promise<StationTicketResult>;
  submitSurvey(request: SurveyRequest): Promise<void>;
  /** Scans from scanners the station owns (Electron); keyboard-wedge scans arrive as keys instead. */
  onScan?(listener: (code: unknown) => void): () => void;
}

export class StationError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError,
  ) {
    super(body.message);
  }
}

async function post(path: string, body: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(20_000),
    });
  } catch (err) {
    throw new StationError(0, { error: 'station_unreachable', message: err instanceof Error ? err.message : String(err) });
  }
  const answer: unknown = await response.json().catch(() => ({ error: 'bad_reply', message: `HTTP ${response.status}` }));
  if (!response.ok) throw new StationError(response.status, answer as ApiError);
  return answer;
}

const httpStation: StationApi = {
  async submitSurvey(request) {
    await post('/station/surveys', request);
  },
  async issueTicket(request) {
    return (await post('/station/tickets', request)) as StationTicketResult;
  },
};

declare global {
  interface Window {
    station?: StationApi;
  }
}

/** The bridge, with station scans that the page already took as keystrokes dropped. */
function bridged(station: StationApi): StationApi {
  const { onScan } = station;
  if (!onScan) return station;
  return { ...station, onScan: (listener) => onScan((code) => acceptStationScan(code, performance.now()) && listener(code)) };
}

let bridge: StationApi | null = null;

export function stationApi(): StationApi {
  if (!window.station) return httpStation;
  bridge ??= bridged(window.station);
  return bridge;
}
