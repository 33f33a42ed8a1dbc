import { createVault, goToPractice, lock, unlock } from './app-steps';
import { expect, test } from './fixtures';

test('the audit log tells what happened in Dutch words, not in the services’ keys', async ({
  appPage: page,
}) => {
  await createVault(page);
  await lock(page);
  await unlock(page);
  await goToPractice(page, 'Auditlog');
  const table = page.getByRole('table', { name: 'Gebeurtenissen' });
  const locked = table.getByRole('row').filter({ hasText: 'Kluis vergrendeld' });
  await expect(locked).toContainText('reden: door jou');
  const unlocked = table.getByRole('row').filter({ hasText: 'Kluis geopend' }).first();
  await expect(unlocked).toContainText('met: wachtwoordzin');
  await expect(table).not.toContainText(/\b(reason|method):/);
});
