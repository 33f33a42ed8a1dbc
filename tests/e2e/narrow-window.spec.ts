import { addClient, createVault, goToClients, startSession } from './app-steps';
import { expect, test } from './fixtures';

/** The smallest window the app supports: 1024×700, as on a small laptop at 125 % zoom. */
test.use({ viewport: { width: 1024, height: 700 } });

test('at 1024×700 the session editor has room and list dates are whole', async ({
  appPage: page,
}) => {
  await createVault(page);
  await addClient(page, { firstName: 'Maximiliaan', lastName: 'van Oostenbrugge-Dekker' });
  await startSession(page, 'Een eerste gesprek over werk en rust.');
  await expect(page.getByRole('status').filter({ hasText: /Opgeslagen om/ })).toBeVisible();

  const editorWidth = await page
    .locator('.session-editor')
    .evaluate((element) => element.getBoundingClientRect().width);
  test
    .info()
    .annotations.push({ type: 'session editor width (px)', description: `${editorWidth}` });
  expect(editorWidth).toBeGreaterThanOrEqual(520);

  const sessionDates = page.locator('.session-item__date');
  await expect(sessionDates).toHaveCount(1);
  for (const date of await sessionDates.all()) {
    const { scrollWidth, clientWidth } = await date.evaluate((element) => ({
      scrollWidth: element.scrollWidth,
      clientWidth: element.clientWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  }

  // The client list, plain and split beside search hits: the last-session date is whole.
  await goToClients(page);
  for (const query of ['', 'gesprek']) {
    await page.getByRole('searchbox', { name: 'Zoeken' }).fill(query);
    const last = page.locator('.client-row__last');
    await expect(last).toHaveCount(1);
    await expect(last).toContainText(/\d{4}/);
    const { scrollWidth, clientWidth } = await last.evaluate((element) => ({
      scrollWidth: element.scrollWidth,
      clientWidth: element.clientWidth,
    }));
    test.info().annotations.push({
      type: `client list date (${query || 'no search'})`,
      description: `${scrollWidth}/${clientWidth}`,
    });
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  }
});
