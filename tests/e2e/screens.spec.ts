import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import {
  createVault,
  dateField,
  day,
  form,
  openTab,
  PASSPHRASE,
  recordContract,
  saveForm,
  typeDate,
} from './app-steps';
import { expect, test } from './fixtures';

/**
 * Every screen, once in Dutch and once in English: no serious or critical axe finding,
 * no untranslated key on screen, and a screenshot of each for people to look at.
 */

const KEY_LIKE = /^[a-z]+(\.[a-zA-Z-]+)+$/;
// Phrases of the Dutch UI that must never show in the English one. (Client data and
// pseudonyms are Dutch words too, so single words would not do.)
const DUTCH_ONLY = [
  'Nieuwe cliënt',
  'Opslaan',
  'Vergrendelen',
  'Instellingen',
  'Afspraken',
  'Sessies',
  'Toevoegen',
  'Bewerken',
  'Verwijderen',
  'Wachtwoordzin',
  'Nog geen',
  'Afsluiting',
  'Documenten',
  'In orde',
  'N.v.t.',
  'Laden…',
  'Gegevens van de cliënt',
  'Ontgrendelen',
];

type Language = 'nl' | 'en';

function containsPhrase(text: string, phrase: string): boolean {
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<!\\p{L})${escaped}(?!\\p{L})`, 'u').test(text);
}

interface Tour {
  page: Page;
  language: Language;
  testInfo: TestInfo;
  seen: string[];
}

async function check(tour: Tour, name: string): Promise<void> {
  const { page, language, testInfo } = tour;
  // Wait for the screen to settle: nothing still loading.
  await expect(page.getByText(/^(Laden…|Loading…)$/)).toHaveCount(0);

  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      help: violation.help,
      nodes: violation.nodes.slice(0, 3).map((node) => node.target.join(' ')),
    }));
  expect(serious, `axe on ${language}/${name}`).toEqual([]);

  const lines = (await page.locator('body').innerText())
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  expect(
    lines.filter((line) => KEY_LIKE.test(line)),
    `untranslated keys on ${language}/${name}`,
  ).toEqual([]);
  if (language === 'en') {
    const text = lines.join('\n');
    // Whole words only: 'In order' is English, though it starts with 'In orde'.
    expect(
      DUTCH_ONLY.filter((phrase) => containsPhrase(text, phrase)),
      `Dutch on ${name}`,
    ).toEqual([]);
  }

  const dir = 'test-results/screens';
  mkdirSync(dir, { recursive: true });
  const path = `${dir}/${language}-${String(tour.seen.length + 1).padStart(2, '0')}-${name}.png`;
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(`${language}-${name}`, { path, contentType: 'image/png' });
  tour.seen.push(name);
}

const words = {
  nl: {
    clients: 'Cliënten',
    newClient: /Nieuwe cliënt/,
    firstName: 'Voornaam',
    lastName: 'Achternaam',
    create: 'Cliënt aanmaken',
    tabs: {
      overview: 'Overzicht',
      sessions: 'Sessies',
      agreements: 'Afspraken',
      supervision: 'Supervisie',
      documents: 'Documenten',
      relations: 'Relaties & verwijzingen',
      ending: 'Afsluiting',
      feedback: 'Feedback',
    },
    newSession: /Nieuwe sessie/,
    notes: 'Verslag',
    saved: /Opgeslagen om/,
    search: 'Zoeken',
    practice: {
      profile: 'Profiel & verzekering',
      supervision: 'Supervisie & intervisie',
      development: 'Ontwikkeling',
      feedback: 'Feedback',
      backups: 'Back-ups',
      continuity: 'Continuïteit',
      handover: 'Overdracht',
      audit: 'Auditlog',
      settings: 'Instellingen',
    },
    contract: 'Contract',
    consentOn: 'Anonieme supervisie besproken op',
    saveContract: 'Contract opslaan',
    makeSummary: 'Casusbeschrijving maken',
    sessionOf: /Sessie van/,
    ownText: 'Eigen tekst',
    prepare: 'Anonimiseren en nakijken',
    anonymised: 'Geanonimiseerd',
    newMeeting: /Bijeenkomst vastleggen/,
    folder: 'Map (volledig pad)',
    setFolder: 'Map instellen',
    backupNow: 'Nu back-up maken',
    backupMade: /Back-up gemaakt en gecontroleerd/,
    restoreOpen: 'Herstellen uit back-up',
    backToCreate: 'Terug naar een nieuwe kluis maken',
    backToUnlock: 'Terug naar ontgrendelen',
    forgot: 'Wachtwoordzin vergeten?',
    resetTitle: 'Nieuwe wachtwoordzin instellen',
    found: /back-up gevonden/,
    plan: 'Plan',
    addKeeper: /Bewaarder toevoegen/,
    keeper: 'Bewaarder',
    name: 'Naam',
    savePlan: 'Plan opslaan',
    savedPlan: 'Opgeslagen',
    issueKit: 'Noodpakket uitgeven',
    kitReady: 'Elke bewaarder krijgt een eigen blad.',
    unlockTitle: 'Kluis ontgrendelen',
    addPerson: /Persoon toevoegen/,
    passphrase: 'Wachtwoordzin',
    repeat: 'Herhaal de wachtwoordzin',
    strong: 'sterk genoeg',
    createVault: 'Kluis maken',
    recoveryTitle: 'Schrijf je herstelsleutel op',
    written: 'Ik heb de herstelsleutel opgeschreven',
    continue: 'Verder naar Dossierkluis',
    accessUnencrypted: 'Niet versleutelen',
    accessAcknowledge: /Ik begrijp dat het bestand niet versleuteld is/,
  },
  en: {
    clients: 'Clients',
    newClient: /New client/,
    firstName: 'First name',
    lastName: 'Last name',
    create: 'Create client',
    tabs: {
      overview: 'Overview',
      sessions: 'Sessions',
      agreements: 'Agreements',
      supervision: 'Supervision',
      documents: 'Documents',
      relations: 'Relations & referrals',
      ending: 'Ending',
      feedback: 'Feedback',
    },
    newSession: /New session/,
    notes: 'Notes',
    saved: /Saved at/,
    search: 'Search',
    practice: {
      profile: 'Profile & insurance',
      supervision: 'Supervision & intervision',
      development: 'Development',
      feedback: 'Feedback',
      backups: 'Backups',
      continuity: 'Continuity',
      handover: 'Handover',
      audit: 'Audit log',
      settings: 'Settings',
    },
    contract: 'Contract',
    consentOn: 'Anonymous supervision discussed on',
    saveContract: 'Save contract',
    makeSummary: 'Make a case summary',
    sessionOf: /Session of/,
    ownText: 'Your own text',
    prepare: 'Anonymise and review',
    anonymised: 'Anonymised',
    newMeeting: /Record a meeting/,
    folder: 'Folder (full path)',
    setFolder: 'Set folder',
    backupNow: 'Back up now',
    backupMade: /Backup made and checked/,
    restoreOpen: 'Restore from a backup',
    backToCreate: 'Back to making a new vault',
    backToUnlock: 'Back to unlocking',
    forgot: 'Forgot your passphrase?',
    resetTitle: 'Set a new passphrase',
    found: /backup found/,
    plan: 'Plan',
    addKeeper: /Add a keeper/,
    keeper: 'Keeper',
    name: 'Name',
    savePlan: 'Save plan',
    savedPlan: 'Saved',
    issueKit: 'Issue the emergency kit',
    kitReady: 'Every keeper gets a sheet of their own.',
    unlockTitle: 'Unlock the vault',
    addPerson: /Add person/,
    passphrase: 'Passphrase',
    repeat: 'Repeat the passphrase',
    strong: 'strong enough',
    createVault: 'Create vault',
    recoveryTitle: 'Write down your recovery key',
    written: 'I have written down the recovery key',
    continue: 'Continue to Dossierkluis',
    accessUnencrypted: 'Do not encrypt',
    accessAcknowledge: /I understand that the file is not encrypted/,
  },
} as const;

async function tour(
  page: Page,
  language: Language,
  testInfo: TestInfo,
  backupFolder: string,
): Promise<void> {
  const w = words[language];
  const t: Tour = { page, language, testInfo, seen: [] };

  if (language === 'en') {
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { name: 'Welcome to Dossierkluis' })).toBeVisible();
  }
  await check(t, 'first-run');
  await page.getByRole('button', { name: w.restoreOpen }).click();
  await expect(page.getByRole('heading', { level: 1, name: w.restoreOpen })).toBeVisible();
  await check(t, 'first-run-restore');
  await page.getByRole('button', { name: w.backToCreate }).click();
  await page.getByRole('textbox', { name: w.passphrase, exact: true }).fill(PASSPHRASE);
  await page.getByLabel(w.repeat).fill(PASSPHRASE);
  await expect(page.getByRole('meter')).toHaveAttribute('aria-valuetext', w.strong);
  await page.getByRole('button', { name: w.createVault }).click();
  await expect(page.getByRole('heading', { name: w.recoveryTitle })).toBeVisible();
  await check(t, 'recovery-key');
  await page.getByText(w.written).click();
  await page.getByRole('button', { name: w.continue }).click();
  // The language chosen on the first screen is stored with the new vault and stays.
  await expect(page.getByRole('heading', { name: w.clients, level: 1 })).toBeVisible();

  const nav = page.getByRole('navigation');
  await nav.getByRole('link', { name: w.clients }).click();
  await check(t, 'clients-empty');
  await page.getByRole('button', { name: w.newClient }).click();
  await check(t, 'new-client');
  await page.getByLabel(w.firstName).fill('Emma');
  await page.getByLabel(w.lastName).fill('Jansen');
  await page.getByRole('button', { name: w.create }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Emma Jansen/ })).toBeVisible();

  if (language === 'nl') {
    await recordContract(page, day(-3));
  } else {
    await openTab(page, w.tabs.agreements);
    const contract = form(page, w.contract);
    await typeDate(dateField(contract, w.consentOn), day(-3));
    await contract.getByRole('button', { name: w.saveContract }).click();
    await expect(contract.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  }
  await openTab(page, w.tabs.overview);
  await check(t, 'dossier-overview');

  await openTab(page, w.tabs.sessions);
  await page.getByRole('button', { name: w.newSession }).click();
  await page
    .getByRole('textbox', { name: w.notes })
    .fill('First meeting.\n\n- **goal**: calmer mornings\n- *next*: try the walking route');
  await expect(page.getByRole('status').filter({ hasText: w.saved })).toBeVisible();
  await check(t, 'dossier-sessions');

  for (const slug of [
    'agreements',
    'supervision',
    'documents',
    'relations',
    'ending',
    'feedback',
  ] as const) {
    await openTab(page, w.tabs[slug]);
    if (slug === 'relations') {
      await page.getByRole('button', { name: w.addPerson }).click();
    }
    await check(t, `dossier-${slug}`);
    if (slug === 'documents') {
      // The access export (AVG art. 15) with its warning and confirmation for no encryption.
      await page.getByText(w.accessUnencrypted, { exact: true }).click();
      await page.getByText(w.accessAcknowledge).click();
      await check(t, 'dossier-access-unencrypted');
    }
    if (slug === 'supervision') {
      // The anonymised case summary: compose, then the review side by side.
      await page.getByRole('button', { name: w.makeSummary }).click();
      await page.locator('label').filter({ hasText: w.sessionOf }).click();
      await page
        .getByRole('textbox', { name: w.ownText })
        .fill('Emma told me that her manager Pieter de Boer wants her to move to Utrecht.');
      await check(t, 'dossier-summary-compose');
      await page.getByRole('button', { name: w.prepare }).click();
      await expect(page.getByRole('textbox', { name: w.anonymised })).toBeVisible();
      await check(t, 'dossier-summary-review');
    }
  }

  await nav.getByRole('link', { name: w.clients }).click();
  await page.getByRole('searchbox', { name: w.search }).fill('walking');
  await expect(page.locator('mark')).toHaveText('walking');
  await check(t, 'clients-search');

  for (const [slug, name] of Object.entries(w.practice)) {
    await nav.getByRole('link', { name, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await check(t, `practice-${slug}`);
    if (slug === 'supervision') {
      await page.getByRole('button', { name: w.newMeeting }).click();
      await check(t, 'practice-supervision-new');
    }
    if (slug === 'backups') {
      await page.getByRole('textbox', { name: w.folder }).fill(backupFolder);
      await page.getByRole('button', { name: w.setFolder }).click();
      await page.getByRole('button', { name: w.backupNow }).click();
      await expect(page.getByText(w.backupMade)).toBeVisible();
      await check(t, 'practice-backups-made');
    }
    if (slug === 'continuity') {
      const plan = form(page, w.plan);
      for (const [number, keeper] of [
        [1, 'Mirjam de Wit'],
        [2, 'Karel Smit'],
      ] as const) {
        await plan.getByRole('button', { name: w.addKeeper }).click();
        await plan
          .getByRole('group', { name: `${w.keeper} ${number}` })
          .getByLabel(w.name)
          .fill(keeper);
      }
      await plan.getByRole('button', { name: w.savePlan }).click();
      await expect(plan.getByRole('status').filter({ hasText: w.savedPlan })).toBeVisible();
      await page.getByRole('button', { name: w.issueKit }).click();
      await expect(page.getByText(w.kitReady)).toBeVisible();
      await check(t, 'practice-continuity-kit');
    }
  }

  await page.keyboard.press('Control+L');
  await expect(page.getByRole('heading', { name: w.unlockTitle })).toBeVisible();
  await check(t, 'unlock');
  await page.getByRole('button', { name: w.forgot }).click();
  await expect(page.getByRole('heading', { level: 1, name: w.resetTitle })).toBeVisible();
  await check(t, 'unlock-reset');
  await page.getByRole('button', { name: w.backToUnlock }).click();
  await page.getByRole('button', { name: w.restoreOpen }).click();
  await expect(page.getByRole('heading', { name: w.found })).toBeVisible();
  await check(t, 'unlock-restore');
  expect(t.seen.length).toBe(32);
}

test('every screen in Dutch is accessible and captured', async ({ appPage }, testInfo) => {
  test.setTimeout(240_000);
  const backupFolder = mkdtempSync(join(tmpdir(), 'dossierkluis-screens-'));
  try {
    await tour(appPage, 'nl', testInfo, backupFolder);
  } finally {
    rmSync(backupFolder, { recursive: true, force: true });
  }
});

test('every screen in English is translated, accessible and captured', async ({
  appPage,
}, testInfo) => {
  test.setTimeout(240_000);
  const backupFolder = mkdtempSync(join(tmpdir(), 'dossierkluis-screens-'));
  try {
    await tour(appPage, 'en', testInfo, backupFolder);
  } finally {
    rmSync(backupFolder, { recursive: true, force: true });
  }
});

test('a saved form keeps its values and shows field errors from the contract', async ({
  appPage: page,
}) => {
  await createVault(page);
  await page.getByRole('navigation').getByRole('link', { name: 'Profiel & verzekering' }).click();
  const insurance = form(page, 'Beroepsaansprakelijkheidsverzekering');
  await insurance.getByLabel('Verzekeraar').fill('Voorzorg Verzekeringen');
  await typeDate(dateField(insurance, 'Verzekerd tot'), day(400));
  await saveForm(insurance, 'Opslaan');
  await expect(page.locator('[data-duty="insurance"]')).toContainText('In orde');

  await page.getByRole('navigation').getByRole('link', { name: 'Instellingen' }).click();
  const settings = form(page, 'Veiligheid en termijnen');
  await settings.getByLabel(/Automatisch vergrendelen/).fill('999');
  await settings.getByRole('button', { name: 'Opslaan' }).click();
  await expect(settings.getByText('Dit is te lang of te groot.')).toBeVisible();
  await expect(settings.getByLabel(/Automatisch vergrendelen/)).toHaveValue('999');
});
