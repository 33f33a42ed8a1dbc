import type { Locator } from '@playwright/test';
import {
  addClient,
  createVault,
  dateField,
  form,
  goToPractice,
  openTab,
  pseudonymOfOpenDossier,
  recordContract,
  startSession,
  typeDate,
} from './app-steps';
import { expect, test } from './fixtures';

/** Issue 11, "nothing typed is lost": and nothing saved that the coach did not choose. */

test('a double-click on Toevoegen never saves a real name: only "Toch opslaan" does, and Annuleren forgets the text', async ({
  appPage: page,
}) => {
  await createVault(page);
  await addClient(page, { firstName: 'Anna', lastName: 'de Vries' });
  const pseudonym = await pseudonymOfOpenDossier(page);
  await goToPractice(page, 'Supervisie & intervisie');
  const log = page.getByRole('list', { name: 'Logboek' });
  const start = page.getByRole('button', { name: /Bijeenkomst vastleggen/ });

  // Cancelled text does not come back when the form opens again.
  await start.click();
  await form(page, 'Bijeenkomst').getByLabel('Onderwerpen').fill('Een tekst die weg moet.');
  await form(page, 'Bijeenkomst').getByRole('button', { name: 'Annuleren' }).click();
  await start.click();
  await expect(form(page, 'Bijeenkomst').getByLabel('Onderwerpen')).toHaveValue('');

  const meeting = form(page, 'Bijeenkomst');
  await meeting.getByLabel('Onderwerpen').fill('Het verzuim van mevrouw De Vries.');
  const add = meeting.getByRole('button', { name: 'Toevoegen' });
  await add.dblclick();
  const warning = meeting.getByText(/^Niet opgeslagen: de tekst noemt een cliënt bij naam/);
  await expect(warning).toBeVisible();
  // Another click of the same button, with the warning shown, is no choice either.
  await add.click();
  await page.waitForTimeout(500);
  await expect(warning).toBeVisible();
  await expect(log.getByRole('listitem')).toHaveCount(0);

  // The explicit choice saves it.
  await meeting.getByRole('button', { name: 'Toch opslaan' }).click();
  await expect(log.getByRole('listitem')).toHaveCount(1);
  await expect(log).toContainText('De Vries');
  await expect(log).not.toContainText(pseudonym);
});

/** The text of a field's segments, without the direction marks around the time. */
async function shown(field: Locator): Promise<string> {
  return (await field.innerText()).replace(/[\u2066-\u2069\s]/g, '');
}

test('a date typed over a session date saves only what the field shows when the coach leaves it', async ({
  appPage: page,
}) => {
  await createVault(page);
  await addClient(page, { firstName: 'Ayşe', lastName: 'Yılmaz' });
  await startSession(page, 'Over werk en rust.');
  const startsAt = dateField(page, 'Datum en tijd');
  await typeDate(startsAt, '2026-04-12', '09:00');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('status').filter({ hasText: /Opgeslagen om/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /12 apr 2026.*09:00/ })).toBeVisible();

  const updates: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/sessions.update')) updates.push(request.postData() ?? '');
  });
  // The tester's keys at a coach's pace: on the way to 31-02-9999 lies 3 April, never saved.
  await startsAt.getByRole('spinbutton').first().click();
  await page.keyboard.type('310299991200', { delay: 250 });
  expect(updates).toEqual([]);
  await page.keyboard.press('Tab');
  await expect(
    page.getByText('Deze datum bestaat niet. De opgeslagen datum blijft staan.'),
  ).toBeVisible();
  await expect(startsAt).toHaveAttribute('data-invalid', 'true');
  expect(await shown(startsAt)).toBe('12-04-2026,09:00');
  await page.waitForTimeout(2500);
  expect(updates).toEqual([]);
  await expect(page.getByRole('link', { name: /12 apr 2026.*09:00/ })).toBeVisible();

  // A fifth digit in the year goes on to the hour: saved is what the field then shows.
  await startsAt.getByRole('spinbutton').nth(2).click();
  await page.keyboard.type('20261');
  await page.keyboard.press('Tab');
  const left = await shown(startsAt);
  expect(left).toBe('12-04-2026,01:00');
  await expect(
    page.getByText('Deze datum bestaat niet. De opgeslagen datum blijft staan.'),
  ).toHaveCount(0);
  await expect(page.getByRole('link', { name: /12 apr 2026.*01:00/ })).toBeVisible();
});

test('a saved form keeps its date when an impossible one is typed and the coach saves', async ({
  appPage: page,
}) => {
  await createVault(page);
  await addClient(page, { firstName: 'Ayşe', lastName: 'Yılmaz' });
  await recordContract(page, '2026-04-12');
  await openTab(page, 'Afspraken');
  const contract = form(page, 'Contract');
  const start = dateField(contract, 'Startdatum');
  expect(await shown(start)).toBe('12-04-2026');
  await typeDate(start, '2026-02-31');
  await contract.getByRole('button', { name: 'Contract opslaan' }).click();
  await expect(
    contract.getByText('Deze datum bestaat niet. De opgeslagen datum blijft staan.'),
  ).toBeVisible();
  expect(await shown(start)).toBe('12-04-2026');
  // After a reload of the dossier the stored date is the old one, never 28 February.
  await openTab(page, 'Sessies');
  await openTab(page, 'Afspraken');
  expect(await shown(dateField(form(page, 'Contract'), 'Startdatum'))).toBe('12-04-2026');
});
