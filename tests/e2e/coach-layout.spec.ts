import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import {
  addClient,
  chooseBackupFolder,
  createVault,
  dateField,
  day,
  goToClients,
  goToPractice,
  lock,
  makeBackup,
  openTab,
  PASSPHRASE,
  pseudonymOfOpenDossier,
  typeDate,
} from './app-steps';
import { expect, test } from './fixtures';

/**
 * What a coach's walk through the app at 1366×768 and 1024×700 found in the layout: the
 * strength meter's label ran into its verdict and showed a refused passphrase as nearly
 * good, the search field's placeholder was cut off, a dialog's buttons fell below the
 * fold, and a birth date under 18 left "Minderjarig" unticked.
 */

const SMALL = { width: 1024, height: 700 };
const LAPTOP = { width: 1366, height: 768 };

/** The whole of `element` lies inside the window. */
async function expectWithinViewport(page: Page, element: Locator): Promise<void> {
  const box = await element.boundingBox();
  const viewport = page.viewportSize();
  if (!box || !viewport) throw new Error('no box or viewport');
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  // Inside the window is not enough: a scrolling box can hide it. Is it what is on top?
  const onTop = await element.evaluate((button) => {
    const rect = button.getBoundingClientRect();
    const hit = document.elementFromPoint(rect.x + rect.width / 2, rect.y + rect.height / 2);
    return hit !== null && button.contains(hit);
  });
  expect(onTop, 'the button is seen, not scrolled away or covered').toBe(true);
}

test('the strength meter keeps label and verdict apart and follows the verdict', async ({
  appPage: page,
}) => {
  for (const size of [LAPTOP, SMALL]) {
    await page.setViewportSize(size);
    await expect(page.getByRole('heading', { name: 'Welkom bij Dossierkluis' })).toBeVisible();
    const field = page.getByRole('textbox', { name: 'Wachtwoordzin', exact: true });
    const meter = page.getByRole('meter');
    // zxcvbn gives it 3 of 4; the vault refuses it.
    await field.fill('Welkom12345!');
    await expect(meter).toHaveAttribute('aria-valuetext', /^te makkelijk/);
    await expect(meter).toHaveAttribute('aria-valuenow', '1');
    await expect(page.locator('.meter__segment--on')).toHaveCount(1);

    const label = await page.locator('.meter__label').boundingBox();
    const value = await page.locator('.meter__value').boundingBox();
    if (!label || !value) throw new Error('meter not drawn');
    const apart = label.x + label.width + 8 <= value.x || value.y >= label.y + label.height;
    expect(apart, `label ${JSON.stringify(label)} and verdict ${JSON.stringify(value)}`).toBe(true);

    await field.fill(PASSPHRASE);
    await expect(meter).toHaveAttribute('aria-valuetext', 'sterk genoeg');
    await expect(page.locator('.meter__segment--on')).toHaveCount(4);
    await field.fill('');
  }
});

test('the client search shows its whole placeholder at 1366 and at 1024 wide', async ({
  appPage: page,
}) => {
  await createVault(page);
  for (const size of [LAPTOP, SMALL]) {
    await page.setViewportSize(size);
    await goToClients(page);
    const search = page.getByRole('searchbox', { name: 'Zoeken' });
    await expect(search).toHaveAttribute('placeholder', /\S/);
    // The placeholder as the input's text, measured without telling React (then cleared).
    const { scrollWidth, clientWidth, placeholder } = await search.evaluate(
      (input: HTMLInputElement) => {
        const before = input.value;
        input.value = input.placeholder;
        const measured = {
          scrollWidth: input.scrollWidth,
          clientWidth: input.clientWidth,
          placeholder: input.placeholder,
        };
        input.value = before;
        return measured;
      },
    );
    test.info().annotations.push({
      type: `search field at ${size.width} px`,
      description: `“${placeholder}”: ${scrollWidth} of ${clientWidth} px`,
    });
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  }
});

test('at 1024×700 every dialog shows its buttons', async ({ appPage: page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize(SMALL);
  const folder = mkdtempSync(join(tmpdir(), 'dossierkluis-backups-'));
  try {
    await createVault(page);
    await addClient(page, { firstName: 'Noor', lastName: 'Visser' });
    const pseudonym = await pseudonymOfOpenDossier(page);

    // The erase dialog, the longest in the dossier.
    await openTab(page, 'Afsluiting');
    await page.getByRole('button', { name: /Reden om eerder te vernietigen/ }).click();
    await page.getByRole('option', { name: 'Op verzoek van de cliënt' }).click();
    await page.getByRole('button', { name: 'Toch eerder vernietigen' }).click();
    const erase = page.getByRole('alertdialog');
    await expect(erase).toBeVisible();
    await expectWithinViewport(page, erase.getByRole('button', { name: 'Definitief vernietigen' }));
    await expectWithinViewport(page, erase.getByRole('button', { name: 'Annuleren' }));
    await erase.getByRole('button', { name: 'Annuleren' }).click();
    await expect(erase).toBeHidden();
    expect(pseudonym).not.toBe('');

    // The restore dialog of a vault that exists: the one whose buttons fell off the screen.
    await chooseBackupFolder(page, folder);
    await makeBackup(page);
    await lock(page);
    await page.getByRole('button', { name: 'Herstellen uit back-up' }).click();
    await page.getByRole('button', { name: /^Back-up van .* terugzetten$/ }).click();
    const restore = page.getByRole('alertdialog');
    await expect(restore).toBeVisible();
    const confirm = restore.getByRole('button', { name: 'Terugzetten' });
    await expectWithinViewport(page, confirm);
    await expectWithinViewport(page, restore.getByRole('button', { name: 'Annuleren' }));
    const height = await restore.evaluate((dialog) => dialog.scrollHeight);
    test.info().annotations.push({ type: 'restore dialog height (px)', description: `${height}` });
    // A 700 px screen less the browser's or the system's bars: still the buttons show.
    await page.setViewportSize({ width: SMALL.width, height: 480 });
    await expectWithinViewport(page, confirm);
    // The fields in between can still be reached: the body scrolls, the buttons stay.
    await restore.getByText('Ik begrijp dat de kluis wordt vervangen door deze back-up').click();
    await restore.getByLabel('Wachtwoordzin van je kluis nu').fill(PASSPHRASE);
    await expect(confirm).toBeEnabled();
    await expectWithinViewport(page, confirm);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a birth date under 18 years ago ticks "Minderjarig" and says why', async ({
  appPage: page,
}) => {
  await createVault(page);
  await goToClients(page);
  await page.getByRole('button', { name: /Nieuwe cliënt/ }).click();
  await page.getByLabel('Voornaam').fill('Lotte');
  const minor = page.getByRole('checkbox', { name: 'Minderjarig' });
  await expect(minor).not.toBeChecked();

  await typeDate(dateField(page, 'Geboortedatum'), day(-12 * 365));
  await expect(minor).toBeChecked();
  await expect(minor).toBeDisabled();
  await expect(
    page.getByText(/Volgens de geboortedatum is de cliënt vandaag jonger dan 18/),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Cliënt aanmaken' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Lotte/ })).toBeVisible();
  await expect(page.locator('.dossier-header').getByText('minderjarig')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Minderjarig' })).toBeChecked();

  // An adult's birth date leaves the box to the coach.
  await goToClients(page);
  await page.getByRole('button', { name: /Nieuwe cliënt/ }).click();
  await page.getByLabel('Voornaam').fill('Ruben');
  await typeDate(dateField(page, 'Geboortedatum'), day(-30 * 365));
  const adult = page.getByRole('checkbox', { name: 'Minderjarig' });
  await expect(adult).not.toBeChecked();
  await expect(adult).toBeEnabled();
});

test('the reason "Minderjarig" shows moves nothing below it, so the next click lands', async ({
  appPage: page,
}) => {
  await createVault(page);
  await goToClients(page);
  await page.getByRole('button', { name: /Nieuwe cliënt/ }).click();
  await page.getByLabel('Voornaam').fill('Lotte');
  const create = page.getByRole('button', { name: 'Cliënt aanmaken' });
  for (const size of [SMALL, LAPTOP]) {
    await page.setViewportSize(size);
    const before = await create.boundingBox();
    await typeDate(dateField(page, 'Geboortedatum'), day(-12 * 365));
    await expect(page.getByRole('checkbox', { name: 'Minderjarig' })).toBeChecked();
    // A coach leaves the date and clicks at once: the button is where it was.
    expect((await create.boundingBox())?.y).toBe(before?.y);
    await typeDate(dateField(page, 'Geboortedatum'), day(-30 * 365));
    await expect(page.getByRole('checkbox', { name: 'Minderjarig' })).not.toBeChecked();
    expect((await create.boundingBox())?.y).toBe(before?.y);
  }
});

test('the handover key is named and explained; its raw form shows once, beside Kopiëren', async ({
  appPage: page,
}) => {
  await createVault(page);
  await goToPractice(page, 'Overdracht');
  await page.getByRole('button', { name: 'Overdrachtssleutel tonen' }).click();
  await expect(
    page.getByText(/Deze reeks letters en cijfers is je overdrachtssleutel/),
  ).toBeVisible();
  const raw = page.getByText(/^age1[0-9a-z]+$/);
  await expect(raw).toHaveCount(1);
  // Nowhere else on the page does the key's machine form show.
  const main = await page.getByRole('main').innerText();
  expect(main.match(/age1[0-9a-z]{10,}/g)).toHaveLength(1);
  // Its place: right before the buttons that copy or save it.
  const key = await raw.boundingBox();
  const copy = await page.getByRole('button', { name: 'Kopiëren' }).boundingBox();
  if (!key || !copy) throw new Error('not drawn');
  expect(copy.y).toBeGreaterThan(key.y);
  expect(copy.y - (key.y + key.height)).toBeLessThan(120);
});
