import { expect, type Locator, type Page } from '@playwright/test';
import { OTHER_PASSPHRASE, PASSPHRASE } from '../support/vault-fixture';

/**
 * What a coach does on screen, step by step, shared by the journey specs. Everything is
 * found by role and visible label, the way a person (or a screen reader) finds it.
 */

export { OTHER_PASSPHRASE, PASSPHRASE };

/** A calendar day `days` from today, 'YYYY-MM-DD' (see typeDate). */
export function day(days = 0): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A date field (react-aria's segments, not a text box), by its label. */
export function dateField(scope: Page | Locator, label: string): Locator {
  return scope.getByRole('group', { name: label, exact: true });
}

/**
 * Types a day 'YYYY-MM-DD' (and a time 'HH:mm') into a date field as a coach does: from
 * the first segment, digits only, day first (dd-mm-jjjj, the order of the Dutch and the
 * British UI alike).
 */
export async function typeDate(field: Locator, on: string, time = ''): Promise<void> {
  const [year, month, dayOfMonth] = on.split('-');
  await field.getByRole('spinbutton').first().click();
  await field.page().keyboard.type(`${dayOfMonth}${month}${year}${time.replace(':', '')}`);
}

export async function createVault(page: Page): Promise<string> {
  await expect(page.getByRole('heading', { name: 'Welkom bij Dossierkluis' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Wachtwoordzin', exact: true }).fill(PASSPHRASE);
  await expect(page.getByRole('meter')).toHaveAttribute('aria-valuetext', 'sterk genoeg');
  await page.getByLabel('Herhaal de wachtwoordzin').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Kluis maken' }).click();
  await expect(page.getByRole('heading', { name: 'Schrijf je herstelsleutel op' })).toBeVisible();
  const recoveryKey = (await page.getByRole('region', { name: 'Herstelsleutel' }).innerText())
    .split(/\s+/)
    .join('-');
  const next = page.getByRole('button', { name: 'Verder naar Dossierkluis' });
  await expect(next).toBeDisabled();
  await page.getByText('Ik heb de herstelsleutel opgeschreven').click();
  await next.click();
  await expect(page.getByRole('heading', { name: 'Cliënten', level: 1 })).toBeVisible();
  return recoveryKey;
}

export async function unlock(page: Page, passphrase = PASSPHRASE): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Kluis ontgrendelen' })).toBeVisible();
  await page.getByLabel('Wachtwoordzin').fill(passphrase);
  await page.getByRole('button', { name: 'Ontgrendelen' }).click();
  await expect(page.getByRole('heading', { name: 'Kluis ontgrendelen' })).toBeHidden();
}

export async function goToClients(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Cliënten' }).click();
  await expect(page.getByRole('heading', { name: 'Cliënten', level: 1 })).toBeVisible();
}

export async function addClient(
  page: Page,
  client: { firstName: string; lastName: string; minor?: boolean },
): Promise<void> {
  await goToClients(page);
  await page.getByRole('button', { name: /Nieuwe cliënt/ }).click();
  await page.getByLabel('Voornaam').fill(client.firstName);
  await page.getByLabel('Achternaam').fill(client.lastName);
  if (client.minor) await page.getByText('Minderjarig', { exact: true }).click();
  await page.getByRole('button', { name: 'Cliënt aanmaken' }).click();
  await expect(
    page.getByRole('heading', {
      level: 1,
      name: new RegExp(`${client.firstName} ${client.lastName}`),
    }),
  ).toBeVisible();
}

export async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name }).click();
  await expect(page.getByRole('tab', { name, selected: true })).toBeVisible();
}

/** A form of the agreements tab, by its accessible name. */
export function form(page: Page, name: string): Locator {
  return page.getByRole('form', { name });
}

export async function saveForm(formLocator: Locator, button: string): Promise<void> {
  await formLocator.getByRole('button', { name: button }).click();
  await expect(formLocator.getByRole('status').filter({ hasText: 'Opgeslagen' })).toBeVisible();
}

export async function recordContract(page: Page, on: string): Promise<void> {
  await openTab(page, 'Afspraken');
  const contract = form(page, 'Contract');
  await typeDate(dateField(contract, 'Startdatum'), on);
  await contract.getByLabel('Doelen').fill('Meer rust en overzicht in het werk.');
  await typeDate(dateField(contract, 'Ethische code gegeven op'), on);
  await typeDate(dateField(contract, 'Gewezen op klachtenprocedure op'), on);
  await typeDate(dateField(contract, 'Anonieme supervisie besproken op'), on);
  await typeDate(dateField(contract, 'Contract getekend op'), on);
  await saveForm(contract, 'Contract opslaan');

  const confidentiality = form(page, 'Grenzen van vertrouwelijkheid');
  await typeDate(dateField(confidentiality, 'Afgesproken op'), on);
  await confidentiality.getByText('Als ik wettelijk verplicht ben informatie te geven').click();
  await confidentiality.getByText('Bij gevaar voor de cliënt zelf').click();
  await confidentiality.getByText('Bij gevaar voor anderen').click();
  await saveForm(confidentiality, 'Afspraak opslaan');
}

export async function startSession(page: Page, note: string): Promise<Locator> {
  await openTab(page, 'Sessies');
  await page.getByRole('button', { name: /Nieuwe sessie/ }).click();
  const notes = page.getByRole('textbox', { name: 'Verslag' });
  await notes.fill(note);
  return notes;
}

export async function expectDuty(page: Page, id: string, state: string): Promise<void> {
  await expect(page.locator(`[data-duty="${id}"]`)).toContainText(state);
}

/** Locks with the shortcut and waits for the unlock screen. */
export async function lock(page: Page): Promise<void> {
  await page.keyboard.press('Control+L');
  await expect(page.getByRole('heading', { name: 'Kluis ontgrendelen' })).toBeVisible();
}

/** A screen of the practice part of the navigation, by its exact name. */
export async function goToPractice(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/** The client's own contact details, on the overview tab of the open dossier. */
export async function setClientContact(
  page: Page,
  contact: { email?: string; phone?: string },
): Promise<void> {
  await openTab(page, 'Overzicht');
  const details = form(page, 'Gegevens van de cliënt');
  if (contact.email) await details.getByLabel('E-mail', { exact: true }).fill(contact.email);
  if (contact.phone) await details.getByLabel('Telefoon', { exact: true }).fill(contact.phone);
  await saveForm(details, 'Opslaan');
}

/** The pseudonym the app gave the open dossier, from its heading. */
export async function pseudonymOfOpenDossier(page: Page): Promise<string> {
  const text = await page.locator('.dossier-header__pseudonym').innerText();
  return text.trim();
}

/** Chooses the backup folder on the backups screen. */
export async function chooseBackupFolder(page: Page, folder: string): Promise<void> {
  await goToPractice(page, 'Back-ups');
  const folderForm = form(page, 'Map voor back-ups');
  await folderForm.getByLabel('Map (volledig pad)').fill(folder);
  await folderForm.getByRole('button', { name: 'Map instellen' }).click();
  await expect(folderForm.getByRole('status').filter({ hasText: 'Map ingesteld' })).toBeVisible();
}

/** Makes a backup now and waits until it is made and checked. */
export async function makeBackup(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Nu back-up maken' }).click();
  await expect(page.getByText(/Back-up gemaakt en gecontroleerd/)).toBeVisible();
}

/** The continuity plan: one successor, three keepers, instructions; saved. */
export async function fillContinuityPlan(page: Page): Promise<void> {
  const plan = form(page, 'Plan');
  await plan.getByRole('button', { name: /Opvolger toevoegen/ }).click();
  await plan.getByRole('group', { name: 'Opvolger 1' }).getByLabel('Naam').fill('Mirjam de Wit');
  for (const [number, name] of [
    [1, 'Mirjam de Wit'],
    [2, 'Bureau beroepsvereniging'],
    [3, 'Karel Smit'],
  ] as const) {
    await plan.getByRole('button', { name: /Bewaarder toevoegen/ }).click();
    await plan
      .getByRole('group', { name: `Bewaarder ${number}` })
      .getByLabel('Naam')
      .fill(name);
  }
  await plan
    .getByLabel('Instructies voor wie het overneemt')
    .fill('De laptop staat thuis; de agenda ligt op kantoor.');
  await saveForm(plan, 'Plan opslaan');
}
