/**
 * The web console in a real Chromium against a real server: sign in with the admin token, the
 * overview's sites, a job written in the YAML editor (an invalid field shown on its line, then a
 * valid spec) that runs to Succeeded with its output, the compatibility matrix, the bill's total
 * changing after the job ran, and a token created in Admin. One screenshot per page goes to
 * test/browser/screenshots/; a failing step saves `failure-<step>.png` and prints the page's errors.
 *
 * JUNCTION_CONSOLE_URL and JUNCTION_CONSOLE_TOKEN run it against a server that is already running.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { type BrowserSession, browserSkipReason, launchBrowser } from '../support/browser.js';
import { ROOT, removeDir, type ServerProcess, startServer, until } from '../support/junction.js';

const SHOTS = join(ROOT, 'test', 'browser', 'screenshots');
const skip = browserSkipReason();

/** A job on an emulated Hygon site (priced) that prints, sleeps ~3 s and prints again. */
const PAID_JOB = `apiVersion: junction/v1
kind: Job
metadata:
  name: console-paid
spec:
  workload:
    command: [sh, -c, 'echo "hello from $JUNCTION_SITE"; sleep 3; echo console-done']
  resources:
    replicas: 1
    perReplica:
      cpu: 1
      memory: 1Gi
      accelerators:
        count: 1
        vendors: [hygon]
`;

/** The same job with a misspelt field on line 11. */
const INVALID_JOB = PAID_JOB.replace('    replicas: 1', '    replica: 1');

describe('web console', { skip, timeout: 120_000 }, () => {
  let server: ServerProcess | undefined;
  let url: string;
  let token: string;
  let browser: BrowserSession;
  let page: Page;

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-console.mjs')], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.equal(build.status, 0, `console build failed:\n${build.stdout}\n${build.stderr}`);
    browser = await launchBrowser({ viewport: { width: 1366, height: 768 } });
    page = browser.page;
    page.setDefaultTimeout(15_000);
    if (process.env.JUNCTION_CONSOLE_URL) {
      url = process.env.JUNCTION_CONSOLE_URL.replace(/\/$/, '');
      token = process.env.JUNCTION_CONSOLE_TOKEN ?? '';
    } else {
      server = await startServer();
      url = server.url;
      const file = join(server.dataDir, 'admin-token');
      token = await until(
        `the admin token in ${file}`,
        async () => (existsSync(file) ? readFileSync(file, 'utf8').trim() || undefined : undefined),
        15_000,
      );
    }
  });

  after(async () => {
    await browser?.close();
    if (server) {
      await server.stop();
      removeDir(server.dataDir);
    }
  });

  /** Runs one step; on failure saves a screenshot and adds the page's errors and the server's output. */
  async function step(name: string, body: () => Promise<void>): Promise<void> {
    try {
      await body();
    } catch (error) {
      const shot = join(SHOTS, `failure-${name}.png`);
      await page?.screenshot({ path: shot, fullPage: true }).catch(() => {});
      const errors = browser?.errors.length ? browser.errors.join('\n  ') : '(none)';
      const output = server ? server.output().slice(-3000) : '(external server)';
      const where = page ? page.url() : '(no page)';
      const alerts = page
        ? await page
            .locator('[role="alert"]')
            .allTextContents()
            .catch(() => [])
        : [];
      const shown = alerts.length ? alerts.join('\n  ') : '(none)';
      const report = `--- step "${name}" at ${where}; screenshot ${shot}\n--- alerts on the page:\n  ${shown}\n--- page errors:\n  ${errors}\n--- server output (tail):\n${output}`;
      // node:test prints the stack, which already holds the original message: extend both.
      if (error instanceof Error) {
        error.message += `\n${report}`;
        error.stack = `${error.stack ?? ''}\n${report}`;
      }
      throw error;
    }
  }

  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

  async function billMicros(): Promise<number> {
    const total = page.getByTestId('bill-total');
    await total.waitFor();
    return Number(await total.getAttribute('data-micros'));
  }

  let billBefore = 0;
  let viewerToken = '';

  async function signInWith(secret: string): Promise<void> {
    if (await page.getByTestId('sign-out').count()) await page.getByTestId('sign-out').click();
    await page.getByTestId('token-input').fill(secret);
    await page.getByTestId('sign-in').click();
    await page.getByTestId('identity-role').waitFor();
  }

  test('a wrong token is refused in place; the admin token signs in', () =>
    step('sign-in', async () => {
      await page.goto(`${url}/`);
      await page.getByTestId('token-input').fill('not-a-token');
      await page.getByTestId('sign-in').click();
      await page.getByTestId('signin-error').waitFor();
      assert.ok(((await page.getByTestId('signin-error').textContent()) ?? '').trim().length > 0);
      await shot('sign-in');
      await page.getByTestId('token-input').fill(token);
      await page.getByTestId('sign-in').click();
      await page.getByTestId('identity-role').waitFor();
      assert.equal(await page.getByTestId('identity-role').textContent(), 'admin');
    }));

  test('the overview shows the demo sites and the allocation chart', () =>
    step('overview', async () => {
      await page.goto(`${url}/#/overview`);
      for (const site of ['local', 'east-dcu', 'south-ascend', 'north-gpu']) {
        await page.getByTestId(`site-${site}`).waitFor();
      }
      assert.match((await page.getByTestId('site-east-dcu').textContent()) ?? '', /hygon-dcu-k100_ai/);
      await page.locator('[data-testid="allocation-chart"] canvas').first().waitFor();
      await shot('overview');
    }));

  test('the bill shows a total before the job', () =>
    step('bill-before', async () => {
      await page.goto(`${url}/#/usage`);
      billBefore = await billMicros();
      assert.ok(Number.isFinite(billBefore), 'bill-total has data-micros');
    }));

  test('submit: an invalid field is shown on its line, then a valid spec runs to Succeeded with its logs', () =>
    step('submit', async () => {
      await page.goto(`${url}/#/submit`);
      const editor = page.getByTestId('spec-text');
      await editor.fill(INVALID_JOB);
      const issue = page.getByTestId('spec-issue').filter({ hasText: 'replica' }).first();
      await issue.waitFor();
      assert.match((await issue.textContent()) ?? '', /resources\.replica\b/);
      // The message is also shown on the misspelt line itself (line 11 of INVALID_JOB).
      const line = INVALID_JOB.split('\n').findIndex((l) => l.includes('replica: 1')) + 1;
      const inPlace = page.getByTestId(`issue-line-${line}`);
      await inPlace.waitFor();
      assert.match((await inPlace.textContent()) ?? '', /replica/);
      await shot('submit-invalid');

      await editor.fill(PAID_JOB);
      await page.getByTestId('spec-valid').waitFor();
      await page.getByTestId('plan-button').click();
      await page.getByTestId('plan-table').waitFor();
      assert.match((await page.getByTestId('plan-table').textContent()) ?? '', /east-dcu/);
      await shot('submit-plan');
      await page.getByTestId('submit-button').click();
      await page.waitForURL(/#\/jobs\/[^/]+$/);
      await page.getByTestId('job-name').waitFor();
      assert.equal(await page.getByTestId('job-name').textContent(), 'console-paid');
      await page.locator('[data-testid="phase"][data-phase="Succeeded"]').waitFor({ timeout: 45_000 });
      const logs = page.getByTestId('job-logs');
      await until('the job output in the log view', async () =>
        /console-done/.test((await logs.textContent()) ?? '') ? true : undefined,
      );
      assert.match((await logs.textContent()) ?? '', /hello from east-dcu/);
      await page.getByTestId('explain-summary').waitFor();
      await shot('job-detail');
      await page.goto(`${url}/#/jobs`);
      await page.getByTestId('jobs-table').getByText('console-paid').first().waitFor();
      await shot('jobs');
    }));

  test('the compatibility matrix lists nvidia-h100-sxm with verdicts and a legend', () =>
    step('compat', async () => {
      await page.goto(`${url}/#/compat`);
      const row = page.locator('[data-testid="compat-row"][data-model="nvidia-h100-sxm"]').first();
      await row.waitFor();
      assert.equal(await row.locator('.verdict.verified').first().isVisible(), true);
      await page.getByTestId('compat-legend').waitFor();
      await shot('compat');
    }));

  test('the bill total grows after the job ran', () =>
    step('bill-after', async () => {
      await page.goto(`${url}/#/usage`);
      const after = await until(
        'the bill total to change',
        async () => {
          const micros = await billMicros();
          return micros > billBefore ? micros : undefined;
        },
        20_000,
      );
      assert.ok(after > billBefore);
      await page.locator('[data-testid="cost-chart"] canvas').first().waitFor();
      await shot('usage');
      // The CSV is fetched with the token and saved through a Blob URL.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bill-csv').click()]);
      assert.match(download.suggestedFilename(), /\.csv$/);
      const path = await download.path();
      assert.match(readFileSync(path, 'utf8'), /east-dcu/);
    }));

  test('admin: a new token is shown once', () =>
    step('admin', async () => {
      await page.goto(`${url}/#/admin/tokens`);
      await page.getByTestId('token-user').fill('console-viewer');
      await page.getByTestId('token-role').selectOption('viewer');
      await page.getByTestId('token-create').click();
      const secret = page.getByTestId('token-secret');
      await secret.waitFor();
      viewerToken = ((await secret.textContent()) ?? '').trim();
      assert.ok(viewerToken.length >= 16, `a token secret, got "${viewerToken}"`);
      await shot('admin-tokens');
      await page.goto(`${url}/#/admin/audit`);
      await page.getByTestId('audit-table').waitFor();
      await shot('admin-audit');
    }));

  test('cancel: a viewer sees no Cancel button; an admin cancels a running job', () =>
    step('cancel', async () => {
      const response = await fetch(`${url}/api/v1/jobs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/yaml' },
        body: 'apiVersion: junction/v1\nkind: Job\nmetadata: {name: console-sleeper}\nspec:\n  workload: {command: [sleep, "60"]}\n  resources: {perReplica: {cpu: 100m, memory: 64Mi}}\n  runtime: {gracePeriod: 1s}\n',
      });
      assert.equal(response.status, 201, await response.clone().text());
      const { id } = (await response.json()) as { id: string };

      await signInWith(viewerToken);
      assert.equal(await page.getByTestId('identity-role').textContent(), 'viewer');
      assert.equal(await page.getByTestId('nav-admin').count(), 0, 'viewers have no Admin page');
      await page.goto(`${url}/#/jobs/${id}`);
      await page.locator('[data-testid="phase"][data-phase="Running"]').waitFor();
      assert.equal(await page.getByTestId('cancel-job').count(), 0, 'viewers see no Cancel button');
      await shot('job-viewer');

      await signInWith(token);
      await page.goto(`${url}/#/jobs/${id}`);
      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByTestId('cancel-job').click();
      await page.locator('[data-testid="phase"][data-phase="Cancelled"]').waitFor({ timeout: 20_000 });
    }));
});
