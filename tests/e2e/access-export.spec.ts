import { readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import {
  addClient,
  createVault,
  form,
  goToPractice,
  lock,
  OTHER_PASSPHRASE,
  openTab,
  unlock,
} from './app-steps';
import { expect, test } from './fixtures';

const ACCESS = 'Inzage voor de cliënt (AVG art. 15)';

/** The first bytes of a downloaded file, as text. */
async function head(download: Download, bytes: number): Promise<string> {
  const path = await download.path();
  return readFileSync(path).subarray(0, bytes).toString('latin1');
}

async function downloadAccessFile(page: Page): Promise<Download> {
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Inzage-bestand downloaden' }).click();
  const download = await downloading;
  await expect(
    page.getByRole('status').filter({ hasText: /Opgeslagen als dossier-inzage-/ }),
  ).toBeVisible();
  return download;
}

test('a client gets their dossier for access, encrypted with a passphrase or, when confirmed, not', async ({
  appPage: page,
}) => {
  test.setTimeout(120_000);
  await createVault(page);
  await addClient(page, { firstName: 'Noor', lastName: 'Visser' });
  await openTab(page, 'Documenten');

  // With a passphrase: the meter judges it, the file is an age file.
  const access = form(page, ACCESS);
  const start = access.getByRole('button', { name: 'Inzage-bestand maken' });
  await expect(start).toBeDisabled();
  // Plain words for the coach; the file format sits behind "Technische details".
  await expect(
    access.getByText(/De cliënt opent het met Dossierkluis, of vraagt jou/),
  ).toBeVisible();
  // The technical details hold the formats; nothing the coach sees first names them.
  await expect(page.getByText(/gratis programma|JSON/).filter({ visible: true })).toHaveCount(0);
  await expect(access.getByText(/age-encryption\.org/)).toBeHidden();
  await access.getByText('Technische details', { exact: true }).click();
  await expect(access.getByText(/age-encryption\.org/)).toBeVisible();
  // The coach's reflections stay out unless chosen, with what they are said first.
  const reflections = access.getByRole('checkbox', {
    name: 'Ook mijn reflecties aan de cliënt geven',
  });
  await expect(reflections).not.toBeChecked();
  await expect(access.getByText(/Die aantekeningen gaan over je eigen werk/)).toBeVisible();
  await access.getByLabel('Wachtwoordzin voor de cliënt').fill(OTHER_PASSPHRASE);
  await expect(access.getByRole('meter')).toHaveAttribute('aria-valuetext', 'sterk genoeg');
  await access.getByLabel('Herhaal de wachtwoordzin').fill(`${OTHER_PASSPHRASE}x`);
  await expect(access.getByText('De twee wachtwoordzinnen zijn niet gelijk.')).toBeVisible();
  await expect(start).toBeDisabled();
  await access.getByLabel('Herhaal de wachtwoordzin').fill(OTHER_PASSPHRASE);
  await start.click();
  await expect(page.getByText(/Het inzage-bestand is klaar .* en versleuteld/)).toBeVisible({
    timeout: 30_000,
  });
  const encrypted = await downloadAccessFile(page);
  expect(encrypted.suggestedFilename()).toMatch(/^dossier-inzage-\d{4}-\d{2}-\d{2}\.zip\.age$/);
  expect(await head(encrypted, 21)).toBe('age-encryption.org/v1');
  await page.getByRole('button', { name: 'Klaar' }).click();
  await expect(page.getByRole('button', { name: 'Inzage-bestand downloaden' })).toBeHidden();

  // Without encryption: only after the coach says, in as many words, that it is not encrypted.
  // This one for a client who reads English, with the reflections given on purpose.
  await access.getByText('Engels', { exact: true }).click();
  await access.getByText('Ook mijn reflecties aan de cliënt geven').click();
  await access.getByText('Niet versleutelen', { exact: true }).click();
  await expect(access.getByText('Het bestand wordt dan NIET versleuteld.')).toBeVisible();
  const startPlain = access.getByRole('button', { name: 'Onversleuteld bestand maken' });
  await expect(startPlain).toBeDisabled();
  await access.getByText(/Ik begrijp dat het bestand niet versleuteld is/).click();
  await expect(startPlain).toBeEnabled();
  await startPlain.click();
  await expect(page.getByText(/Let op: dit bestand is NIET versleuteld/)).toBeVisible({
    timeout: 30_000,
  });
  const plain = await downloadAccessFile(page);
  expect(plain.suggestedFilename()).toMatch(/^dossier-inzage-\d{4}-\d{2}-\d{2}\.zip$/);
  expect(await head(plain, 2)).toBe('PK');
  // Zip entry names are plain text: the client's readme is the English one, alone.
  const zip = readFileSync(await plain.path()).toString('latin1');
  expect(zip).toContain('README.txt');
  expect(zip).not.toContain('LEESMIJ.txt');
  await page.getByRole('button', { name: 'Klaar' }).click();
  // The confirmation does not stick: the next export asks again.
  await expect(access.getByRole('button', { name: 'Onversleuteld bestand maken' })).toBeDisabled();
});

test('the closure letter template is edited, kept across a lock, and reset to the standard', async ({
  appPage: page,
}) => {
  test.setTimeout(90_000);
  await createVault(page);
  await goToPractice(page, 'Overdracht');

  const letter = form(page, 'Brief bij afsluiting van de praktijk');
  const text = letter.getByRole('textbox', { name: 'Tekst van de brief' });
  await expect(page.getByText('Dit is de standaardtekst van Dossierkluis.')).toBeVisible();
  await expect(text).toHaveValue(/Beste \{\{voornaam\}\},/);
  const placeholders = page.getByRole('list', { name: 'Beschikbare invulvelden' });
  await expect(placeholders).toContainText('{{bewaren_tot}}');
  await expect(placeholders).toContainText('tot wanneer het dossier bewaard wordt');
  await expect(letter.getByRole('button', { name: 'Standaardtekst terugzetten' })).toHaveCount(0);

  const own = 'Beste {{naam}},\n\nMijn praktijk sluit. {{opvolger}} neemt het over. {{onbekend}}\n';
  await text.fill(own);
  await expect(letter.getByText(/De app kent dit invulveld niet.*\{\{onbekend\}\}/)).toBeVisible();
  await letter.getByRole('button', { name: 'Brief opslaan' }).click();
  await expect(letter.getByRole('status').filter({ hasText: 'Opgeslagen' })).toBeVisible();
  await expect(page.getByText('Dit is je eigen tekst.')).toBeVisible();

  await lock(page);
  await unlock(page);
  await goToPractice(page, 'Overdracht');
  await expect(text).toHaveValue(own);

  await letter.getByRole('button', { name: 'Standaardtekst terugzetten' }).click();
  const dialog = page.getByRole('dialog', { name: 'De standaardtekst terugzetten?' });
  await dialog.getByRole('button', { name: 'Standaardtekst terugzetten' }).click();
  await expect(
    letter.getByRole('status').filter({ hasText: 'Standaardtekst teruggezet' }),
  ).toBeVisible();
  await expect(text).toHaveValue(/Beste \{\{voornaam\}\},/);
  await expect(page.getByText('Dit is de standaardtekst van Dossierkluis.')).toBeVisible();
});
