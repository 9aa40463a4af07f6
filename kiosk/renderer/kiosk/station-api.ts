/**
 * How the kiosk page reaches its station service: the preload bridge in Electron
 * (`window.station`), or HTTP on the page's own origin when it runs in a browser.
 */
import { ApiFailure, call } from '../../../shared/src/api/client.ts';
import type { AnswerOf, CallInput, Endpoint } from '../../../shared/src/api/endpoint.ts';
import { stationEndpoints } from '../../../shared/src/api/station.ts';
import { acceptStationScan } from '../common/scan-burst.ts';
import type { ApiError, StationTicketRequest, StationTicketResult, SurveyRequest } from '../../../shared/src/protocol.ts';
import type { IpcAnswer } from '../../preload/channels.ts';

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

/** What Electron's preload exposes: the station's answers as values (kiosk/preload/preload.ts). */
export interface StationBridge {
  issueTicket(request: StationTicketRequest): Promise<IpcAnswer<StationTicketResult>>;
  submitSurvey(request: SurveyRequest): Promise<IpcAnswer<null>>;
  onScan?(listener: (code: unknown) => void): () => void;
}

declare global {
  interface Window {
    station?: StationBridge;
  }
}

function unwrap<T>(answer: IpcAnswer<T>): T {
  if (!answer.ok) throw new StationError(answer.status, answer.error);
  return answer.result;
}

/** The station API over the bridge: a refusal becomes a StationError carrying its status and code. */
export function fromBridge(bridge: StationBridge): StationApi {
  return {
    issueTicket: async (request) => unwrap(await bridge.issueTicket(request)),
    submitSurvey: async (request) => {
      unwrap(await bridge.submitSurvey(request));
    },
    ...(bridge.onScan ? { onScan: bridge.onScan } : {}),
  };
}

/** The bridge, with station scans that the page already took as keystrokes dropped. */
function bridged(bridge: StationBridge): StationApi {
  const station = fromBridge(bridge);
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
