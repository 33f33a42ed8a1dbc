import { createVault, lock, PASSPHRASE, unlock } from './app-steps';
import { expect, test } from './fixtures';

test('a coach who fears a secret is out replaces the keys and gets a new recovery key', async ({
  appPage: page,
}) => {
  const oldRecoveryKey = await createVault(page);
  await page.getByRole('navigation').getByRole('link', { name: 'Instellingen' }).click();
  const title = 'Ik denk dat iemand mijn wachtwoordzin of herstelsleutel kent';
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  const form = page.getByRole('form', { name: title });
  const submit = form.getByRole('button', { name: 'Sleutels vervangen' });
  await expect(submit).toBeDisabled();

  // A wrong passphrase is refused at the field, and nothing changes.
  await form.getByLabel('Je huidige wachtwoordzin').fill('dit is niet de goede zin hoor');
  await submit.click();
  await expect(form.getByRole('alert').first()).toContainText('Deze wachtwoordzin klopt niet');

  await form.getByLabel('Je huidige wachtwoordzin').fill(PASSPHRASE);
  await submit.click();
  await expect(
    page.getByRole('heading', { name: 'Schrijf je nieuwe herstelsleutel op' }),
  ).toBeVisible();
  const newRecoveryKey = (
    await page.getByRole('region', { name: 'Herstelsleutel', exact: true }).innerText()
  )
    .split(/\s+/)
    .join('-');
  expect(newRecoveryKey).toMatch(/^([0-9A-Z]{4}-){6}[0-9A-Z]{4}$/);
  expect(newRecoveryKey).not.toBe(oldRecoveryKey);
  const done = page.getByRole('button', { name: 'Klaar' });
  await expect(done).toBeDisabled();
  await page.getByText('Ik heb de herstelsleutel opgeschreven').click();
  await done.click();
  await expect(page.getByText('De sleutels zijn vervangen.')).toBeVisible();

  // The old recovery key no longer opens anything; the new one does.
  await lock(page);
  await page.getByRole('button', { name: 'Wachtwoordzin vergeten?' }).click();
  const reset = page.getByRole('form', { name: 'Nieuwe wachtwoordzin instellen' });
  await reset.getByLabel('Herstelsleutel').fill(oldRecoveryKey);
  await reset.getByRole('textbox', { name: 'Nieuwe wachtwoordzin', exact: true }).fill(PASSPHRASE);
  await reset.getByLabel('Herhaal de nieuwe wachtwoordzin').fill(PASSPHRASE);
  await reset.getByRole('button', { name: 'Wachtwoordzin instellen' }).click();
  await expect(reset.getByRole('alert').first()).toContainText(
    'Deze herstelsleutel hoort niet (meer) bij deze kluis',
  );
  await reset.getByLabel('Herstelsleutel').fill(newRecoveryKey);
  await reset.getByRole('button', { name: 'Wachtwoordzin instellen' }).click();
  await expect(page.getByText('Je nieuwe wachtwoordzin is ingesteld.')).toBeVisible();
  // Unlocked again where the coach left off.
  await unlock(page, PASSPHRASE);
  await expect(page.getByRole('heading', { name: 'Instellingen', level: 1 })).toBeVisible();
});
