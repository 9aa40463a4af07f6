/** IPC channel names shared by the main process and the preload; one per capability. */
export const IPC_ISSUE_TICKET = 'station:issue-ticket';
export const IPC_SUBMIT_SURVEY = 'station:submit-survey';
