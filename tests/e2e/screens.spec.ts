import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { createVault, day, form, openTab, PASSPHRASE, recordContract, saveForm } from './app-steps';
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
    expect(
      DUTCH_ONLY.filter((phrase) => text.includes(phrase)),
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
    tabs: [
      'Overzicht',
      'Sessies',
      'Afspraken',
      'Documenten',
      'Relaties & verwijzingen',
      'Afsluiting',
      'Feedback',
    ],
    newSession: /Nieuwe sessie/,
    notes: 'Verslag',
    saved: /Opgeslagen om/,
    search: 'Zoeken',
    practice: ['Profiel & verzekering', 'Ontwikkeling', 'Feedback', 'Auditlog', 'Instellingen'],
    unlockTitle: 'Kluis ontgrendelen',
    addPerson: /Persoon toevoegen/,
    passphrase: 'Wachtwoordzin',
    repeat: 'Herhaal de wachtwoordzin',
    strong: 'sterk genoeg',
    createVault: 'Kluis maken',
    recoveryTitle: 'Schrijf je herstelsleutel op',
    written: 'Ik heb de herstelsleutel opgeschreven',
    continue: 'Verder naar Dossierkluis',
  },
  en: {
    clients: 'Clients',
    newClient: /New client/,
    firstName: 'First name',
    lastName: 'Last name',
    create: 'Create client',
    tabs: [
      'Overview',
      'Sessions',
      'Agreements',
      'Documents',
      'Relations & referrals',
      'Ending',
      'Feedback',
    ],
    newSession: /New session/,
    notes: 'Notes',
    saved: /Saved at/,
    search: 'Search',
    practice: ['Profile & insurance', 'Development', 'Feedback', 'Audit log', 'Settings'],
    unlockTitle: 'Unlock the vault',
    addPerson: /Add person/,
    passphrase: 'Passphrase',
    repeat: 'Repeat the passphrase',
    strong: 'strong enough',
    createVault: 'Create vault',
    recoveryTitle: 'Write down your recovery key',
    written: 'I have written down the recovery key',
    continue: 'Continue to Dossierkluis',
  },
} as const;

async function switchToEnglish(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Instellingen' }).click();
  await page.getByRole('button', { name: /Taal van de app/ }).click();
  await page.getByRole('option', { name: 'English (Engels)' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
}

async function tour(page: Page, language: Language, testInfo: TestInfo): Promise<void> {
  const w = words[language];
  const t: Tour = { page, language, testInfo, seen: [] };

  if (language === 'en') {
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { name: 'Welcome to Dossierkluis' })).toBeVisible();
  }
  await check(t, 'first-run');
  await page.getByRole('textbox', { name: w.passphrase, exact: true }).fill(PASSPHRASE);
  await page.getByLabel(w.repeat).fill(PASSPHRASE);
  await expect(page.getByRole('meter')).toHaveAttribute('aria-valuetext', w.strong);
  await page.getByRole('button', { name: w.createVault }).click();
  await expect(page.getByRole('heading', { name: w.recoveryTitle })).toBeVisible();
  await check(t, 'recovery-key');
  await page.getByText(w.written).click();
  await page.getByRole('button', { name: w.continue }).click();
  // The stored language (Dutch by default) applies once the vault is open.
  await expect(page.getByRole('heading', { name: 'Cliënten', level: 1 })).toBeVisible();
  if (language === 'en') await switchToEnglish(page);

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
    await openTab(page, w.tabs[0]);
  }
  await check(t, 'dossier-overview');

  await openTab(page, w.tabs[1]);
  await page.getByRole('button', { name: w.newSession }).click();
  await page
    .getByRole('textbox', { name: w.notes })
    .fill('First meeting.\n\n- **goal**: calmer mornings\n- *next*: try the walking route');
  await expect(page.getByRole('status').filter({ hasText: w.saved })).toBeVisible();
  await check(t, 'dossier-sessions');

  for (const [index, tab] of w.tabs.entries()) {
    if (index < 2) continue;
    await openTab(page, tab);
    if (index === 4) {
      await page.getByRole('button', { name: w.addPerson }).click();
    }
    await check(
      t,
      `dossier-${['', '', 'agreements', 'documents', 'relations', 'ending', 'feedback'][index]}`,
    );
  }

  await nav.getByRole('link', { name: w.clients }).click();
  await page.getByRole('searchbox', { name: w.search }).fill('walking');
  await expect(page.locator('mark')).toHaveText('walking');
  await check(t, 'clients-search');

  for (const [index, name] of w.practice.entries()) {
    await nav.getByRole('link', { name, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await check(
      t,
      `practice-${['profile', 'development', 'feedback', 'audit', 'settings'][index]}`,
    );
  }

  await page.keyboard.press('Control+L');
  await expect(page.getByRole('heading', { name: w.unlockTitle })).toBeVisible();
  await check(t, 'unlock');
  expect(t.seen.length).toBe(18);
}

test('every screen in Dutch is accessible and captured', async ({ appPage }, testInfo) => {
  test.setTimeout(180_000);
  await tour(appPage, 'nl', testInfo);
});

test('every screen in English is translated, accessible and captured', async ({
  appPage,
}, testInfo) => {
  test.setTimeout(180_000);
  await tour(appPage, 'en', testInfo);
});

test('a saved form keeps its values and shows field errors from the contract', async ({
  appPage: page,
}) => {
  await createVault(page);
  await page.getByRole('navigation').getByRole('link', { name: 'Profiel & verzekering' }).click();
  const insurance = form(page, 'Beroepsaansprakelijkheidsverzekering');
  await insurance.getByLabel('Verzekeraar').fill('Voorzorg Verzekeringen');
  await insurance.getByLabel('Verzekerd tot').fill(day(400));
  await saveForm(insurance, 'Opslaan');
  await expect(page.locator('[data-duty="insurance"]')).toContainText('In orde');

  await page.getByRole('navigation').getByRole('link', { name: 'Instellingen' }).click();
  const settings = form(page, 'Veiligheid en termijnen');
  await settings.getByLabel(/Automatisch vergrendelen/).fill('999');
  await settings.getByRole('button', { name: 'Opslaan' }).click();
  await expect(settings.getByText('Dit is te lang of te groot.')).toBeVisible();
  await expect(settings.getByLabel(/Automatisch vergrendelen/)).toHaveValue('999');
});
