import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { passwordFor } from '../helpers/app.js';
import { startE2eServer, type E2eServer } from './server.js';
import { arrive, expectHeading, expectNoAxeViolations, launchBrowser, skipBrowserTests } from './browser.js';

/**
 * Staff pages the scenario journeys do not pass through: the directory's management pages and
 * taxonomy tree, and the IG auditor's way to "who has looked at this record". Each is checked with
 * axe (WCAG 2.2 AA and best practice) and for console errors and CSP violations.
 */
describe.skipIf(skipBrowserTests())('staff pages in Chromium, with axe-core', { timeout: 300_000 }, () => {
  let server: E2eServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer({ tier1: true }), launchBrowser()]);
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

  it('the directory’s entries and its taxonomy tree, indented without inline styles', async () => {
    await signInAs('sam.practitioner');
    await page.goto('/directory/manage');
    await expectNoAxeViolations(page, 'directory entries');
    await page.goto('/directory/manage/taxonomies');
    await expectHeading(page, 'Kinds of service');
    await expectNoAxeViolations(page, 'taxonomies');
    // The tree is drawn: a child term sits further right than its parent.
    const parent = await page.locator('li.tl-term', { hasText: 'Community activities' }).first().boundingBox();
    const child = await page.locator('li.tl-term', { hasText: 'Peer support' }).first().boundingBox();
    expect(child!.x).toBeGreaterThan(parent!.x);
  });

  it('the IG auditor finds a person and sees who has looked at their record', async () => {
    await signInAs('ian.auditor');
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Who has looked' }).click();
    await expectHeading(page, 'Who has looked at a record');
    await expectNoAxeViolations(page, 'auditor’s search');
    await page.getByLabel('Name, NHS number, date of birth or postcode').fill('Harold Jones');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('#results').waitFor();
    await expectNoAxeViolations(page, 'auditor’s search results');
    await page.getByRole('link', { name: 'Harold Jones' }).first().click();
    await expectHeading(page, /Who has looked at this record/);
    await expectNoAxeViolations(page, 'who has looked at this record');
  });

  it('signs the footer with the council’s name and licence, not the Crown’s', async () => {
    const footer = page.locator('footer');
    await expect(footer.textContent()).resolves.toContain('Fenshire');
    await expect(footer.textContent()).resolves.not.toContain('Crown copyright');
    expect(await page.locator('.govuk-footer__copyright-logo').count()).toBe(0);
  });
});
