// electron-builder configuration: `npm run dist` builds the installers from it.
// What builds where (README, 'Build the installers'): AppImage and .deb on Linux, NSIS on
// Windows (or on Linux with wine), dmg only on macOS. Each platform's SQLite addon must be
// built on that platform first (build/rebuild-native.mjs); node-gyp cannot cross-compile.
// Tested as data by tests/unit/packaging-builder-config.test.ts.
const {
  BUILD_INFO_FILE,
  NATIVE_FILE,
  distArchs,
  installedElectron,
  nativeDirName,
} = require('./native-target.cjs');

const electron = installedElectron();
// This machine's CPU, or DOSSIERKLUIS_DIST_ARCHS=x64,arm64: the CPUs whose SQLite addon
// build/rebuild-native.mjs has built (it reads the same setting).
const ARCHS = distArchs();

// TODO(release): replace with the publisher's real site and support address before the
// first public release. The .deb needs both (Homepage, Maintainer); .example is a reserved
// domain, so a placeholder can never point at somebody else.
const PUBLISHER = Object.freeze({
  name: 'Dossierkluis',
  homepage: 'https://dossierkluis.example',
  maintainer: 'Dossierkluis <support@dossierkluis.example>',
});

const SYNOPSIS = 'Versleutelde cliëntdossiers voor coaches';
const DESCRIPTION =
  'Dossierkluis bewaart cliëntdossiers van coaches versleuteld op de eigen computer, ' +
  'volgens de ethische code van TotalBalance. Werkt zonder internet.';

/**
 * The SQLite addon built for this Electron on `platform` (build/rebuild-native.mjs), shipped
 * outside app.asar in resources/native: a .node file cannot be loaded from inside an asar,
 * and electron/shell/native-binding.ts looks for it there. build/after-pack.cjs fails the
 * build when it is missing or built for another Electron, platform or arch.
 */
function nativeResources(platform) {
  return [
    {
      from: `out/native/${nativeDirName({
        electronVersion: electron.version,
        platform,
        // biome-ignore lint/suspicious/noTemplateCurlyInString: electron-builder expands ${arch} per build
        arch: '${arch}',
      })}`,
      to: 'native',
      filter: [NATIVE_FILE, BUILD_INFO_FILE],
    },
  ];
}

/** @type {import('electron-builder').Configuration} */
const config = {
  appId: 'nl.dossierkluis.app',
  productName: 'Dossierkluis',
  copyright: `Copyright © ${PUBLISHER.name}`,
  // The Electron that `npm install` put in node_modules, so the addon, the fuses and the
  // packaged binary are all for one version.
  electronVersion: electron.version,
  // Machines that cannot download Electron can point this at a folder with Electron's
  // release zips (electron-v<version>-<platform>-<arch>.zip).
  ...(process.env.DOSSIERKLUIS_ELECTRON_DIST
    ? { electronDist: process.env.DOSSIERKLUIS_ELECTRON_DIST }
    : {}),
  extraMetadata: {
    homepage: PUBLISHER.homepage,
    // Electron on Linux takes its window's app_id / WM_CLASS from desktopName; with
    // linux.syncDesktopName the installed .desktop file gets the same name, so the desktop
    // links the running window to its launcher and icon.
    desktopName: 'dossierkluis.desktop',
  },
  directories: { output: 'dist', buildResources: 'build' },

  // Only the built app. esbuild bundles the main process; what it leaves external
  // (better-sqlite3-multiple-ciphers, pdfkit) comes from node_modules, which
  // electron-builder adds from the production dependencies.
  files: [
    'package.json',
    'out/electron/**/*',
    'out/renderer/**/*',
    '!**/*.map',
    // The Node-ABI addon, its C sources and build files: the Electron one ships in
    // resources/native instead.
    '!**/node_modules/better-sqlite3-multiple-ciphers/build{,/**/*}',
    '!**/node_modules/better-sqlite3-multiple-ciphers/deps{,/**/*}',
    '!**/node_modules/better-sqlite3-multiple-ciphers/src{,/**/*}',
    '!**/node_modules/better-sqlite3-multiple-ciphers/binding.gyp',
  ],
  asar: true,
  // The addon for Electron's ABI is built by build/rebuild-native.mjs into out/native,
  // never in node_modules (where vitest's Node build lives), so electron-builder must not
  // rebuild node_modules itself.
  npmRebuild: false,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,
  // Chromium's own UI strings (context menus, dialogs): Dutch and English, as the app.
  electronLanguages: ['nl', 'en', 'en-US', 'en-GB'],
  // Offline app without auto-update: no update feed, no app-update.yml.
  publish: null,
  // Fuses and the addon check (build/after-pack.cjs), before electron-builder signs.
  afterPack: './build/after-pack.cjs',
  // No file association for .age. Handover bundles and backups are age files, but so is
  // anything made with the standard `age` tool: claiming the extension would take over
  // files that are not ours. And an import needs an unlocked vault and a choice of what to
  // import, which the app's Import screen asks for; a double-click has nowhere to go.

  mac: {
    target: [{ target: 'dmg', arch: ARCHS }],
    category: 'public.app-category.productivity',
    icon: 'build/icons/icon.icns',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
    darkModeSupport: true,
    extraResources: nativeResources('darwin'),
  },
  dmg: {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: electron-builder macros
    title: '${productName} ${version}',
    // The CPU in every name (electron-builder leaves out x64 by default), as the README says.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: electron-builder macros
    artifactName: '${productName}-${version}-${arch}.${ext}',
  },

  win: {
    target: [{ target: 'nsis', arch: ARCHS }],
    icon: 'build/icons/icon.ico',
    extraResources: nativeResources('win32'),
  },
  nsis: {
    // One installer; with both CPUs configured it carries both and picks at install time.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: electron-builder macros
    artifactName: '${productName}-Setup-${version}.${ext}',
    // Per-user: installs into %LOCALAPPDATA%\Programs\Dossierkluis without asking for an
    // administrator, which many coaches on a managed or shared computer are not.
    oneClick: true,
    perMachine: false,
    packElevateHelper: false,
    installerLanguages: ['nl_NL', 'en_US'],
    multiLanguageInstaller: true,
    // Dutch (LCID 1043) unless Windows runs in English.
    language: '1043',
    displayLanguageSelector: false,
    installerIcon: 'build/icons/icon.ico',
    uninstallerIcon: 'build/icons/icon.ico',
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: 'Dossierkluis',
    runAfterFinish: true,
    // Never: %APPDATA%\Dossierkluis holds the vault. Uninstalling the app must not erase
    // a coach's dossiers.
    deleteAppDataOnUninstall: false,
  },

  linux: {
    target: [
      { target: 'AppImage', arch: ARCHS },
      { target: 'deb', arch: ARCHS },
    ],
    category: 'Office',
    icon: 'build/icons',
    executableName: 'dossierkluis',
    syncDesktopName: true,
    synopsis: SYNOPSIS,
    description: DESCRIPTION,
    maintainer: PUBLISHER.maintainer,
    vendor: PUBLISHER.name,
    desktop: {
      entry: {
        GenericName: 'Cliëntdossiers',
        Comment: SYNOPSIS,
        Keywords: 'coach;dossier;cliënt;versleuteld;kluis;',
      },
    },
    extraResources: nativeResources('linux'),
  },
  appImage: {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: electron-builder macros
    artifactName: '${productName}-${version}-${arch}.${ext}',
  },
  deb: {
    // electron-builder's defaults, plus what Electron itself links at start (libgbm for
    // GPU buffers, ALSA's libasound) and is missing from minimal installs. On Debian 13 and
    // Ubuntu 24.04, libasound2t64 provides libasound2.
    depends: [
      'libgtk-3-0',
      'libnotify4',
      'libnss3',
      'libxss1',
      'libxtst6',
      'xdg-utils',
      'libatspi2.0-0',
      'libuuid1',
      // The keyring behind cookie encryption (fuse EnableCookieEncryption).
      'libsecret-1-0',
      'libgbm1',
      'libasound2',
    ],
    priority: 'optional',
  },
};

module.exports = config;
