/** IPC channel names shared by the main process and the preload; one per capability. */
export const IPC_ISSUE_TICKET = 'station:issue-ticket';
export const IPC_SUBMIT_SURVEY = 'station:submit-survey';
/** Main → renderer: a code read by a scanner the station owns (HID-POS, serial). */
export const IPC_SCAN = 'station:scan';
