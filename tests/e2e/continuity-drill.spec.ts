import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { SUCCESSOR_PATH } from '../../electron/services/continuity/successor-path';
import { FAST } from '../support/vault-fixture';
import {
  addClient,
  createVault,
  expectDuty,
  fillContinuityPlan,
  form,
  goToClients,
  goToPractice,
  lock,
  PASSPHRASE,
} from './app-steps';
import { expect, test } from './fixtures';
import { startHarness } from './harness/server';
import { handOutKit } from './kit-steps';

/**
 * The continuity drill on a real bundle, through the UI: the bundle folder comes from the
 * harness's stand-in for Electron's folder dialog, the bundle is written to disk, and the
 * keepers' shares open it again, in the coach's own vault (the drill) and in a successor's
 * fresh one (the recovery).
 */

test.use({ chooser: true });

const CLIENTS = [
  { firstName: 'Annemieke', lastName: 'van der Berg' },
  { firstName: 'Sjoerd', lastName: 'Hoekstra' },
] as const;
const KEEPERS = ['Mirjam de Wit', 'Bureau beroepsvereniging', 'Karel Smit'] as const;
const BUNDLE_FILE = 'dossierkluis-continuiteit.age';
const README_FILE = 'dossierkluis-continuiteit-LEESMIJ.txt';

/** The value beside a term in a section's facts, e.g. "Map" in the bundle section. */
function fact(section: Locator, term: string): Locator {
  return section
    .locator('.facts > div')
    .filter({ has: section.page().getByRole('term').getByText(term, { exact: true }) })
    .getByRole('definition');
}

/** A day as the duty list shows it (the services count days in this process's zone). */
function longDay(date: Date): string {
  return new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric' })
    .format(date)
    .replace(/\s+/g, ' ');
}

/** Types shares into a shares input and waits until the app has checked each one. */
async function typeShares(scope: Locator, shares: readonly string[]): Promise<void> {
  for (const [index, share] of shares.entries()) {
    await scope.getByLabel(`Deel ${index + 1}`, { exact: true }).fill(share);
  }
  await expect(scope.getByText(/In orde: deel \d van 3/)).toHaveCount(shares.length);
}

test('the drill opens the continuity bundle written to the chosen folder, and a successor recovers from it', async ({
  appPage: page,
  harness,
}) => {
  test.setTimeout(180_000);
  const folder = mkdtempSync(join(tmpdir(), 'dossierkluis-continuity-'));
  try {
    await createVault(page);
    for (const client of CLIENTS) await addClient(page, client);

    await goToPractice(page, 'Continuïteit');
    await expectDuty(page, 'continuity-plan', 'Open');
    await expectDuty(page, 'continuity-drill', 'Open');
    const drill = page.getByRole('region', { name: 'Oefenen', exact: true });
    await expect(drill.getByText('Nog nooit geoefend.')).toBeVisible();

    await fillContinuityPlan(page);
    // Keepers count for 2.28 only once they hold a share of a kit in force.
    await expectDuty(page, 'continuity-plan', 'Open');
    // One sheet per keeper, each its own file; the codes come off those files.
    const shares = await handOutKit(page, KEEPERS);
    expect(shares.map((share) => share.split('-').length)).toEqual([14, 14, 14]);
    await expect(
      page.getByRole('definition').filter({ hasText: '2 van de 3 bewaarders' }),
    ).toBeVisible();
    // The keeper sheets send the successor to the bundle: without one the plan is not met yet.
    await expectDuty(page, 'continuity-plan', 'Open');
    await expect(page.locator('[data-duty="continuity-plan"]')).toContainText(
      'Kies een map voor de continuïteitsbundel',
    );

    // With the dialog on offer, the page shows the folder button and not the browser note.
    const bundle = page.getByRole('region', { name: 'Continuïteitsbundel', exact: true });
    await expect(bundle.getByText('in deze browserweergave kan dat niet')).toHaveCount(0);
    const chooseFolder = bundle.getByRole('button', { name: 'Map kiezen…' });
    const refresh = bundle.getByRole('button', { name: 'Nu bijwerken' });
    await expect(refresh).toBeDisabled();

    // A cancelled dialog changes nothing and is no error.
    await chooseFolder.click();
    await expect.poll(() => harness.choiceRequests.length).toBe(1);
    await expect(fact(bundle, 'Map')).toHaveText('Nog niet gekozen');
    await expect(bundle.getByRole('alert')).toHaveCount(0);

    harness.answerNextChoice(folder);
    await chooseFolder.click();
    await expect(fact(bundle, 'Map')).toHaveText(folder);
    expect(harness.choiceRequests.map((request) => request.purpose)).toEqual([
      'bundle-folder',
      'bundle-folder',
    ]);
    // Choosing the folder writes the bundle there at once.
    await expect(fact(bundle, 'Laatst bijgewerkt')).not.toHaveText('Nog niet geschreven', {
      timeout: 30_000,
    });
    await expect(refresh).toBeEnabled();
    await expect(fact(bundle, 'Inhoud')).toContainText('2 cliënten');
    await expect(fact(bundle, 'Met het huidige noodpakket')).toHaveText('ja');
    await expect(fact(bundle, 'Met de gegevens van nu')).toHaveText('ja');
    await expectDuty(page, 'continuity-plan', 'In orde');

    // On disk: the age file and its note, nothing left over, and no client named in either.
    expect(readdirSync(folder).sort()).toEqual([BUNDLE_FILE, README_FILE].sort());
    const bytes = readFileSync(join(folder, BUNDLE_FILE));
    expect(bytes.subarray(0, 22).toString('latin1')).toBe('age-encryption.org/v1\n');
    expect(bytes.length).toBeGreaterThan(1024);
    for (const file of [BUNDLE_FILE, README_FILE]) {
      const content = readFileSync(join(folder, file));
      for (const { firstName, lastName } of CLIENTS) {
        for (const name of [firstName, lastName, `${firstName} ${lastName}`]) {
          expect(content.includes(Buffer.from(name, 'utf8')), `${name} in ${file}`).toBe(false);
          expect(content.includes(Buffer.from(name, 'utf16le')), `${name} in ${file}`).toBe(false);
        }
      }
    }

    // The drill: two keepers type their shares; the bundle opens and nothing is imported.
    const first = shares[0] ?? '';
    const second = shares[1] ?? '';
    const third = shares[2] ?? '';
    await typeShares(drill, [first, second]);
    await drill.getByRole('button', { name: 'Oefening starten' }).click();
    await expect(
      drill.getByText(/^Geslaagd: de delen openen de continuïteitsbundel van .+ met 2 cliënten\./),
    ).toBeVisible({ timeout: 30_000 });
    await expect(drill.getByText(/Let op: de bundel is ouder/)).toHaveCount(0);
    await expect(drill.getByText(/^Laatste oefening geslaagd op .+\d{4}.*\.$/)).toBeVisible();
    const drilledOn = longDay(new Date());
    await expectDuty(page, 'continuity-drill', 'In orde');
    await expect(page.locator('[data-duty="continuity-drill"]')).toContainText(
      `in orde sinds ${drilledOn}`,
    );

    // The practice's own duty list says the same.
    await goToPractice(page, 'Profiel & verzekering');
    await expectDuty(page, 'continuity-plan', 'In orde');
    await expectDuty(page, 'continuity-drill', 'In orde');
    await expect(page.locator('[data-duty="continuity-drill"]')).toContainText(
      `in orde sinds ${drilledOn}`,
    );
    await goToClients(page);
    for (const { firstName, lastName } of CLIENTS) {
      await expect(
        page
          .getByRole('list', { name: 'Cliëntenlijst' })
          .getByRole('link', { name: new RegExp(`${firstName} ${lastName}`) }),
      ).toHaveCount(1);
    }

    // The successor: a fresh vault elsewhere, the bundle file and two other keepers' shares.
    const successorDir = mkdtempSync(join(tmpdir(), 'dossierkluis-successor-'));
    const successor = await startHarness({ vaultDir: successorDir, vaultOptions: FAST });
    const successorPage = await page.context().newPage();
    const problems: string[] = [];
    successorPage.on('pageerror', (error) => problems.push(`${error.name}: ${error.message}`));
    try {
      await successorPage.goto(successor.url);
      await successor.waitForEventStream();
      // The successor follows the steps on a keeper's sheet, label by label.
      const P = SUCCESSOR_PATH;
      await expect(successorPage.getByRole('heading', { name: P.firstScreen })).toBeVisible();
      await successorPage
        .getByRole('textbox', { name: 'Wachtwoordzin', exact: true })
        .fill(PASSPHRASE);
      await successorPage.getByLabel('Herhaal de wachtwoordzin').fill(PASSPHRASE);
      await successorPage.getByRole('button', { name: P.createVault }).click();
      await successorPage.getByText(P.recoveryWritten).click();
      await successorPage.getByRole('button', { name: P.recoveryContinue }).click();
      const menu = successorPage.getByRole('navigation');
      await expect(menu.getByRole('heading', { name: P.menuHeading })).toBeVisible();
      await menu.getByRole('link', { name: P.menuItem, exact: true }).click();
      const recover = form(successorPage, P.section);
      const choosing = successorPage.waitForEvent('filechooser');
      await recover.getByRole('button', { name: P.chooseFile }).click();
      await (await choosing).setFiles(join(folder, BUNDLE_FILE));
      await recover.getByLabel(`${P.codeBox} 1`, { exact: true }).fill(second);
      await recover.getByLabel(`${P.codeBox} 2`, { exact: true }).fill(third);
      await expect(recover.getByText(/In orde: deel \d van 3/)).toHaveCount(2);
      await recover.getByRole('button', { name: P.open }).click();
      await expect(successorPage.getByText('De bundel is geopend en gecontroleerd.')).toBeVisible({
        timeout: 30_000,
      });
      await expect(
        successorPage.getByRole('definition').filter({ hasText: 'Mirjam de Wit' }),
      ).toBeVisible();
      const review = successorPage.getByRole('table', { name: 'Dossiers in de bundel' });
      for (const { firstName, lastName } of CLIENTS) {
        await expect(review).toContainText(`${firstName} ${lastName}`);
      }
      await successorPage.getByRole('button', { name: '2 dossiers importeren' }).click();
      await expect(successorPage.getByText('Klaar: 2 geïmporteerd, 0 overgeslagen.')).toBeVisible({
        timeout: 30_000,
      });
      await goToClients(successorPage);
      for (const { firstName, lastName } of CLIENTS) {
        await expect(
          successorPage
            .getByRole('list', { name: 'Cliëntenlijst' })
            .getByRole('link', { name: new RegExp(`${firstName} ${lastName}`) }),
        ).toHaveCount(1);
      }
      expect(problems, 'the successor page raised errors').toEqual([]);
    } finally {
      await successorPage.close();
      await successor.close();
      rmSync(successorDir, { recursive: true, force: true });
    }
    // Locked with the bundle still current, so the harness's quit lock at teardown has
    // nothing to rewrite into the folder removed below.
    await lock(page);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
