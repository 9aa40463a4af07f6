/** IPC channel names shared by the main process and the preload; one per capability. */
import type { ApiError } from '../../shared/src/protocol.ts';

export const IPC_ISSUE_TICKET = 'station:issue-ticket';
export const IPC_SUBMIT_SURVEY = 'station:submit-survey';
/** Main → renderer: a code read by a scanner the station owns (HID-POS, serial). */
export const IPC_SCAN = 'station:scan';

/** What the main process answers over IPC: a value either way (see kiosk/main/station-ipc.ts). */
export type IpcAnswer<T> = { ok: true; result: T } | { ok: false; status: number; error: ApiError };
