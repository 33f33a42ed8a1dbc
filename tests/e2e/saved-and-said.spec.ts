import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KluisBridge } from '../../electron/shell/bridge';
import {
  addClient,
  createVault,
  day,
  form,
  goToClients,
  goToPractice,
  openTab,
  PASSPHRASE,
  pseudonymOfOpenDossier,
  recordContract,
  startSession,
  unlock,
} from './app-steps';
import { expect, test } from './fixtures';

/**
 * Issue 11's smaller defects: nothing shown as saved that is only in memory, screens that
 * say what they do, real names for the coach, one meaning for Ctrl+N, a working Help › About.
 */

test('a signed contract copy is linked as soon as it is uploaded, and survives quitting', async ({
  appPage: page,
}, testInfo) => {
  await createVault(page);
  await addClient(page, { firstName: 'Anna', lastName: 'de Vries' });
  await openTab(page, 'Afspraken');
  const contract = form(page, 'Contract');
  mkdirSync(testInfo.outputDir, { recursive: true });
  const file = join(testInfo.outputDir, 'contract-getekend.pdf');
  writeFileSync(file, '%PDF-1.4 getekend contract');
  const choosing = page.waitForEvent('filechooser');
  await contract.getByRole('button', { name: 'Getekende kopie uploaden' }).click();
  await (await choosing).setFiles(file);
  await expect(
    contract.getByRole('status').filter({ hasText: 'aan het contract gekoppeld' }),
  ).toBeVisible();
  // Nothing waits on "Contract opslaan": a reload drops everything the window held in
  // memory, as quitting does, and the link is still there.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: /Anna de Vries/ })).toBeVisible();
  await openTab(page, 'Documenten');
  await expect(page.getByText('Getekende kopie van het contract')).toBeVisible();
  await openTab(page, 'Afspraken');
  await expect(
    form(page, 'Contract').getByRole('button', { name: /contract-getekend\.pdf/ }),
  ).toBeVisible();
});

test('the unlock screen explains both ways back in, the switch above the button it changes', async ({
  appPage: page,
}) => {
  await createVault(page);
  await page.keyboard.press('Control+L');
  await expect(page.getByRole('heading', { name: 'Kluis ontgrendelen' })).toBeVisible();
  const recoverySwitch = page.getByRole('switch', { name: 'Herstelsleutel gebruiken' });
  await expect(recoverySwitch).toHaveAccessibleDescription(/herstelsleutel wel bij de hand/);
  await expect(
    page.getByRole('button', { name: 'Wachtwoordzin vergeten?' }),
  ).toHaveAccessibleDescription(/nieuwe wachtwoordzin/);
  const switchBox = await page.locator('.switch').boundingBox();
  const buttonBox = await page.getByRole('button', { name: 'Ontgrendelen' }).boundingBox();
  const fieldBox = await page.locator('input[type="password"]').boundingBox();
  expect(switchBox && buttonBox && fieldBox).toBeTruthy();
  if (switchBox && buttonBox && fieldBox) {
    expect(switchBox.y + switchBox.height).toBeLessThanOrEqual(fieldBox.y);
    expect(fieldBox.y).toBeLessThan(buttonBox.y);
  }
  await unlock(page, PASSPHRASE);
});

test('the erase dialog names the client the coach knows, with the pseudonym beside it', async ({
  appPage: page,
}) => {
  await createVault(page);
  await addClient(page, { firstName: 'Anna', lastName: 'de Vries' });
  const pseudonym = await pseudonymOfOpenDossier(page);
  await openTab(page, 'Afsluiting');
  await page.getByLabel('Reden om eerder te vernietigen').click();
  await page.getByRole('option').nth(1).click();
  await page.getByRole('button', { name: 'Toch eerder vernietigen' }).click();
  await expect(
    page.getByRole('alertdialog', {
      name: `Dossier van Anna de Vries (pseudoniem: ${pseudonym}) definitief vernietigen?`,
    }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Annuleren' }).click();
});

test('the supervision log warns before it saves a text that names a client', async ({
  appPage: page,
}) => {
  await createVault(page);
  await addClient(page, { firstName: 'Anna', lastName: 'de Vries' });
  const pseudonym = await pseudonymOfOpenDossier(page);
  await goToPractice(page, 'Supervisie & intervisie');
  await page.getByRole('button', { name: /Bijeenkomst vastleggen/ }).click();
  const meeting = form(page, 'Bijeenkomst');
  const topics = meeting.getByLabel('Onderwerpen');
  await topics.fill('Het verzuim van mevrouw De Vries en haar leidinggevende.');
  await meeting.getByRole('button', { name: 'Toevoegen' }).click();
  await expect(
    meeting.getByText(
      `Niet opgeslagen: de tekst noemt een cliënt bij naam: Anna de Vries (pseudoniem: ${pseudonym}).`,
    ),
  ).toBeVisible();
  const log = page.getByRole('list', { name: 'Logboek' });
  await expect(log.getByRole('listitem')).toHaveCount(0);

  // Rewritten with the pseudonym: saved without a word.
  await topics.fill(`Het verzuim van ${pseudonym} en haar leidinggevende.`);
  await meeting.getByRole('button', { name: 'Toevoegen' }).click();
  await expect(log).toContainText(pseudonym);
  await expect(log).not.toContainText('Vries');
});

test('Ctrl+N always starts a new client, scrolled to the top with its first field focused', async ({
  appPage: page,
}) => {
  await createVault(page);
  await addClient(page, { firstName: 'Anna', lastName: 'de Vries' });
  await recordContract(page, day(-1));
  await startSession(page, 'Over werk en rust.');
  await expect(page.getByRole('status').filter({ hasText: /Opgeslagen om/ })).toBeVisible();
  await page.locator('#main').evaluate((main) => main.scrollBy(0, 2000));
  // From inside a dossier, in a session, and from the client list: the same thing.
  for (const from of ['session', 'list'] as const) {
    if (from === 'list') await goToClients(page);
    await page.keyboard.press('Control+N');
    await expect(page.getByRole('heading', { level: 1, name: 'Nieuwe cliënt' })).toBeVisible();
    await expect(page.getByLabel('Voornaam')).toBeFocused();
    await expect(page.getByLabel('Voornaam')).toBeInViewport();
    expect(await page.locator('#main').evaluate((main) => main.scrollTop)).toBe(0);
    await page.getByRole('button', { name: 'Annuleren' }).click();
  }
});

test('Help › About opens a dialog with the version and where the data stays', async ({
  appPage: page,
  harness,
}) => {
  await createVault(page);
  harness.menuAction('about');
  const about = page.getByRole('dialog', { name: 'Over Dossierkluis' });
  await expect(about).toBeVisible();
  await expect(about).toContainText(/Versie \d+\.\d+\.\d+/);
  await expect(about).toContainText('Alles blijft op deze computer');
  await expect(about).toContainText('Alle rechten voorbehouden');
  await about.getByRole('button', { name: 'Sluiten' }).click();
  await expect(about).toBeHidden();

  // The menu's File › New client is the same one thing as Ctrl+N.
  harness.menuAction('new-client');
  await expect(page.getByRole('heading', { level: 1, name: 'Nieuwe cliënt' })).toBeVisible();
});

test('a language chosen on the unlock screen is kept once the vault opens, and stored', async ({
  appPage: page,
}) => {
  await createVault(page);
  await page.keyboard.press('Control+L');
  await expect(page.getByRole('heading', { name: 'Kluis ontgrendelen' })).toBeVisible();
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Unlock the vault' })).toBeVisible();
  await page.locator('input[type="password"]').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible();
  // Before, the choice lived only in memory and the stored Dutch took over.
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const bridge = (window as unknown as { kluis: KluisBridge }).kluis;
        return (await bridge.settings.get({})).language;
      }),
    )
    .toBe('en');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Settings' })).toBeVisible();
});
