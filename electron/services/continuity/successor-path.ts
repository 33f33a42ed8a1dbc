/**
 * The screens, menu items and buttons a successor goes through to open the continuity
 * bundle, by their Dutch labels exactly as the app shows them. A keeper's sheet names
 * them in an emergency, years after it was printed, to someone who has never seen the
 * app: a label that drifts from the UI strands them. tests/unit/keeper-sheet.test.ts
 * holds every one to renderer/src/i18n/nl.json and to the component that shows it.
 */
export const SUCCESSOR_PATH = {
  /** The first screen of a computer without a vault (vault.create.title). */
  firstScreen: 'Welkom bij Dossierkluis',
  /** vault.create.submit */
  createVault: 'Kluis maken',
  /** vault.recovery.confirm */
  recoveryWritten: 'Ik heb de herstelsleutel opgeschreven',
  /** vault.recovery.continue */
  recoveryContinue: 'Verder naar Dossierkluis',
  /** The heading in the menu on the left (nav.practice). */
  menuHeading: 'Praktijk',
  /** The menu item under it (nav.handover). */
  menuItem: 'Overdracht',
  /** The part of that page (handover.recover.title). */
  section: 'Herstellen met het noodpakket',
  /** handover.chooseFile */
  chooseFile: 'Bundel kiezen',
  /** The boxes for the codes: 'Deel 1', 'Deel 2' … (continuity.shares.label). */
  codeBox: 'Deel',
  /** continuity.shares.add */
  moreBoxes: 'Nog een deel',
  /** handover.recover.open */
  open: 'Bundel openen met de delen',
} as const;
