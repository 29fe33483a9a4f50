/** Debian's Chromium, which the browser tests and the web bench drive through playwright-core (no browser download). */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * playwright-core launch options for that Chromium: headless, no sandbox (CI runs as root), no GPU, and none of
 * the background traffic (QUIC, component updates, sync) that a test counting a page's requests must not see.
 */
export const CHROMIUM_LAUNCH: { executablePath: string; headless: boolean; args: string[] } = {
  executablePath: CHROMIUM,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
