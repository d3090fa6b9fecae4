import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { passwordFor } from '../helpers/app.js';
import { startE2eServer, type E2eServer } from './server.js';
import {
  arrive,
  expectHeading,
  expectNoAxeViolations,
  expectNoAxeViolationsWithoutJs,
  launchBrowser,
  skipBrowserTests,
} from './browser.js';

/**
 * Issue 2 §7: the foundation journey in a real browser — sign in, find a person, add one with an
 * error, fix it, check answers, see the record and the timeline, sign out — with axe-core on every
 * page (0 violations, WCAG 2.2 AA), then again with JavaScript off, and with the keyboard only.
 */
// The journeys run concurrently (each in its own browser context): axe dominates the run time and
// two renderer processes use both cores. Limits are generous for busy shared machines.
describe.skipIf(skipBrowserTests())('foundation journey in Chromium', { timeout: 240_000, concurrent: true }, () => {
  let server: E2eServer;
  let browser: Browser;

  // Generous limits: on a busy two-core machine starting PGlite alone can take half a minute.
  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** No-JavaScript pages and the JavaScript-enabled mirror page axe checks their HTML in. */
  const mirrors = new WeakMap<Page, Page>();

  function checkA11y(page: Page, label: string): Promise<void> {
    const mirror = mirrors.get(page);
    return mirror ? expectNoAxeViolationsWithoutJs(page, mirror, label) : expectNoAxeViolations(page, label);
  }

  async function newPage(javaScriptEnabled = true): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ baseURL: server.baseUrl, javaScriptEnabled });
    const page = await context.newPage();
    return { context, page };
  }

  /** Go, check the page is the one expected, and check it with axe. */
  async function visit(page: Page, path: string, heading: string | RegExp, status = 200): Promise<void> {
    const response = await page.goto(path);
    expect(response?.status(), `status of ${path}`).toBe(status);
    await expectHeading(page, heading);
    await checkA11y(page, path);
  }

  async function signInWithForm(page: Page, username: string): Promise<void> {
    await visit(page, '/sign-in', 'Sign in');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(passwordFor(username));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await arrive(page, `${server.baseUrl}/`);
    await expect(page.locator('.tl-signed-in').textContent()).resolves.toContain('Sam');
    if (!mirrors.has(page)) {
      // GOV.UK Frontend's inline script ran: the policy allows it by hash (no nonce), and nothing was refused.
      await expect(page.evaluate(() => document.body.classList.contains('govuk-frontend-supported'))).resolves.toBe(
        true,
      );
    }
    await checkA11y(page, 'home page');
  }

  async function findHaroldJones(page: Page): Promise<void> {
    await page.getByRole('link', { name: 'People', exact: true }).first().click();
    await arrive(page, '**/people');
    await expectHeading(page, 'Find a person');
    await checkA11y(page, 'search page');
    await page.getByLabel('Name, NHS number, date of birth or postcode').fill('Harold Jones');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('#results').waitFor();
    // The search words never reach the URL: they went in the POST body and the session.
    expect(page.url()).toBe(`${server.baseUrl}/people`);
    await checkA11y(page, 'search results');
    await page.getByRole('link', { name: 'Harold Jones' }).click();
    await arrive(page, `**/people/${server.people.mrJones}`);
    await expectHeading(page, /Person record\s*Harold Jones/);
    await expect(page.getByRole('region', { name: 'About Harold Jones' }).isVisible()).resolves.toBe(true);
    await checkA11y(page, 'Harold Jones record');
  }

  /** The add-person form, submitted with no first name and 31 February: the error state. */
  async function submitWithErrors(page: Page, familyName: string): Promise<void> {
    await page.goto('/people/new');
    await expectHeading(page, 'Add a person');
    await checkA11y(page, 'add-person form');
    await page.getByLabel('Last name').fill(familyName);
    await page.getByLabel('Day').fill('31');
    await page.getByLabel('Month').fill('2');
    await page.getByLabel('Year').fill('1950');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.title()).toMatch(/^Error: /);
    const summaryLinks = await page
      .locator('.govuk-error-summary__list a')
      .evaluateAll((links) =>
        links.map((a) => ({ text: a.textContent?.trim() ?? '', href: a.getAttribute('href') ?? '' })),
      );
    expect(summaryLinks.map((l) => l.href)).toEqual(['#givenName', '#dateOfBirth-day']);
    expect(summaryLinks[0]!.text).toBe('Enter the person’s first name');
    expect(summaryLinks[1]!.text).toMatch(/date of birth/i);
    // Each link's target is a real input, and each field shows the same message inline.
    for (const { href } of summaryLinks) {
      expect(await page.locator(`input${href}`).count(), `an input for ${href}`).toBe(1);
    }
    expect(await page.locator('#givenName-error').textContent()).toContain('Enter the person’s first name');
    expect(await page.locator('#dateOfBirth-error').textContent()).toMatch(/date of birth/i);
    await checkA11y(page, 'add-person form with errors');
  }

  /** Correct the form and continue to "Check your answers", then add the person. */
  async function fixCheckAndCreate(page: Page, givenName: string, familyName: string): Promise<void> {
    await page.getByLabel('First name').fill(givenName);
    await page.getByLabel('Day').fill('28');
    await page.getByRole('button', { name: 'Continue' }).click();
    await arrive(page, '**/people/new');
    await expectHeading(page, 'Check your answers before adding this person');
    const answers = await page.locator('.govuk-summary-list').textContent();
    expect(answers).toContain(givenName);
    expect(answers).toContain(familyName);
    expect(answers).toContain('28 February 1950');
    await checkA11y(page, 'check your answers');
    await page.getByRole('button', { name: 'Add person' }).click();
    await arrive(page, /\/people\/[0-9a-f-]{36}$/);
    await expectHeading(page, new RegExp(`Person record\\s*${givenName} ${familyName}`));
    expect(await page.locator('.govuk-notification-banner--success').textContent()).toContain(
      `${givenName} ${familyName} has been added`,
    );
    await checkA11y(page, 'new person record with success banner');
  }

  it('passes axe on the sign-in page (also with an error), the 404 page and the accessibility statement', async () => {
    const { context, page } = await newPage();
    try {
      await visit(page, '/sign-in', 'Sign in');
      await visit(page, '/no-such-page', 'Page not found', 404);
      await visit(page, '/accessibility', 'Accessibility statement');
      // A wrong password: the sign-in page's own error state.
      await page.goto('/sign-in');
      await page.getByLabel('Username').fill('sam.practitioner');
      await page.getByLabel('Password').fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('.govuk-error-summary').waitFor();
      expect(await page.locator('.govuk-error-summary').textContent()).toContain(
        'Enter a correct username and password',
      );
      await checkA11y(page, 'sign-in page with an error');
    } finally {
      await context.close();
    }
  });

  it('signs in, finds Harold Jones, adds a person after fixing errors, shows the timeline and signs out', async () => {
    const { context, page } = await newPage();
    try {
      await signInWithForm(page, 'sam.practitioner');
      await findHaroldJones(page);
      // Every kind of page the record's tabs lead to: people's own, and one rendered from other modules' sections.
      const tabs = page.getByRole('navigation', { name: 'Record sections' });
      for (const [tab, path] of [
        ['Details', '/details'],
        ['Network', '/network'],
        ['Assessments', '/record/assessments'],
      ] as const) {
        await tabs.getByRole('link', { name: tab, exact: true }).click();
        await arrive(page, `**/people/${server.people.mrJones}${path}`);
        await expectHeading(page, new RegExp(`Harold Jones\\s*${tab}`));
        expect(await tabs.locator('[aria-current="page"]').textContent()).toBe(tab);
        await checkA11y(page, `Harold Jones record: ${tab}`);
      }

      await submitWithErrors(page, 'Whitlock');
      // govuk-frontend moves focus to the error summary so screen readers announce it.
      await page.waitForFunction(() => document.activeElement?.classList.contains('govuk-error-summary'), null, {
        timeout: 10_000,
      });
      // Its links move focus to the field (the first name input; the date's day box).
      await page.getByRole('link', { name: 'Enter the person’s first name' }).click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('givenName');
      await page.locator('.govuk-error-summary__list a[href="#dateOfBirth-day"]').click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('dateOfBirth-day');

      await fixCheckAndCreate(page, 'Ruth', 'Whitlock');
      const recordUrl = page.url();

      await page.getByRole('navigation', { name: 'Record sections' }).getByRole('link', { name: 'Timeline' }).click();
      await arrive(page, `${recordUrl}/timeline`);
      await expectHeading(page, 'Timeline');
      await expect(page.getByRole('region', { name: 'About Ruth Whitlock' }).isVisible()).resolves.toBe(true);
      await checkA11y(page, 'timeline');

      await visit(page, '/people/00000000-0000-4000-8000-000000000000', 'Page not found', 404);

      await page.getByRole('button', { name: 'Sign out' }).first().click();
      await arrive(page, '**/signed-out');
      await expectHeading(page, 'You have signed out');
      await checkA11y(page, 'signed out');
      // The session really ended: the record now sends us to sign in.
      await page.goto(recordUrl);
      await expectHeading(page, 'Sign in');
    } finally {
      await context.close();
    }
  });

  it('works with JavaScript switched off: sign in, search, add a person with an error, fix it, check answers, create', async () => {
    const { context, page } = await newPage(false);
    const mirrorContext = await browser.newContext({ baseURL: server.baseUrl });
    mirrors.set(page, await mirrorContext.newPage());
    try {
      await signInWithForm(page, 'sam.practitioner');
      await findHaroldJones(page);
      await submitWithErrors(page, 'Okafor');
      // Without JavaScript the summary sits at the top of the page and its links are plain jumps to the fields.
      await page.getByRole('link', { name: 'Enter the person’s first name' }).click();
      expect(new URL(page.url()).hash).toBe('#givenName');
      await fixCheckAndCreate(page, 'Grace', 'Okafor');
    } finally {
      await mirrorContext.close();
      await context.close();
    }
  });

  it('can sign in, search and answer the timeout warning with the keyboard only', async () => {
    const { context, page } = await newPage();
    try {
      // A controllable clock, so the 25-minute timeout warning can be reached without waiting.
      await page.clock.install();
      await page.goto('/sign-in');
      // The first Tab reaches the skip link; Enter on it moves focus to the main content.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Skip to main content');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content');
      await tabTo(page, 'username');
      await page.keyboard.type('sam.practitioner');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('password');
      await page.keyboard.type(passwordFor('sam.practitioner'));
      await page.keyboard.press('Enter');
      await arrive(page, `${server.baseUrl}/`);

      await tabTo(page, null, 'People');
      await page.keyboard.press('Enter');
      await arrive(page, '**/people');
      await tabTo(page, 'q');
      await page.keyboard.type('Edna Jones');
      await page.keyboard.press('Enter');
      await page.locator('#results').waitFor();
      await tabTo(page, null, 'Edna Jones');
      await page.keyboard.press('Enter');
      await arrive(page, `**/people/${server.people.mrsJones}`);
      await expectHeading(page, /Edna Jones/);

      // WCAG 2.2.1: five minutes before the 30-minute idle limit a dialog offers more time, with
      // focus already on "Stay signed in"; Enter keeps the session and returns to the same page.
      await page.clock.fastForward('25:01');
      await page.locator('#timeout-warning').waitFor({ state: 'visible' });
      expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Stay signed in');
      await checkA11y(page, 'timeout warning');
      await page.keyboard.press('Enter');
      await arrive(page, `**/people/${server.people.mrsJones}`);
      expect(await page.locator('.govuk-notification-banner--success').textContent()).toContain(
        'You are still signed in',
      );
    } finally {
      await context.close();
    }
  });
});

/** Press Tab until the focused element has the id (or, for links, the text); fail after 40 presses. */
async function tabTo(page: Page, id: string | null, text?: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    const focused = await page.evaluate(() => ({
      id: document.activeElement?.id ?? '',
      text: document.activeElement?.textContent?.trim() ?? '',
    }));
    if (id !== null ? focused.id === id : focused.text === text) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${id ?? text}`);
}
