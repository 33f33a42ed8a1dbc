import { createVault, goToClients } from './app-steps';
import { expect, test } from './fixtures';

test('a practice of 2,000 clients stays quick to scroll and to walk with the keyboard', async ({
  appPage: page,
}) => {
  test.setTimeout(120_000);
  await createVault(page);
  // Through the same typed API the UI uses, so the list holds real dossiers.
  await page.evaluate(async () => {
    const api = (
      window as unknown as {
        kluis: { clients: { create(input: Record<string, unknown>): Promise<unknown> } };
      }
    ).kluis;
    for (let batch = 0; batch < 20; batch += 1) {
      await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          api.clients.create({
            firstName: `Cliënt${String(batch * 100 + i).padStart(4, '0')}`,
            lastName: 'Test',
            dateOfBirth: null,
            isMinor: i % 10 === 0,
            isVulnerableAdult: false,
            email: '',
            phone: '',
            address: '',
            sponsorOrganisation: '',
            sponsorContact: '',
            sponsorEmail: '',
            sponsorPhone: '',
            status: 'active',
            notes: '',
          }),
        ),
      );
    }
  });
  await goToClients(page);
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: '2000 cliënten' })).toBeVisible();
  const list = page.getByRole('list', { name: 'Cliëntenlijst' });
  const rendered = await list.getByRole('listitem').count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(60);

  await list.getByRole('link').first().focus();
  await page.keyboard.press('End');
  await expect(list.getByRole('link', { name: /Cliënt1999 Test/ })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(list.getByRole('link', { name: /Cliënt1998 Test/ })).toBeFocused();
  await page.keyboard.press('Home');
  await expect(list.getByRole('link', { name: /Cliënt0000 Test/ })).toBeFocused();

  await page.keyboard.press('Control+K');
  await expect(page.getByRole('searchbox', { name: 'Zoeken' })).toBeFocused();
  await page.keyboard.type('client1234');
  await expect(list.getByRole('link')).toHaveCount(1);
  await expect(list).toContainText('Cliënt1234 Test');

  await page.getByRole('searchbox', { name: 'Zoeken' }).fill('');
  await page.getByText('Alleen minderjarigen').click();
  await expect(page.getByRole('status').filter({ hasText: '200 cliënten' })).toBeVisible();
});
