/**
 * The texts the main process shows when it cannot start, before any page (and i18next)
 * exists. Dutch first, English second, like the UI. The coach's own language setting lives
 * inside the encrypted vault and cannot be read this early, so the system's languages
 * decide.
 */

export type StartupLanguage = 'nl' | 'en';

/** The first of the system's languages the app speaks; Dutch when none is. */
export function startupLanguage(systemLanguages: readonly string[]): StartupLanguage {
  for (const tag of systemLanguages) {
    const primary = tag.toLowerCase().split(/[-_]/, 1)[0];
    if (primary === 'nl' || primary === 'en') return primary;
  }
  return 'nl';
}

export interface StartupMessage {
  readonly title: string;
  readonly body: string;
}

const texts = {
  nl: {
    title: 'Dossierkluis kan niet starten',
    inspection:
      "Dossierkluis is gestart met een instelling waarmee andere programma's in de app " +
      'kunnen meekijken. Om je dossiers te beschermen start de app zo niet.\n\n' +
      'Start Dossierkluis gewoon vanuit het menu of met het pictogram.',
    native:
      'Een onderdeel van Dossierkluis ontbreekt of is beschadigd, waardoor de app je kluis ' +
      'niet kan openen.\n\nInstalleer Dossierkluis opnieuw. Je kluis en je back-ups blijven ' +
      'gewoon bewaard.',
    details: 'Technische details',
  },
  en: {
    title: 'Dossierkluis cannot start',
    inspection:
      'Dossierkluis was started with a setting that lets other programs look inside the ' +
      'app. To protect your dossiers, the app does not start this way.\n\n' +
      'Start Dossierkluis from the menu or with its icon as usual.',
    native:
      'Part of Dossierkluis is missing or damaged, so the app cannot open your vault.\n\n' +
      'Reinstall Dossierkluis. Your vault and your backups are kept as they are.',
    details: 'Technical details',
  },
} as const;

function withDetails(language: StartupLanguage, body: string, details: readonly string[]) {
  if (details.length === 0) return body;
  return `${body}\n\n${texts[language].details}:\n${details.join('\n')}`;
}

/**
 * Started with a debugging or logging switch or variable
 * (electron/shell/inspection-switches.ts), each named as given (`--name`, `VARIABLE`).
 */
export function inspectionRefused(
  language: StartupLanguage,
  causes: readonly string[],
): StartupMessage {
  return {
    title: texts[language].title,
    body: withDetails(language, texts[language].inspection, causes),
  };
}

/**
 * The SQLite module for Electron is missing or does not load. From source the details
 * say how to build it; an installed app only needs reinstalling.
 */
export function nativeModuleFailed(
  language: StartupLanguage,
  options: { readonly isPackaged: boolean; readonly path: string; readonly reason: string },
): StartupMessage {
  const details = [options.reason, options.path];
  if (!options.isPackaged) details.push('node build/rebuild-native.mjs');
  return {
    title: texts[language].title,
    body: withDetails(language, texts[language].native, details),
  };
}
