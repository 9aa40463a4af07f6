/**
 * The kiosk station behind Electron's IPC: what the main process answers the page's two calls.
 * Answers are values, never thrown errors: contextBridge keeps only the message of an error
 * thrown across it, and the page needs the status and stable code to say what to do next.
 */
import { ApiFailure } from '../../shared/src/api/client.ts';
import { StationTicketRequest, SurveyRequest, type ApiError, type StationTicketResult } from '../../shared/src/protocol.ts';
import { validationError } from '../../shared/src/validation.ts';
import type { IpcAnswer } from '../preload/channels.ts';
import type { Station } from '../station/station.ts';

export interface StationIpc {
  issueTicket(raw: unknown): Promise<IpcAnswer<StationTicketResult>>;
  submitSurvey(raw: unknown): Promise<IpcAnswer<null>>;
}

/** A failure as the station's HTTP face would answer it; anything unexpected is `station_error`. */
function failed(err: unknown): { ok: false; status: number; error: ApiError } {
  if (err instanceof ApiFailure) return { ok: false, status: err.status, error: err.body };
  return { ok: false, status: 500, error: { error: 'station_error', message: err instanceof Error ? err.message : String(err) } };
}

export function stationIpc(station: () => Promise<Station>): StationIpc {
  return {
    async issueTicket(raw) {
      const parsed = StationTicketRequest.safeParse(raw);
      if (!parsed.success) return { ok: false, status: 400, error: validationError(parsed.error) };
      try {
        return { ok: true, result: await (await station()).issueTicket(parsed.data) };
      } catch (err) {
        return failed(err);
      }
    },
    async submitSurvey(raw) {
      const parsed = SurveyRequest.safeParse(raw);
      if (!parsed.success) return { ok: false, status: 400, error: validationError(parsed.error) };
      try {
        await (await station()).submitSurvey(parsed.data);
        return { ok: true, result: null };
      } catch (err) {
        return failed(err);
      }
    },
  };
}
