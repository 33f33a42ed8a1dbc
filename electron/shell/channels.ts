/** The two IPC channels between the window and the main process. */
export const CALL_CHANNEL = 'kluis:call';
export const EVENT_CHANNEL = 'kluis:event';
