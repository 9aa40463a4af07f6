/**
 * The one object the kiosk page gets from Electron: `window.station`, with the same shape as
 * the HTTP station API used in a browser. invoke/handle only; nothing else of Node or IPC leaks.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { ApiError, StationTicketRequest, StationTicketResult, SurveyRequest } from '../../shared/src/protocol.ts';
import type { StationApi } from '../renderer/kiosk/station-api.ts';
import { IPC_ISSUE_TICKET, IPC_SCAN, IPC_SUBMIT_SURVEY } from './channels.ts';

type IpcAnswer<T> = { ok: true; result: T } | { ok: false; error: ApiError };

const station = {
  async issueTicket(request: StationTicketRequest): Promise<StationTicketResult> {
    const answer = (await ipcRenderer.invoke(IPC_ISSUE_TICKET, request)) as IpcAnswer<StationTicketResult>;
    if (!answer.ok) throw Object.assign(new Error(answer.error.message), { status: 400, body: answer.error });
    return answer.result;
  },
  async submitSurvey(request: SurveyRequest): Promise<void> {
    const answer = (await ipcRenderer.invoke(IPC_SUBMIT_SURVEY, request)) as IpcAnswer<null>;
    if (!answer.ok) throw Object.assign(new Error(answer.error.message), { status: 400, body: answer.error });
  },
  /** Codes read by the station's own scanners; returns the unsubscribe function. */
  onScan(listener: (code: unknown) => void): () => void {
    const handler = (_event: unknown, code: unknown): void => listener(code);
    ipcRenderer.on(IPC_SCAN, handler);
    return () => ipcRenderer.removeListener(IPC_SCAN, handler);
  },
} satisfies StationApi;

contextBridge.exposeInMainWorld('station', station);
