/**
 * The window's security settings and the page's Content-Security-Policy, as plain data,
 * so unit tests can hold every value in place and the browser harness serves exactly the
 * headers the app protocol serves.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'kluis';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Everything the UI needs comes from its own origin; nothing is fetched, framed or posted
 * anywhere else. `data:`/`blob:` images let the UI preview an attachment it already holds.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
});

function serialise(directives: Readonly<Record<string, readonly string[]>>): string {
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

export const CONTENT_SECURITY_POLICY = serialise(CSP_DIRECTIVES);

/**
 * The same policy for the `<meta>` tag in index.html. Browsers ignore `frame-ancestors`
 * in a meta tag and Chromium reports it as a console error, which would drown real CSP
 * violations in the e2e logs; the response header carries it.
 */
export const META_CONTENT_SECURITY_POLICY = serialise(
  Object.fromEntries(Object.entries(CSP_DIRECTIVES).filter(([name]) => name !== 'frame-ancestors')),
);

/** Headers on every response of the app protocol and of the browser harness. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}

export function isAppUrl(url: string): boolean {
  return url.startsWith(`${APP_ORIGIN}/`);
}

/**
 * The privileges of `app://`: `standard` gives it a real origin (relative URLs, storage),
 * `secure` makes it a secure context, `corsEnabled` lets Chromium load the bundle's module
 * scripts (Vite marks them `crossorigin`). It gets no CSP bypass and no service workers.
 */
export const APP_SCHEME_PRIVILEGES = Object.freeze({
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: true,
  codeCache: true,
  bypassCSP: false,
  allowServiceWorkers: false,
  stream: false,
});

export interface SecureWebPreferences {
  readonly preload: string;
  readonly contextIsolation: true;
  readonly sandbox: true;
  readonly nodeIntegration: false;
  readonly nodeIntegrationInWorker: false;
  readonly nodeIntegrationInSubFrames: false;
  readonly webSecurity: true;
  readonly allowRunningInsecureContent: false;
  readonly webviewTag: false;
  readonly experimentalFeatures: false;
  readonly navigateOnDragDrop: false;
  readonly safeDialogs: true;
  readonly disableBlinkFeatures: 'Auxclick';
  /** Chromium's spellchecker sends typed words to a dictionary service: client notes. */
  readonly spellcheck: false;
  readonly devTools: boolean;
}

export interface MainWindowOptions {
  readonly title: string;
  readonly width: number;
  readonly height: number;
  readonly minWidth: number;
  readonly minHeight: number;
  readonly show: false;
  readonly backgroundColor: string;
  readonly autoHideMenuBar: false;
  readonly webPreferences: SecureWebPreferences;
}

export function mainWindowOptions(options: {
  preloadPath: string;
  devTools: boolean;
}): MainWindowOptions {
  return {
    title: 'Dossierkluis',
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    // Shown on 'ready-to-show', so the coach never sees a white flash.
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: false,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // A middle click must not open a link in a new window (window.open is denied too).
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      devTools: options.devTools,
    },
  };
}

/**
 * Only our own bundle, and what the page made itself (blob:/data: for previews and
 * downloads), may load. The app is offline by design: any other URL is a bug or an attack.
 */
export function isAllowedRequest(url: string, options: { devTools: boolean }): boolean {
  if (isAppUrl(url)) return true;
  if (url.startsWith(`blob:${APP_ORIGIN}/`)) return true;
  if (url.startsWith('data:')) return true;
  return options.devTools && url.startsWith('devtools://');
}

/**
 * The one permission the page has: writing plain text to the clipboard, which the "copy"
 * buttons do with navigator.clipboard.writeText (Chromium asks for
 * `clipboard-sanitized-write`). Only for our own page, in its main frame; every other
 * permission, and this one for any other origin, is refused. Reading the clipboard stays
 * refused: the page never needs what other programs copied.
 * https://www.electronjs.org/docs/latest/api/session#sessetpermissionrequesthandlerhandler
 */
export const ALLOWED_PERMISSION = 'clipboard-sanitized-write';

/** The `details` Electron passes both handlers (PermissionRequest / ...CheckHandlerDetails). */
export interface PermissionDetails {
  readonly requestingUrl?: string;
  readonly isMainFrame?: boolean;
}

/** For ses.setPermissionRequestHandler(handler(webContents, permission, callback, details)). */
export function answerPermissionRequest(
  permission: string,
  details: PermissionDetails | undefined,
): boolean {
  return (
    permission === ALLOWED_PERMISSION &&
    details?.isMainFrame === true &&
    typeof details.requestingUrl === 'string' &&
    isAppUrl(details.requestingUrl)
  );
}

/**
 * For ses.setPermissionCheckHandler(handler(webContents, permission, requestingOrigin,
 * details)); `requestingUrl` is absent for cross-origin subframes, which get no.
 * https://www.electronjs.org/docs/latest/api/session#sessetpermissioncheckhandlerhandler
 */
export function answerPermissionCheck(
  permission: string,
  requestingOrigin: string,
  details: PermissionDetails | undefined,
): boolean {
  return (
    permission === ALLOWED_PERMISSION &&
    requestingOrigin === APP_ORIGIN &&
    details?.isMainFrame === true &&
    typeof details.requestingUrl === 'string' &&
    isAppUrl(details.requestingUrl)
  );
}
