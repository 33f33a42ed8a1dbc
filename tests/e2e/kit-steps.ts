import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { shareOnSheet } from '../support/pdf-text';
import { expect } from './fixtures';

/**
 * Issues the emergency kit and hands it out as a coach does: each keeper's sheet saved
 * on its own, then 'Alle bladen zijn uitgedeeld'. Returns each keeper's code, read from
 * that keeper's own PDF, so what a keeper types later is what their sheet says.
 */
export async function handOutKit(
  page: Page,
  keepers: readonly string[],
  options: { issue?: string } = {},
): Promise<string[]> {
  await page.getByRole('button', { name: options.issue ?? 'Noodpakket uitgeven' }).click();
  await expect(
    page.getByText(
      'Elke bewaarder krijgt een eigen blad. Wie één blad vindt, kan niets openen; daarom staat er nooit meer dan één blad in één bestand.',
    ),
  ).toBeVisible();
  const sheets = page.getByRole('list', { name: 'Bladen van de bewaarders' });
  await expect(sheets.getByRole('listitem')).toHaveCount(keepers.length);
  const codes: string[] = [];
  for (const [index, keeper] of keepers.entries()) {
    const row = sheets.getByRole('listitem').filter({ hasText: `Blad ${index + 1}: ${keeper}` });
    const downloading = page.waitForEvent('download');
    await row.getByRole('button', { name: `Blad voor ${keeper} opslaan` }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(
      new RegExp(`^noodpakket-blad-${index + 1}-van-${keepers.length}-[0-9A-Z]{8}\\.pdf$`),
    );
    await expect(row.getByRole('status')).toHaveText(
      `Opgeslagen als ${download.suggestedFilename()}`,
    );
    codes.push(shareOnSheet(readFileSync(await download.path())));
  }
  expect(new Set(codes).size).toBe(keepers.length);
  await page.getByRole('button', { name: 'Alle bladen zijn uitgedeeld' }).click();
  await expect(sheets).toHaveCount(0);
  return codes;
}
