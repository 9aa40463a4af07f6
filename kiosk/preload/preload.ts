/**
 * The one object the kiosk page gets from Electron: `window.station`, the station's answers as
 * values (the page turns refusals into errors: contextBridge would drop an error's status and
 * code). invoke/handle only; nothing else of Node or IPC leaks.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { StationTicketRequest, StationTicketResult, SurveyRequest } from '../../shared/src/protocol.ts';
import type { StationBridge } from '../renderer/kiosk/station-api.ts';
import { IPC_ISSUE_TICKET, IPC_SCAN, IPC_SUBMIT_SURVEY, type IpcAnswer } from './channels.ts';

const station = {
  issueTicket: (request: StationTicketRequest) => ipcRenderer.invoke(IPC_ISSUE_TICKET, request) as Promise<IpcAnswer<StationTicketResult>>,
  submitSurvey: (request: SurveyRequest) => ipcRenderer.invoke(IPC_SUBMIT_SURVEY, request) as Promise<IpcAnswer<null>>,
  /** Codes read by the station's own scanners; returns the unsubscribe function. */
  onScan(listener: (code: unknown) => void): () => void {
    const handler = (_event: unknown, code: unknown): void => listener(code);
    ipcRenderer.on(IPC_SCAN, handler);
    return () => ipcRenderer.removeListener(IPC_SCAN, handler);
  },
} satisfies StationBridge;

contextBridge.exposeInMainWorld('station', station);
