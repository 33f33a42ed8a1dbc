import { createVault } from './app-steps';
import { expect, test } from './fixtures';

/**
 * Electron's powerMonitor reports a locked screen on macOS and Windows only, so on Linux
 * the settings say that the vault relies on the idle time and on sleep there.
 */

const notice = /Op Linux merkt Dossierkluis niet altijd dat je je scherm vergrendelt/;

async function openSettings(page: import('@playwright/test').Page): Promise<void> {
  await createVault(page);
  await page.getByRole('navigation').getByRole('link', { name: 'Instellingen' }).click();
  await expect(page.getByRole('heading', { name: 'Veiligheid en termijnen' })).toBeVisible();
}

test.describe('on Linux', () => {
  test.use({ platform: 'linux' });

  test('the settings say the screen lock may go unnoticed and to keep the idle time short', async ({
    appPage: page,
  }) => {
    await openSettings(page);
    await expect(page.getByText(notice)).toBeVisible();
  });
});

test.describe('on Windows', () => {
  test.use({ platform: 'win32' });

  test('the settings say nothing about it', async ({ appPage: page }) => {
    await openSettings(page);
    await expect(page.getByLabel(/Automatisch vergrendelen/)).toBeVisible();
    await expect(page.getByText(notice)).toHaveCount(0);
  });
});
