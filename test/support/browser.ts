/**
 * Launches Debian's (or JUNCTION_CHROMIUM's) Chromium for browser tests through playwright-core, with a
 * fresh user-data dir. Without a Chromium binary the tests are skipped with a reason, unless
 * JUNCTION_REQUIRE_BROWSER is set, in which case they fail.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.JUNCTION_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Why browser tests cannot run here (pass it to node:test's `skip`), or undefined when they can.
 * With JUNCTION_REQUIRE_BROWSER set this is always undefined, so a missing browser fails the test.
 */
export function browserSkipReason(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  if (process.env.JUNCTION_REQUIRE_BROWSER) return undefined;
  return `no Chromium at ${CHROMIUM} (install Debian's chromium, or set JUNCTION_CHROMIUM; set JUNCTION_REQUIRE_BROWSER=1 to fail instead of skipping)`;
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors seen so far, for failure reports. */
  errors: string[];
  close(): Promise<void>;
}

export async function launchBrowser(
  options: { viewport?: { width: number; height: number } } = {},
): Promise<BrowserSession> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `JUNCTION_REQUIRE_BROWSER is set but there is no Chromium at ${CHROMIUM}; install chromium or set JUNCTION_CHROMIUM`,
    );
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'junction-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      // The headless mode comes from ARGS (--headless=new), so Playwright adds no flag of its own.
      headless: false,
      args: ARGS,
      viewport: options.viewport ?? { width: 1366, height: 768 },
      timeout: 30_000,
    });
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return {
    context,
    page,
    errors,
    async close() {
      await context.close().catch(() => {});
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
