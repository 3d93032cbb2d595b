import { type Browser, chromium } from 'playwright-core';

/**
 * Headless Chromium for the browser tests and the screenshots: Debian's package at /usr/bin/chromium (`.ci/run`
 * installs it) or CHROMIUM_PATH, with nothing that reaches out of the machine (no background networking, component
 * updates or sync) so that a test can check that no request leaves 127.0.0.1.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
