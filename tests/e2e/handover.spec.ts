import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  addClient,
  createVault,
  fillContinuityPlan,
  form,
  goToClients,
  goToPractice,
  OTHER_PASSPHRASE,
} from './app-steps';
import { expect, test } from './fixtures';
import { handOutKit } from './kit-steps';

test('a continuity plan gets an emergency kit, one sheet per keeper, whose codes are checked as they are typed', async ({
  appPage: page,
}) => {
  test.setTimeout(120_000);
  await createVault(page);
  await goToPractice(page, 'Continuïteit');
  await expect(page.locator('[data-duty="continuity-plan"]')).toContainText('Open');

  await fillContinuityPlan(page);

  const [first = '', second = ''] = await handOutKit(page, [
    'Mirjam de Wit',
    'Bureau beroepsvereniging',
    'Karel Smit',
  ]);
  await expect(
    page.getByRole('definition').filter({ hasText: '2 van de 3 bewaarders' }),
  ).toBeVisible();

  // Typing a share back in: a typo is named by its group, before anything runs.
  const groups = first.split('-');
  const wrongSymbol = groups[3]?.startsWith('Z') ? 'Y' : 'Z';
  const typo = [...groups.slice(0, 3), `${wrongSymbol}${groups[3]?.slice(1)}`, ...groups.slice(4)];
  const drill = page.getByRole('region', { name: 'Oefenen' });
  await drill.getByLabel('Deel 1', { exact: true }).fill(typo.join(' '));
  await expect(drill.getByText('Typefout in groep 4.')).toBeVisible();
  await drill.getByLabel('Deel 1', { exact: true }).fill(first.toLowerCase());
  await expect(drill.getByText(/In orde: deel 1 van 3/)).toBeVisible();
  await drill.getByLabel('Deel 2', { exact: true }).fill(second);
  await expect(drill.getByText(/In orde: deel 2 van 3/)).toBeVisible();
  await drill.getByRole('button', { name: 'Oefening starten' }).click();
  // The harness has no folder dialog, so there is no continuity bundle to open.
  await expect(drill.getByRole('alert')).toContainText(
    'Er is nog geen map voor de continuïteitsbundel.',
  );
});

test('dossiers handed over with a passphrase come back in with an import review', async ({
  appPage: page,
}) => {
  test.setTimeout(120_000);
  const folder = mkdtempSync(join(tmpdir(), 'dossierkluis-handover-'));
  try {
    await createVault(page);
    await addClient(page, { firstName: 'Noor', lastName: 'Visser' });

    await goToPractice(page, 'Overdracht');
    const exporting = form(page, 'Dossiers overdragen');
    await exporting.getByLabel('Aan wie').fill('Mirjam de Wit');
    await exporting.getByText('Een wachtwoordzin', { exact: true }).click();
    await exporting.getByLabel('Wachtwoordzin van de bundel').fill(OTHER_PASSPHRASE);
    await expect(exporting.getByRole('meter')).toHaveAttribute('aria-valuetext', 'sterk genoeg');
    await exporting.getByLabel('Herhaal de wachtwoordzin').fill(OTHER_PASSPHRASE);
    await exporting.getByRole('button', { name: 'Bundel maken' }).click();
    await expect(page.getByText('De bundel is klaar: 1 dossier')).toBeVisible({ timeout: 30_000 });
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Bundel downloaden' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^dossierkluis-overdracht-.*\.age$/);
    const bundle = join(folder, download.suggestedFilename());
    await download.saveAs(bundle);
    await page.getByRole('button', { name: 'Klaar' }).click();

    // The same bundle, opened as a colleague would: checked first, nothing imported yet.
    const importing = form(page, 'Dossiers overnemen');
    const choosing = page.waitForEvent('filechooser');
    await importing.getByRole('button', { name: 'Bundel kiezen' }).click();
    await (await choosing).setFiles(bundle);
    await importing.getByText('Een wachtwoordzin', { exact: true }).click();
    await importing.getByLabel('Wachtwoordzin van de bundel').fill(OTHER_PASSPHRASE);
    await importing.getByRole('button', { name: 'Openen en controleren' }).click();
    await expect(page.getByText('De bundel is geopend en gecontroleerd.')).toBeVisible({
      timeout: 30_000,
    });
    const review = page.getByRole('table', { name: 'Dossiers in de bundel' });
    await expect(review).toContainText('Noor Visser');
    await expect(review).toContainText('Staat er al');
    await page.getByRole('button', { name: /Wat te doen met Noor Visser/ }).click();
    await page.getByRole('option', { name: 'Toevoegen als nieuw dossier' }).click();
    await page.getByRole('button', { name: '1 dossier importeren' }).click();
    await expect(page.getByText('Klaar: 1 geïmporteerd, 0 overgeslagen.')).toBeVisible();

    await goToClients(page);
    await expect(
      page.getByRole('list', { name: 'Cliëntenlijst' }).getByRole('link', { name: /Noor Visser/ }),
    ).toHaveCount(2);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
