/**
 * The native menu as data, in Dutch or English. Items with an `action` are handled by the
 * main process (lock) or forwarded to the UI (about); items with a `role` are Electron's
 * own (copy, zoom...). main.ts attaches the click handlers.
 */

import type { KluisMenuAction } from './bridge';

export type MenuLanguage = 'nl' | 'en';
/** Lock is the main process's own; every other action is forwarded to the UI. */
export type MenuAction = 'lock' | KluisMenuAction;

export type MenuRole =
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'reload'
  | 'toggleDevTools'
  | 'quit'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'close'
  | 'minimize'
  | 'window';

export interface MenuItemSpec {
  readonly label?: string;
  readonly role?: MenuRole;
  readonly type?: 'separator';
  readonly accelerator?: string;
  readonly action?: MenuAction;
  readonly submenu?: readonly MenuItemSpec[];
}

const messages = {
  nl: {
    file: 'Bestand',
    newClient: 'Nieuwe cliënt',
    lock: 'Vergrendelen',
    quit: 'Afsluiten',
    edit: 'Bewerken',
    undo: 'Ongedaan maken',
    redo: 'Opnieuw',
    cut: 'Knippen',
    copy: 'Kopiëren',
    paste: 'Plakken',
    selectAll: 'Alles selecteren',
    view: 'Beeld',
    resetZoom: 'Ware grootte',
    zoomIn: 'Inzoomen',
    zoomOut: 'Uitzoomen',
    fullscreen: 'Volledig scherm',
    reload: 'Opnieuw laden',
    devTools: 'Ontwikkelhulpmiddelen',
    window: 'Venster',
    minimize: 'Minimaliseren',
    close: 'Sluiten',
    help: 'Help',
    about: 'Over Dossierkluis',
    hide: 'Dossierkluis verbergen',
    hideOthers: 'Andere verbergen',
    unhide: 'Alles tonen',
    saveExport: 'Export opslaan',
  },
  en: {
    file: 'File',
    newClient: 'New client',
    lock: 'Lock',
    quit: 'Quit',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select all',
    view: 'View',
    resetZoom: 'Actual size',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    fullscreen: 'Full screen',
    reload: 'Reload',
    devTools: 'Developer tools',
    window: 'Window',
    minimize: 'Minimise',
    close: 'Close',
    help: 'Help',
    about: 'About Dossierkluis',
    hide: 'Hide Dossierkluis',
    hideOthers: 'Hide others',
    unhide: 'Show all',
    saveExport: 'Save export',
  },
} as const satisfies Record<MenuLanguage, Record<string, string>>;

export type MenuMessages = (typeof messages)[MenuLanguage];

export function menuMessages(language: MenuLanguage): MenuMessages {
  return messages[language];
}

const separator: MenuItemSpec = { type: 'separator' };

export function menuTemplate(options: {
  language: MenuLanguage;
  /** Reload and DevTools: development builds only. */
  devTools: boolean;
  platform: NodeJS.Platform;
}): MenuItemSpec[] {
  const t = messages[options.language];
  const mac = options.platform === 'darwin';
  const template: MenuItemSpec[] = [];
  if (mac) {
    template.push({
      label: 'Dossierkluis',
      submenu: [
        { label: t.about, action: 'about' },
        separator,
        { label: t.hide, role: 'hide' },
        { label: t.hideOthers, role: 'hideOthers' },
        { label: t.unhide, role: 'unhide' },
        separator,
        { label: t.quit, role: 'quit' },
      ],
    });
  }
  template.push(
    {
      label: t.file,
      submenu: [
        // The same Ctrl+N as the page's shortcut, and the same one thing: a new client.
        { label: t.newClient, accelerator: 'CmdOrCtrl+N', action: 'new-client' },
        separator,
        { label: t.lock, accelerator: 'CmdOrCtrl+L', action: 'lock' },
        ...(mac ? [] : [separator, { label: t.quit, role: 'quit' as const }]),
      ],
    },
    {
      label: t.edit,
      submenu: [
        { label: t.undo, role: 'undo' },
        { label: t.redo, role: 'redo' },
        separator,
        { label: t.cut, role: 'cut' },
        { label: t.copy, role: 'copy' },
        { label: t.paste, role: 'paste' },
        separator,
        { label: t.selectAll, role: 'selectAll' },
      ],
    },
    {
      label: t.view,
      submenu: [
        { label: t.resetZoom, role: 'resetZoom' },
        { label: t.zoomIn, role: 'zoomIn' },
        { label: t.zoomOut, role: 'zoomOut' },
        separator,
        { label: t.fullscreen, role: 'togglefullscreen' },
        ...(options.devTools
          ? [
              separator,
              { label: t.reload, role: 'reload' as const },
              { label: t.devTools, role: 'toggleDevTools' as const },
            ]
          : []),
      ],
    },
  );
  if (mac) {
    template.push({
      label: t.window,
      role: 'window',
      submenu: [
        { label: t.minimize, role: 'minimize' },
        { label: t.close, role: 'close' },
      ],
    });
  }
  template.push({
    label: t.help,
    submenu: [{ label: t.about, action: 'about' }],
  });
  return template;
}

/** Every action a template holds, so tests can check each one is wired. */
export function actionsOf(template: readonly MenuItemSpec[]): MenuAction[] {
  return template.flatMap((item) => [
    ...(item.action ? [item.action] : []),
    ...actionsOf(item.submenu ?? []),
  ]);
}
