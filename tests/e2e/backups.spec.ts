import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { Page } from '@playwright/test';
import {
  addClient,
  chooseBackupFolder,
  createVault,
  goToClients,
  goToPractice,
  lock,
  makeBackup,
  openTab,
  PASSPHRASE,
  pseudonymOfOpenDossier,
  unlock,
} from './app-steps';
import { expect, type Harness, test } from './fixtures';

/** A restore sets the vault as it was aside, next to the vault folder: tidy those up too. */
function removeSetAside(harness: Harness): void {
  const parent = dirname(harness.vaultDir);
  const prefix = `${basename(harness.vaultDir)}.before-restore-`;
  for (const entry of readdirSync(parent)) {
    if (entry.startsWith(prefix)) rmSync(join(parent, entry), { recursive: true, force: true });
  }
}

async function eraseOpenDossier(page: Page, pseudonym: string): Promise<void> {
  await openTab(page, 'Afsluiting');
  await page.getByRole('button', { name: /Reden om eerder te vernietigen/ }).click();
  await page.getByRole('option', { name: 'Op verzoek van de cliënt' }).click();
  await page.getByRole('button', { name: 'Toch eerder vernietigen' }).click();
  const dialog = page.getByRole('alertdialog');
  await dialog.getByLabel(/Typ ter bevestiging het pseudoniem/).fill(pseudonym);
  await dialog.getByRole('button', { name: 'Definitief vernietigen' }).click();
  await expect(page.getByRole('heading', { name: 'Cliënten', level: 1 })).toBeVisible();
}

test('a coach makes a backup, restores it from the unlock screen and purges an erased dossier', async ({
  appPage: page,
  harness,
}) => {
  test.setTimeout(120_000);
  const folder = mkdtempSync(join(tmpdir(), 'dossierkluis-backups-'));
  try {
    await createVault(page);
    // Until there is a backup, the shell says so wherever the coach is.
    const notice = page.getByRole('link', { name: /Geen back-ups ingesteld/ });
    await expect(notice).toBeVisible();

    await addClient(page, { firstName: 'Noor', lastName: 'Visser' });
    const pseudonym = await pseudonymOfOpenDossier(page);

    await chooseBackupFolder(page, folder);
    await expect(page.getByText('Er is nog geen back-up gemaakt.')).toBeVisible();
    await makeBackup(page);
    const table = page.getByRole('table', { name: 'Gemaakte back-ups' });
    await expect(table.getByRole('row')).toHaveCount(2);
    await expect(table).toContainText('1 cliënt, 0 sessies, 0 documenten');
    await expect(page.getByText(/In orde: de laatste back-up is van/)).toBeVisible();
    await expect(page.getByRole('link', { name: /Naar Back-ups/ })).toHaveCount(0);

    await table.getByRole('button', { name: /controleren$/ }).click();
    await expect(table.getByText('Zojuist gecontroleerd: in orde')).toBeVisible();

    // Something recorded after the backup, then back to the backup from the unlock screen.
    await addClient(page, { firstName: 'Later', lastName: 'Toegevoegd' });
    await lock(page);
    await page.getByRole('button', { name: 'Herstellen uit back-up' }).click();
    await expect(page.getByRole('heading', { name: 'Herstellen uit back-up' })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Map (volledig pad)' })).toHaveValue(folder);
    await expect(page.getByRole('heading', { name: '1 back-up gevonden' })).toBeVisible();
    await page.getByRole('button', { name: /^Back-up van .* terugzetten$/ }).click();
    const dialog = page.getByRole('alertdialog');
    const confirm = dialog.getByRole('button', { name: 'Terugzetten' });
    await expect(dialog).toContainText('apart gezet');
    await expect(confirm).toBeDisabled();
    await dialog.getByText('Ik begrijp dat de kluis wordt vervangen door deze back-up').click();
    // A locked vault is only rolled back by whoever can open it today.
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel('Wachtwoordzin van je kluis nu').fill(PASSPHRASE);
    await confirm.click();
    await expect(page.getByText(/De back-up is teruggezet/)).toBeVisible();
    // In words; the folder itself only behind "Technische details".
    await expect(
      page.getByText(
        'De kluis van vóór het terugzetten is apart gezet en wordt opgeruimd zodra deze kluis goed opent.',
      ),
    ).toBeVisible();
    await expect(page.getByText(/before-restore-/)).toBeHidden();
    await page.getByText('Technische details').click();
    await expect(page.getByText(/before-restore-/)).toBeVisible();
    await unlock(page);
    const list = page.getByRole('list', { name: 'Cliëntenlijst' });
    await expect(list).toContainText('Noor Visser');
    await expect(list).not.toContainText('Later Toegevoegd');

    // The restored vault's log says it was put back, in words, with the day of the backup.
    await goToPractice(page, 'Auditlog');
    await expect(
      page.getByRole('cell', { name: /^Back-up teruggezet \(van .*\d{4}\)$/ }),
    ).toBeVisible();
    await expect(
      page.getByRole('cell', { name: 'Kluis van vóór het terugzetten opgeruimd' }),
    ).toBeVisible();
    await expect(page.getByText('Andere gebeurtenis')).toHaveCount(0);
    await goToClients(page);

    // Erasing is honest about the backups, and the backups can forget at once.
    await list.getByRole('link', { name: /Noor Visser/ }).click();
    await eraseOpenDossier(page, pseudonym);
    await expect(page.getByText(`Het dossier ${pseudonym} is vernietigd.`)).toBeVisible();
    await expect(
      page.getByText('Eén back-up bevat het nog, tot die wordt vervangen.'),
    ).toBeVisible();
    await page.getByRole('link', { name: 'Nu uit de back-ups verwijderen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Back-ups' })).toBeVisible();
    const pending = page.getByRole('list', { name: 'Dossiers die nog in back-ups staan' });
    await expect(pending).toContainText(pseudonym);
    await expect(pending).toContainText('nog in 1 back-up');
    await page.getByRole('button', { name: 'Uit alle back-ups verwijderen' }).click();
    await page
      .getByRole('alertdialog')
      .getByRole('button', { name: 'Uit alle back-ups verwijderen' })
      .click();
    await expect(
      page.getByText('Het vernietigde dossier is uit alle back-ups verwijderd.'),
    ).toBeVisible();
    await expect(pending).toHaveCount(0);

    await goToClients(page);
    await expect(page.getByText('Nog geen cliënten.')).toBeVisible();
  } finally {
    rmSync(folder, { recursive: true, force: true });
    removeSetAside(harness);
  }
});

test('restoring from the backups screen locks the app, and what was erased since stays erased', async ({
  appPage: page,
  harness,
}) => {
  test.setTimeout(90_000);
  const folder = mkdtempSync(join(tmpdir(), 'dossierkluis-backups-'));
  try {
    await createVault(page);
    await addClient(page, { firstName: 'Sara', lastName: 'Bos' });
    const pseudonym = await pseudonymOfOpenDossier(page);
    await addClient(page, { firstName: 'Blijft', lastName: 'Bestaan' });
    await chooseBackupFolder(page, folder);
    await makeBackup(page);
    await addClient(page, { firstName: 'Na', lastName: 'Backup' });
    await goToClients(page);
    await page
      .getByRole('list', { name: 'Cliëntenlijst' })
      .getByRole('link', { name: /Sara Bos/ })
      .click();
    await eraseOpenDossier(page, pseudonym);

    await goToPractice(page, 'Back-ups');
    await page.getByRole('button', { name: /^Back-up van .* terugzetten$/ }).click();
    const dialog = page.getByRole('alertdialog');
    await expect(dialog).toContainText('De app vergrendelt daarna.');
    await dialog.getByText('Ik begrijp dat de kluis wordt vervangen door deze back-up').click();
    await dialog.getByLabel('Wachtwoordzin van je kluis nu').fill(PASSPHRASE);
    await dialog.getByRole('button', { name: 'Terugzetten' }).click();
    await expect(page.getByText(/De back-up is teruggezet/)).toBeVisible();
    await unlock(page);
    await goToClients(page);
    const list = page.getByRole('list', { name: 'Cliëntenlijst' });
    await expect(list).toContainText('Blijft Bestaan');
    // The backup still held Sara; the restore erased her again at unlock.
    await expect(list).not.toContainText('Sara Bos');
    await expect(list).not.toContainText('Na Backup');
  } finally {
    rmSync(folder, { recursive: true, force: true });
    removeSetAside(harness);
  }
});

test('a list of erasures that no longer opens is kept and the coach is told what to do', async ({
  appPage: page,
  harness,
}) => {
  test.setTimeout(90_000);
  await createVault(page);
  await addClient(page, { firstName: 'Anneke', lastName: 'Visser' });
  await eraseOpenDossier(page, await pseudonymOfOpenDossier(page));
  await lock(page);
  // Someone changed the sealed list beside the vault while it was locked.
  const path = join(harness.vaultDir, 'vault.erasures.json');
  const file = JSON.parse(readFileSync(path, 'utf8')) as { sealed: string };
  const sealed = Buffer.from(file.sealed, 'base64');
  sealed[0] = (sealed[0] ?? 0) ^ 1;
  writeFileSync(path, JSON.stringify({ ...file, sealed: sealed.toString('base64') }));
  await unlock(page);
  // Wherever she is, the shell points her to it.
  await page.getByRole('link', { name: /Vernietigde dossiers controleren/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Back-ups' })).toBeVisible();
  await expect(
    page.getByText('De lijst van dossiers die je hebt vernietigd, kon niet worden geopend.'),
  ).toBeVisible();
  await expect(page.getByText(/vernietig die opnieuw/)).toBeVisible();
  await page.getByRole('button', { name: 'Ik heb het gecontroleerd' }).click();
  await expect(page.getByText(/De oude lijst is apart bewaard/)).toBeVisible();
  await expect(page.getByRole('link', { name: /Vernietigde dossiers controleren/ })).toBeHidden();
});
