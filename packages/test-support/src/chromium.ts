// Launches Debian's Chromium headless through playwright-core (never a downloaded browser).
// Where no Chromium is installed the browser suites are skipped locally, but CI (CI=true) fails.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function chromiumPath(): string | undefined {
  const found = CANDIDATES.find((p): p is string => p !== undefined && p !== '' && existsSync(p));
  if (found === undefined && process.env['CI'] !== undefined && process.env['CI'] !== '') {
    throw new Error('CI needs Chromium for the browser tests: apt-get install -y chromium (or set CHROMIUM_PATH)');
  }
  return found;
}

export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
