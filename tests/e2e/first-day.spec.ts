import { FAST } from '../support/vault-fixture';
import {
  addClient,
  createVault,
  dateField,
  day,
  expectDuty,
  goToClients,
  openTab,
  recordContract,
  startSession,
  typeDate,
  unlock,
} from './app-steps';
import { expect, test } from './fixtures';
import { startHarness } from './harness/server';

test('a coach who never saw the app gets through the first day', async ({
  appPage: page,
  harness,
}) => {
  const recoveryKey = await createVault(page);
  expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){6}[0-9A-Z]{4}$/);

  await addClient(page, { firstName: 'Zoë', lastName: 'de Vries' });
  await recordContract(page, day(-2));

  await startSession(page, 'Zoë vertelde over de coördinatie van haar team en de reünie.');
  await expect(page.getByRole('status').filter({ hasText: /Opgeslagen om/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /coördinatie/ })).toBeVisible();

  // Find it again: without the diacritics, from the client list.
  await goToClients(page);
  await page.getByRole('searchbox', { name: 'Zoeken' }).fill('coordinatie');
  await expect(page.getByRole('list', { name: 'Cliëntenlijst' }).getByRole('link')).toHaveCount(1);
  const hit = page.getByRole('region', { name: 'Gevonden in sessienotities' }).getByRole('link');
  await expect(hit).toHaveCount(1);
  await expect(hit.locator('mark')).toHaveText('coördinatie');
  await hit.click();
  await expect(page.getByRole('textbox', { name: 'Verslag' })).toHaveValue(
    /coördinatie van haar team/,
  );

  await openTab(page, 'Overzicht');
  for (const id of [
    'code-given',
    'contract-signed',
    'confidentiality-agreed',
    'supervision-consent',
  ]) {
    await expectDuty(page, id, 'In orde');
  }
  for (const id of ['guardian-agreement', 'conflicts-discussed', 'retention', 'follow-ups']) {
    await expectDuty(page, id, 'N.v.t.');
  }

  // Lock with the shortcut; unlocking returns to the same place with everything there.
  await page.keyboard.press('Control+L');
  await unlock(page);
  await expect(page.getByRole('heading', { level: 1, name: /Zoë de Vries/ })).toBeVisible();
  await expectDuty(page, 'contract-signed', 'In orde');

  // Quit and start again on the same vault folder: the data survives a restart.
  await page.keyboard.press('Control+L');
  await expect(page.getByRole('heading', { name: 'Kluis ontgrendelen' })).toBeVisible();
  await harness.close();
  const restarted = await startHarness({ vaultDir: harness.vaultDir, vaultOptions: FAST });
  try {
    await page.goto(restarted.url);
    await restarted.waitForEventStream();
    await unlock(page);
    await expect(page.getByRole('list', { name: 'Cliëntenlijst' })).toContainText('Zoë de Vries');
    await page.getByRole('link', { name: /Zoë de Vries/ }).click();
    await openTab(page, 'Sessies');
    await expect(page.getByRole('link', { name: /coördinatie/ })).toBeVisible();
  } finally {
    await restarted.close();
  }
});

test('an unsaved session note survives the idle lock', async ({ appPage: page, harness }) => {
  await createVault(page);
  await addClient(page, { firstName: 'Ayşe', lastName: 'Yılmaz' });
  const note = 'Halverwege de sessie: ze wil de overstap naar een andere afdeling onderzoeken.';
  const notes = await startSession(page, note);
  await expect(notes).toHaveValue(note);

  expect(harness.advanceIdle().locked).toBe(true);
  await expect(page.getByRole('heading', { name: 'Kluis ontgrendelen' })).toBeVisible();
  await expect(page.getByText(/omdat je een tijdje niets deed/)).toBeVisible();
  await expect(page.getByText(note)).toHaveCount(0);

  await unlock(page);
  await expect(page.getByRole('textbox', { name: 'Verslag' })).toHaveValue(note);
  await expect(page.getByRole('status').filter({ hasText: /Opgeslagen om/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /overstap naar een andere afdeling/ })).toBeVisible();
});

test('a minor shows the guardian duty (2.17) until the agreement is saved', async ({
  appPage: page,
}) => {
  await createVault(page);
  await addClient(page, { firstName: 'Sem', lastName: 'Bakker', minor: true });
  await expectDuty(page, 'guardian-agreement', 'Open');
  await expectDuty(page, 'guardian-agreement', 'Art. 2.17');

  await page
    .locator('[data-duty="guardian-agreement"]')
    .getByRole('button', { name: /Regelen/ })
    .click();
  await expect(page.getByRole('tab', { name: 'Afspraken', selected: true })).toBeVisible();
  const guardian = page.getByRole('form', { name: 'Afspraak met ouder of voogd' });
  await guardian.getByLabel('Naam').fill('Linda Bakker');
  await guardian.getByLabel('Relatie tot de cliënt').fill('moeder');
  await guardian.getByLabel('Wat ik wel deel').fill('Of Sem komt en hoe het in grote lijnen gaat.');
  await typeDate(dateField(guardian, 'Toestemming gegeven op'), day(-1));
  await guardian.getByRole('button', { name: 'Toevoegen' }).click();
  await expect(page.getByText('Linda Bakker')).toBeVisible();

  await openTab(page, 'Overzicht');
  await expectDuty(page, 'guardian-agreement', 'In orde');
});
