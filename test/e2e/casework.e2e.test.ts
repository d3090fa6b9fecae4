import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { passwordFor } from '../helpers/app.js';
import { seedCrisis } from '../../src/seed/crisis.js';
import { seedAssessmentRequests } from '../../src/seed/assessment-requests.js';
import { seedCasework } from '../../src/seed/casework.js';
import { startE2eServer, type E2eServer } from './server.js';
import { arrive, expectHeading, expectNoAxeViolations, launchBrowser, skipBrowserTests } from './browser.js';

/**
 * Casework in the browser (issue 13 §4): Sam's caseload, the team's caseloads and queue, and Priya
 * transferring a piece of work (a refused empty choice first), each page checked with axe.
 */
describe.skipIf(skipBrowserTests())('casework in Chromium, with axe-core', { timeout: 300_000 }, () => {
  let server: E2eServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer({ tier1: true }), launchBrowser()]);
    await seedCrisis(server.database.db, server.org);
    await seedAssessmentRequests(server.database.db, server.org);
    await seedCasework(server.database.db, server.org);
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  async function signInAs(username: string): Promise<void> {
    await context?.close();
    context = await browser.newContext({ baseURL: server.baseUrl });
    page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(passwordFor(username));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await arrive(page, `${server.baseUrl}/`);
  }

  it('Sam’s caseload lists the Joneses’ requests, with the team’s queue below', async () => {
    await signInAs('sam.practitioner');
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'My caseload' }).click();
    await expectHeading(page, 'My caseload');
    await expect(page.locator('main').textContent()).resolves.toContain('Edna Jones');
    await expectNoAxeViolations(page, 'my caseload');
    await page.getByRole('link', { name: 'See your team’s caseloads' }).click();
    await expectHeading(page, /Fenland North/);
    await expectNoAxeViolations(page, 'team caseloads');
  });

  it('Priya transfers Harold’s request to Jo: an empty choice is refused, then the history shows it', async () => {
    await signInAs('priya.manager');
    await page.goto('/caseload');
    await page.getByRole('link', { name: 'See your team’s caseloads' }).click();
    await page.getByRole('link', { name: 'Sam Okafor' }).click();
    await expectNoAxeViolations(page, 'team caseloads, with Sam’s work');
    await page.getByRole('link', { name: 'Who holds this work for Harold Jones' }).click();
    await expectHeading(page, /Request for/);
    await expectNoAxeViolations(page, 'who holds this work');
    await page.getByRole('button', { name: 'Save who holds it' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Sam Okafor already holds');
    await expectNoAxeViolations(page, 'who holds this work, with an error');
    await page.getByLabel('Jo Bennett').check();
    await page.getByLabel('Reason (optional)').fill('Balancing caseloads');
    await page.getByRole('button', { name: 'Save who holds it' }).click();
    await page.locator('.govuk-notification-banner').waitFor();
    const history = await page.locator('main table').last().textContent();
    expect(history).toContain('Transferred');
    expect(history).toContain('Balancing caseloads');
    await expectNoAxeViolations(page, 'who holds this work, after the transfer');
  });
});
