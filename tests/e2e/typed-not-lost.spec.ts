import { addClient, createVault, form, goToPractice, pseudonymOfOpenDossier } from './app-steps';
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
