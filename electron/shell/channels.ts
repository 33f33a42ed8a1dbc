/** The IPC channels between the window and the main process. */
export const CALL_CHANNEL = 'kluis:call';
export const EVENT_CHANNEL = 'kluis:event';
/** Native file dialogs: the page gets back an opaque token for the chosen path, never the path. */
export const CHOOSE_CHANNEL = 'kluis:choose';
