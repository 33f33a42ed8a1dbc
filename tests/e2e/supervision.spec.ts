import { readFile } from 'node:fs/promises';
import {
  addClient,
  createVault,
  dateField,
  day,
  form,
  goToPractice,
  openTab,
  pseudonymOfOpenDossier,
  saveForm,
  setClientContact,
  startSession,
  typeDate,
} from './app-steps';
import { expect, test } from './fixtures';

const EMAIL = 'emma.jansen@example.nl';
const PHONE = '06-12345678';

test('a case is discussed only with consent, by pseudonym, and its summary identifies no one', async ({
  appPage: page,
}) => {
  test.setTimeout(120_000);
  await createVault(page);
  await addClient(page, { firstName: 'Emma', lastName: 'Jansen' });
  const pseudonym = await pseudonymOfOpenDossier(page);
  expect(pseudonym).not.toBe('');
  await setClientContact(page, { email: EMAIL, phone: PHONE });

  // Without consent (2.16) the dossier says so, and the case cannot be added to a meeting.
  await openTab(page, 'Supervisie');
  await expect(page.getByText(`Zonder deze toestemming kun je ${pseudonym} niet`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Casusbeschrijving maken' })).toBeDisabled();
  await page.getByRole('button', { name: 'Bespreken in supervisie' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Supervisie & intervisie' }),
  ).toBeVisible();
  const meeting = form(page, 'Bijeenkomst');
  await expect(meeting.getByRole('alert').or(meeting.getByRole('status')).first()).toBeVisible();
  await expect(
    meeting.getByText(
      `Emma Jansen (pseudoniem: ${pseudonym}) kan (nog) niet worden besproken: de cliënt heeft geen toestemming`,
    ),
  ).toBeVisible();
  await expect(meeting.getByRole('checkbox', { name: pseudonym })).toHaveCount(0);
  await expect(meeting.getByText('Nog geen dossiers met toestemming')).toBeVisible();
  await meeting.getByText('Staat de casus er niet bij?').click();
  await expect(meeting.getByText(/Afspraken → Contract/)).toBeVisible();

  // The way to fix it: the consent date in the contract.
  await meeting.getByRole('link', { name: 'Toestemming vastleggen in het contract' }).click();
  await expect(page.getByRole('tab', { name: 'Afspraken', selected: true })).toBeVisible();
  const contract = form(page, 'Contract');
  await typeDate(dateField(contract, 'Anonieme supervisie besproken op'), day(-1));
  await saveForm(contract, 'Contract opslaan');

  // Now the meeting is logged, with the case by pseudonym and nothing else of the client.
  await goToPractice(page, 'Supervisie & intervisie');
  await page.getByRole('button', { name: /Bijeenkomst vastleggen/ }).click();
  const newMeeting = form(page, 'Bijeenkomst');
  await newMeeting.getByLabel('Met wie').fill('Intervisiegroep Noord');
  await newMeeting.getByLabel('Duur (minuten)').fill('90');
  await newMeeting.getByLabel('Onderwerpen').fill('Grenzen stellen bij een opdrachtgever.');
  await newMeeting
    .getByLabel("Ethische dilemma's")
    .fill('Wat deel ik met de opdrachtgever als die naar de voortgang vraagt?');
  // react-aria keeps the real input hidden: a person clicks the label.
  await newMeeting.locator('label').filter({ hasText: pseudonym }).click();
  // The coach picks by real name; the log keeps only the pseudonym.
  await expect(
    newMeeting.getByRole('checkbox', { name: `Emma Jansen (pseudoniem: ${pseudonym})` }),
  ).toBeChecked();
  await newMeeting.getByRole('button', { name: 'Toevoegen' }).click();
  const log = page.getByRole('list', { name: 'Logboek' });
  await expect(log).toContainText(pseudonym);
  await expect(log).toContainText('Intervisiegroep Noord');
  await expect(log).toContainText('Wat deel ik met de opdrachtgever');
  await expect(log).not.toContainText('Emma');
  await expect(log).not.toContainText('Jansen');

  // A session whose notes name the client, her e-mail and phone.
  await page.getByRole('navigation').getByRole('link', { name: 'Cliënten' }).click();
  await page.getByRole('link', { name: /Emma Jansen/ }).click();
  await startSession(
    page,
    `Emma Jansen (${EMAIL}, ${PHONE}) vertelde dat haar leidinggevende Pieter de Boer haar ` +
      'onder druk zet. Ze overweegt te verhuizen naar Utrecht. Emma wil rust.',
  );
  await expect(page.getByRole('status').filter({ hasText: /Opgeslagen om/ })).toBeVisible();

  // Prepare the summary from that session: the review shows both texts side by side.
  await openTab(page, 'Supervisie');
  await page.getByRole('button', { name: 'Casusbeschrijving maken' }).click();
  await page
    .locator('label')
    .filter({ hasText: /Sessie van/ })
    .click();
  await page.getByRole('button', { name: 'Anonimiseren en nakijken' }).click();
  const original = page.getByRole('textbox', { name: 'Oorspronkelijk' });
  const anonymised = page.getByRole('textbox', { name: 'Geanonimiseerd' });
  await expect(original).toHaveValue(/Emma Jansen/);
  await expect(anonymised).toHaveValue(/\[cliënt\]/);
  for (const identifier of ['Emma', 'Jansen', EMAIL, PHONE]) {
    await expect(anonymised).not.toHaveValue(new RegExp(identifier.replace(/[.+-]/g, '\\$&')));
  }

  // What was replaced is listed per person: every written form on one line, with a count.
  const replaced = page.locator('details').filter({ hasText: 'De app verving' });
  await replaced.getByText(/De app verving/).click();
  await expect(replaced).toContainText('Emma Jansen, Emma → [cliënt] · 2 vermeldingen');

  // Every flag needs a decision before the summary can be stored.
  const finalize = page.getByRole('button', { name: 'Vastleggen' });
  const groups = page.getByRole('radiogroup');
  const flagCount = await groups.count();
  expect(flagCount).toBeGreaterThan(0);
  await expect(finalize).toBeDisabled();
  for (let index = 0; index < flagCount; index += 1) {
    await groups
      .nth(index)
      .getByText(/^Vervangen door \[/)
      .click();
    await expect(
      groups.nth(index).getByRole('radio', { name: /^Vervangen door \[/ }),
    ).toBeChecked();
  }
  await expect(page.getByText('Alles nagekeken.')).toBeVisible();
  await expect(anonymised).not.toHaveValue(/Pieter|Utrecht/);

  // A name typed back in during review is caught before anything is stored.
  const reviewed = await anonymised.inputValue();
  await anonymised.fill(`${reviewed} Groet aan Emma.`);
  await finalize.click();
  await expect(page.getByRole('alert')).toContainText(
    'Er staat nog een gegeven in de tekst waaraan iemand te herkennen is (naam van de cliënt)',
  );
  await anonymised.fill(reviewed);
  await finalize.click();
  await expect(page.getByText('De casusbeschrijving is vastgelegd.')).toBeVisible();

  // Exported as Markdown: nothing that identifies the client leaves the vault.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Casus voor supervisie exporteren als Markdown' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.md$/);
  const path = await download.path();
  const markdown = await readFile(path, 'utf8');
  expect(markdown).toContain('# Casus voor supervisie');
  expect(markdown).toContain('[cliënt]');
  for (const identifier of ['Emma', 'Jansen', EMAIL, PHONE, '0612345678', pseudonym]) {
    expect(markdown.toLowerCase(), `the export holds ${identifier}`).not.toContain(
      identifier.toLowerCase(),
    );
  }

  // The summary is listed with the dossier, exported.
  await page.getByRole('button', { name: 'Klaar' }).click();
  const earlier = page.getByRole('list', { name: 'Eerdere casusbeschrijvingen' });
  await expect(earlier).toContainText('Casus voor supervisie');
  await expect(earlier).toContainText('geëxporteerd');
});
