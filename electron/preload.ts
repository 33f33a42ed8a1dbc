import { contextBridge, ipcRenderer } from 'electron';
import { createEventHub, createKluisBridge, parseKluisEvent } from './shell/bridge';
import { CALL_CHANNEL, CHOOSE_CHANNEL, EVENT_CHANNEL } from './shell/channels';

/**
 * The whole preload: one object, `window.kluis`, whose functions make typed calls over
 * one IPC channel and whose events come from one other. The page never gets ipcRenderer,
 * the IPC event object, or anything else from this world.
 */

const hub = createEventHub();

ipcRenderer.on(EVENT_CHANNEL, (_event, payload: unknown) => {
  const event = parseKluisEvent(payload);
  if (event) hub.emit(event);
});

contextBridge.exposeInMainWorld(
  'kluis',
  createKluisBridge(
    (method, input) => ipcRenderer.invoke(CALL_CHANNEL, method, input),
    hub.events,
    (request) => ipcRenderer.invoke(CHOOSE_CHANNEL, request),
    // A sandboxed preload has process.platform
    // (https://www.electronjs.org/docs/latest/api/process#sandbox).
    process.platform,
  ),
);
