/**
 * How the kiosk page reaches its station service: the preload bridge in Electron
 * (`window.station`), or HTTP on the page's own origin when it runs in a browser.
 */
import { ApiFailure, call } from '../../../shared/src/api/client.ts';
import type { AnswerOf, CallInput, Endpoint } from '../../../shared/src/api/endpoint.ts';
import { stationEndpoints } from '../../../shared/src/api/station.ts';
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

/** A call to the station on the page's own origin with the action's key; no answer in 20 s counts as unreachable. */
async function send<E extends Endpoint>(endpoint: E, input: CallInput<E>, idempotencyKey: string): Promise<AnswerOf<E>> {
  try {
    return await call(endpoint, input, { idempotencyKey, signal: AbortSignal.timeout(20_000) });
  } catch (err) {
    if (err instanceof ApiFailure) throw new StationError(err.status, err.body);
    throw new StationError(0, { error: 'station_unreachable', message: err instanceof Error ? err.message : String(err) });
  }
}

const httpStation: StationApi = {
  async submitSurvey({ idempotencyKey, ...body }) {
    await send(stationEndpoints.stationSurvey, { body }, idempotencyKey);
  },
  async issueTicket({ idempotencyKey, ...body }) {
    return send(stationEndpoints.stationTicket, { body }, idempotencyKey);
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
