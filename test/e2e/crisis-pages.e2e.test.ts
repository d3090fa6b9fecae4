import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { passwordFor } from '../helpers/app.js';
import { insertCrisisEpisode } from '../helpers/crisis.js';
import { startE2eServer, type E2eServer } from './server.js';
import {
  arrive,
  expectNoAxeViolations,
  expectNoAxeViolationsWithoutJs,
  launchBrowser,
  skipBrowserTests,
} from './browser.js';

/**
 * The crisis pages the S1 journey does not pass through, each as it first opens and with the
 * GOV.UK error summary after an empty or wrong answer, checked with axe-core: the referral form,
 * triage (which has no wrong answer), the short-term plan (also without JavaScript), long-term support refused without a reason,
 * a manager's extension, the settings and the figures with a bad month.
 */
describe.skipIf(skipBrowserTests())('crisis pages in Chromium, with axe-core', { timeout: 300_000 }, () => {
  let server: E2eServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let episodeId: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
    const today = new Date().toISOString().slice(0, 10);
    episodeId = (
      await insertCrisisEpisode(server.database.db, server.org, server.people.mrsJones!, {
        starts_on: today,
        ends_on: `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`,
      })
    ).id;
    context = await browser.newContext({ baseURL: server.baseUrl });
    page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByLabel('Username').fill('priya.manager');
    await page.getByLabel('Password').fill(passwordFor('priya.manager'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await arrive(page, `${server.baseUrl}/`);
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  /** Open the page, check it, send it as it is (or after `prepare`), and check the errors it shows. */
  async function pageAndItsErrors(
    url: string,
    label: string,
    button: string,
    prepare?: () => Promise<void>,
  ): Promise<void> {
    await page.goto(url);
    await expectNoAxeViolations(page, label);
    await prepare?.();
    await page.getByRole('button', { name: button, exact: true }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.title()).toMatch(/^Error: /);
    await expectNoAxeViolations(page, `${label} with errors`);
  }

  it('the referral form', async () => {
    await pageAndItsErrors(
      `/people/${server.people.mrJones}/crisis/new`,
      'crisis referral form',
      'Open the crisis episode',
      async () => {
        await page.locator('#referralReason').fill('');
      },
    );
  });

  it('triage, the plan and long-term support without a reason', async () => {
    // Triage offers only valid choices, so it has no wrong answer to show.
    await page.goto(`/crisis/episodes/${episodeId}/triage`);
    await expectNoAxeViolations(page, 'triage');
    await pageAndItsErrors(`/crisis/episodes/${episodeId}/plan`, 'short-term plan', 'Save the plan', async () => {
      await page.locator('#checkInDailyDays').fill('99');
    });
    await pageAndItsErrors(
      `/crisis/episodes/${episodeId}/services/new`,
      'support form',
      'Add the support',
      async () => {
        await page.locator('input[name="kind"][value="long_term"]').check();
      },
    );
  });

  it('the plan form without JavaScript', async () => {
    const noJs = await browser.newContext({
      baseURL: server.baseUrl,
      javaScriptEnabled: false,
      storageState: await context.storageState(),
    });
    const mirror = await context.newPage();
    try {
      const p = await noJs.newPage();
      await p.goto(`/crisis/episodes/${episodeId}/plan`);
      await p.getByRole('button', { name: 'Add another goal' }).click();
      await p.locator('#goals-1').waitFor();
      await expectNoAxeViolationsWithoutJs(p, mirror, 'plan form after adding a goal');
    } finally {
      await mirror.close();
      await noJs.close();
    }
  });

  it('a manager’s extension, the settings and the figures', async () => {
    await pageAndItsErrors(`/crisis/episodes/${episodeId}/extend`, 'extend the time limit', 'Extend the time limit');
    await page.goto('/crisis/settings');
    await expectNoAxeViolations(page, 'crisis settings');
    await page.goto('/crisis/figures?from=2026-13');
    await expectNoAxeViolations(page, 'crisis figures with a bad month');
    await page.goto('/crisis?patch=all');
    await expectNoAxeViolations(page, 'crisis board, all patches');
  });
});
