// The Electron fuses of every packaged Dossierkluis, as plain data. Fuses are bits in the
// Electron binary, flipped at package time (build/after-pack.cjs) before code signing, so
// the OS signature check then keeps them flipped. A unit test
// (tests/unit/packaging-fuses.test.ts) fails when any value below is weakened.
// https://www.electronjs.org/docs/latest/tutorial/fuses
//
// Keys are the names of @electron/fuses' FuseV1Options; after-pack.cjs refuses a name the
// installed @electron/fuses does not know, so a typo cannot silently leave a fuse as is.

/** @type {Readonly<Record<string, boolean>>} */
const FUSES = Object.freeze({
  // ELECTRON_RUN_AS_NODE would turn the signed app into a plain Node that runs any script
  // with the app's identity (and its keychain/disk permissions). The app never forks.
  RunAsNode: false,
  // Chromium's cookie store, encrypted with the OS keychain. The app sets no cookies; the
  // fuse makes sure that anything Chromium stores that way never lands on disk in plain text.
  EnableCookieEncryption: true,
  // NODE_OPTIONS=--require=evil.js would run code inside the main process before ours.
  EnableNodeOptionsEnvironmentVariable: false,
  // --inspect / --inspect-brk / SIGUSR1 would open a debugger on the main process, which
  // holds the unlocked vault's key.
  EnableNodeCliInspectArguments: false,
  // Electron checks app.asar against the hash electron-builder embeds (Info.plist on
  // macOS, a resource in the .exe on Windows), so changing the app's code on disk stops it.
  EnableEmbeddedAsarIntegrityValidation: true,
  // Only app.asar is loaded: no loose resources/app folder next to it can take its place.
  OnlyLoadAppFromAsar: true,
  // We ship no browser-process-specific V8 snapshot; turning this on without one would
  // stop the app from starting.
  LoadBrowserProcessSpecificV8Snapshot: false,
  // The app is served from its own app:// protocol and never loads file:// pages, so
  // file:// needs none of its legacy extra privileges.
  GrantFileProtocolExtraPrivileges: false,
});

/**
 * Fuses the Electron binary may carry beyond those above and that we leave at Electron's
 * default on purpose. WasmTrapHandlers (the ninth fuse of recent Electron releases, on by
 * default) is V8's safety net for out-of-bounds WebAssembly memory access; @electron/fuses
 * 1.x cannot name it, and its default is the safe setting.
 */
const LEFT_AT_DEFAULT = Object.freeze(['WasmTrapHandlers']);

module.exports = { FUSES, LEFT_AT_DEFAULT };
