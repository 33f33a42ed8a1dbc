import { createVault, lock, OTHER_PASSPHRASE, PASSPHRASE, unlock } from './app-steps';
import { expect, test } from './fixtures';

test('a forgotten passphrase is replaced with the recovery key shown at creation', async ({
  appPage: page,
}) => {
  const recoveryKey = await createVault(page);
  await lock(page);

  await page.getByRole('button', { name: 'Wachtwoordzin vergeten?' }).click();
  await expect(page.getByRole('heading', { name: 'Nieuwe wachtwoordzin instellen' })).toBeVisible();
  const reset = page.getByRole('form', { name: 'Nieuwe wachtwoordzin instellen' });
  const submit = reset.getByRole('button', { name: 'Wachtwoordzin instellen' });

  // A weak passphrase is not accepted, the same as at first run.
  await reset.getByRole('textbox', { name: 'Nieuwe wachtwoordzin', exact: true }).fill('kort');
  await expect(reset.getByRole('meter')).toHaveAttribute(
    'aria-valuetext',
    'te kort: gebruik minstens 10 tekens',
  );
  await expect(submit).toBeDisabled();

  // A wrong recovery key is refused, and says so at the field.
  await reset.getByLabel('Herstelsleutel').fill('AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG');
  await reset
    .getByRole('textbox', { name: 'Nieuwe wachtwoordzin', exact: true })
    .fill(OTHER_PASSPHRASE);
  await expect(reset.getByRole('meter')).toHaveAttribute('aria-valuetext', 'sterk genoeg');
  await reset.getByLabel('Herhaal de nieuwe wachtwoordzin').fill(OTHER_PASSPHRASE);
  await submit.click();
  await expect(reset.getByRole('alert').first()).toContainText('Deze herstelsleutel klopt niet');

  await reset.getByLabel('Herstelsleutel').fill(recoveryKey);
  await submit.click();
  await expect(page.getByText('Je nieuwe wachtwoordzin is ingesteld.')).toBeVisible();

  // The old passphrase no longer opens the vault; the new one does.
  await page.getByLabel('Wachtwoordzin').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Ontgrendelen' }).click();
  await expect(page.getByRole('alert')).toContainText('Deze wachtwoordzin klopt niet');
  await unlock(page, OTHER_PASSPHRASE);
  await expect(page.getByRole('heading', { name: 'Cliënten', level: 1 })).toBeVisible();
});

test('after an unlock with the recovery key, a new passphrase is set right there', async ({
  appPage: page,
}) => {
  const recoveryKey = await createVault(page);
  await lock(page);
  await page.getByText('Herstelsleutel gebruiken').click();
  await page.getByRole('textbox', { name: /^Herstelsleutel/ }).fill(recoveryKey);
  await page.getByRole('button', { name: 'Ontgrendelen' }).click();
  await expect(page.getByRole('heading', { name: 'Cliënten', level: 1 })).toBeVisible();

  // No trip to Settings, which would ask for the passphrase she may have forgotten.
  await expect(page.getByText(/Je hebt de kluis geopend met je herstelsleutel/)).toBeVisible();
  const choose = page.getByRole('form', { name: 'Nieuwe wachtwoordzin kiezen' });
  await choose
    .getByRole('textbox', { name: 'Nieuwe wachtwoordzin', exact: true })
    .fill(OTHER_PASSPHRASE);
  await choose.getByLabel('Herhaal de nieuwe wachtwoordzin').fill(OTHER_PASSPHRASE);
  await choose.getByRole('button', { name: 'Wachtwoordzin instellen' }).click();
  await expect(page.getByText(/Je nieuwe wachtwoordzin is ingesteld/)).toBeVisible();
  await expect(choose).toHaveCount(0);

  await lock(page);
  await page.getByLabel('Wachtwoordzin').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Ontgrendelen' }).click();
  await expect(page.getByRole('alert')).toContainText('Deze wachtwoordzin klopt niet');
  await unlock(page, OTHER_PASSPHRASE);
  await expect(page.getByRole('heading', { name: 'Cliënten', level: 1 })).toBeVisible();
  // A passphrase unlock offers nothing.
  await expect(page.getByText(/Je hebt de kluis geopend met je herstelsleutel/)).toHaveCount(0);
});
