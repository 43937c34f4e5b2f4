// Screenshots of the main views for the README, written to docs/screenshots/ by the e2e suite.
// A file is rewritten only when the picture changed, so a run leaves no diff when nothing did.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';

export const SCREENSHOT_DIR = fileURLToPath(new URL('../../../../docs/screenshots/', import.meta.url));

/** A page is taken whole (full height); a locator, just that element. */
export async function saveScreenshot(target: Page | Locator, name: string): Promise<string> {
  const png = 'goto' in target
    ? await target.screenshot({ fullPage: true, animations: 'disabled', caret: 'hide' })
    : await target.screenshot({ animations: 'disabled', caret: 'hide' });
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = `${SCREENSHOT_DIR}${name}.png`;
  const before = await readFile(file).catch(() => undefined);
  if (before === undefined || !before.equals(png)) await writeFile(file, png);
  return file;
}
